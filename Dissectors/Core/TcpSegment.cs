namespace Sniffer.Dissectors.Core;

/// <summary>The TCP header of one segment, parsed once and handed to the analyzer.</summary>
public struct TcpSegment
{
    public ushort SrcPort;
    public ushort DstPort;
    public uint Seq;
    public uint Ack;
    /// <summary>The 12 flag bits (NS..FIN), tcp.flags.</summary>
    public ushort Flags;
    public ushort Window;
    public ushort UrgentPointer;
    public int HeaderLength;
    /// <summary>tcp.len: payload bytes on the wire (from the IP length), even when not all were captured.</summary>
    public int PayloadLength;
    public int PayloadOffset;

    // Options (-1 / false when absent).
    public int Mss;
    public int WindowScale;
    public bool SackPermitted;
    public bool HasTimestamps;
    public uint TsVal;
    public uint TsEcr;
    public int SackBlocks;
    public uint Sack0Left, Sack0Right;

    public const ushort Fin = 0x001, Syn = 0x002, Rst = 0x004, Psh = 0x008, AckFlag = 0x010, Urg = 0x020, Ece = 0x040, Cwr = 0x080, Ns = 0x100;

    public readonly bool Has(ushort flag) => (Flags & flag) != 0;
}

[Flags]
public enum TcpAnalysisFlags : uint
{
    None = 0,
    Retransmission = 1 << 0,
    FastRetransmission = 1 << 1,
    SpuriousRetransmission = 1 << 2,
    OutOfOrder = 1 << 3,
    LostSegment = 1 << 4,
    AckLostSegment = 1 << 5,
    DuplicateAck = 1 << 6,
    ZeroWindow = 1 << 7,
    ZeroWindowProbe = 1 << 8,
    ZeroWindowProbeAck = 1 << 9,
    WindowFull = 1 << 10,
    WindowUpdate = 1 << 11,
    KeepAlive = 1 << 12,
    KeepAliveAck = 1 << 13,
    ReusedPorts = 1 << 14,
}

/// <summary>What TCP analysis says about one segment (Wireshark's tcp_analysis / tcp_acked data).</summary>
public struct TcpAnalysis
{
    public bool Valid;
    public uint Stream;
    public uint RelSeq;
    public uint RelAck;
    /// <summary>tcp.nxtseq; 0 when the segment carries no sequence space.</summary>
    public uint NextSeq;
    public bool HasNextSeq;
    /// <summary>Calculated window (tcp.window_size); -1 when unknown.</summary>
    public long WindowSize;
    /// <summary>-1: unknown (no handshake seen), -2: no scaling used, else the multiplier.</summary>
    public int ScaleFactor;
    public TcpAnalysisFlags Flags;
    public uint DuplicateAckNum;
    public uint DuplicateAckFrame;
    public uint AcksFrame;
    public long AckRttNs;
    public long InitialRttNs;
    public long BytesInFlight;
    public long PushBytesSent;
    public long TimeRelativeNs;
    public long TimeDeltaNs;
    /// <summary>tcp.completeness bit mask (SYN=1, SYN-ACK=2, ACK=4, DATA=8, FIN=16, RST=32).</summary>
    public byte Completeness;
}
