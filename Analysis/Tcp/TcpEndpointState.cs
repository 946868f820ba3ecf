namespace Sniffer.Analysis.Tcp;

/// <summary>
/// What the analysis remembers about one direction of a TCP stream (Wireshark's tcp_flow_t with its
/// tcp_analyze_seq_flow_info_t). Raw 32-bit sequence numbers; 0 in NextSeq/MaxSeqToBeAcked/LastAck
/// means "not seen yet", exactly as packet-tcp.c treats it, so that our answers match tshark's.
/// </summary>
public sealed class TcpEndpointState
{
    public const byte BaseSeqSet = 1, SawSyn = 2, SawSynAck = 4;

    public uint BaseSeq;
    public byte StaticFlags;

    public uint NextSeq;
    public uint NextSeqFrame;
    public long NextSeqTimeNs;
    public uint MaxSeqToBeAcked;
    public uint LastAck;
    public long LastAckTimeNs;
    public uint LastNonDupAckFrame;
    public int DupAckNum;

    /// <summary>Last raw window seen; uint.MaxValue until the first segment.</summary>
    public uint Window = uint.MaxValue;
    /// <summary>Window scale shift; -1 unknown, -2 no scaling.</summary>
    public int WinScale = -1;
    public bool IsFirstAck;
    public bool ValidBytesInFlight = true;
    public uint PushBytesSent;
    public bool PushSetLast;
    public bool ClosingInitiator;
    public Sniffer.Dissectors.Core.TcpAnalysisFlags LastSegmentFlags;

    /// <summary>SACK blocks of the last segment sent in this direction (subtracted from the peer's bytes in flight).</summary>
    public int NumSackRanges;
    // Inline rather than two small arrays: a stream's state is kept for tens of thousands of streams.
    public SackRanges SackLeft;
    public SackRanges SackRight;

    /// <summary>Segments sent in this direction and not yet acknowledged, oldest first.</summary>
    public UnackedList Unacked;

    // Connection bookkeeping (for -z conn and the TUI).
    public long Bytes;
    public long Packets;
    public long PayloadBytes;
    public int Mss = -1;
    public int OfferedWindowScale = -1;
    public bool SackPermitted;
    public int Retransmissions;
    public bool SawFin;
    public bool SawRst;
}

/// <summary>The edges of up to four SACK blocks (one side of each), kept inside the endpoint's state.</summary>
[System.Runtime.CompilerServices.InlineArray(4)]
public struct SackRanges
{
    private uint _first;
}

/// <summary>A growable array of unacknowledged segments; grows once and is then reused.</summary>
public struct UnackedList
{
    public struct Segment
    {
        public uint Frame;
        public uint Seq;
        public uint NextSeq;
        public long TimeNs;
    }

    private Segment[]? _items;
    private int _count;

    public readonly int Count => _count;
    public readonly ref Segment this[int i] => ref _items![i];

    public void Add(uint frame, uint seq, uint nextSeq, long timeNs)
    {
        if (_items is null) _items = new Segment[4];
        else if (_count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[_count++] = new Segment { Frame = frame, Seq = seq, NextSeq = nextSeq, TimeNs = timeNs };
    }

    public void RemoveAt(int index)
    {
        _count--;
        if (index < _count) Array.Copy(_items!, index + 1, _items!, index, _count - index);
        else if (_count == 0) ShrinkIfLarge();
    }

    public void Clear()
    {
        _count = 0;
        ShrinkIfLarge();
    }

    // A burst of unacknowledged segments (a fast download) grows the array to thousands of entries; an
    // idle stream must not keep that for the rest of the capture when tens of thousands of streams are live.
    private void ShrinkIfLarge()
    {
        if (_items is { Length: > 16 }) _items = null;
    }
}
