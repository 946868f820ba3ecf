using System.Runtime.CompilerServices;

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
    /// <summary>False when the IP length is shorter than the TCP header: tcp.len is unknown and
    /// Wireshark skips the sequence analysis (th_have_seglen).</summary>
    public bool HasPayloadLength;

    // Options (-1 / false when absent).
    public int Mss;
    /// <summary>The shift count of a Window Scale option (already capped at 14), -1 when absent.</summary>
    public int WindowScale;
    public bool SackPermitted;
    public bool HasTimestamps;
    public uint TsVal;
    public uint TsEcr;
    /// <summary>Number of SACK blocks (at most <see cref="SackEdges.MaxBlocks"/>); raw sequence numbers in <see cref="Sacks"/>.</summary>
    public int SackBlocks;
    public SackEdges Sacks;

    public const ushort Fin = 0x001, Syn = 0x002, Rst = 0x004, Psh = 0x008, AckFlag = 0x010, Urg = 0x020, Ece = 0x040, Cwr = 0x080, Ns = 0x100;

    public readonly bool Has(ushort flag) => (Flags & flag) != 0;

    public static TcpSegment Empty => new() { Mss = -1, WindowScale = -1 };
}

/// <summary>Left/right edges of up to four SACK blocks: [2i] left, [2i+1] right (raw values).</summary>
[InlineArray(8)]
public struct SackEdges
{
    public const int MaxBlocks = 4;
    private uint _e0;
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

    /// <summary>True when Wireshark has a tcp_acked record for the frame: the [SEQ/ACK analysis] tree is shown.</summary>
    public bool HasSeqAckAnalysis;
    /// <summary>tcp.analysis.rto / rto_frame for retransmissions (0 when not known).</summary>
    public long RtoNs;
    public uint RtoFrame;
    /// <summary>This FIN is the first of the connection (tcp.connection.fin_active) rather than the answer to one.</summary>
    public bool FinActive;
    /// <summary>The other direction's base sequence number, to show SACK edges relative to it.</summary>
    public uint PeerBaseSeq;
    /// <summary>
    /// The connection negotiated Accurate ECN and this is not a SYN: AE, CWR and ECE are shown as the 3-bit ACE
    /// counter (tcp.flags.ace, "ACE=n" in the flag names), as packet-tcp.c does.
    /// </summary>
    public bool UseAce;
}
