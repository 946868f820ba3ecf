using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Tcp;

/// <summary>
/// The analysis of every TCP segment as computed on the first pass, so that a later random-access visit
/// (the TUI jumping to frame N) shows exactly the same thing without touching the stream state.
/// Records are appended in frame order (the first pass is sequential), so a lookup is a binary search
/// over the frame numbers. About 60 bytes per segment, plus 40 for the rarer ones with ACK/RTT details.
/// </summary>
public sealed class FrameAnalysisTable
{
    private const int ChunkBits = 14;
    private const int ChunkSize = 1 << ChunkBits;

    private readonly List<uint[]> _frames = new();
    private readonly List<Record[]> _records = new();
    private readonly List<Extra> _extras = new();
    private int _count;

    private struct Record
    {
        public uint Stream, RelSeq, RelAck, NextSeq, WindowSize, PeerBaseSeq;
        public long TimeRelativeNs, TimeDeltaNs, InitialRttNs;
        public int ExtraIndex;
        public short ScaleFactor;
        public ushort Flags;
        public byte Completeness;
        public byte Bits;
    }

    private struct Extra
    {
        public uint AcksFrame, BytesInFlight, PushBytesSent, DupAckNum, DupAckFrame, RtoFrame;
        public long AckRttNs, RtoNs;
    }

    private const byte HasNextSeqBit = 1, HasSeqAckBit = 2, FinActiveBit = 4;

    public int Count => _count;
    public long ApproximateBytes => (long)_records.Count * ChunkSize * 64 + _extras.Capacity * 40L;

    public void Add(uint frame, in TcpAnalysis a)
    {
        int chunk = _count >> ChunkBits, slot = _count & (ChunkSize - 1);
        if (chunk == _records.Count)
        {
            _records.Add(new Record[ChunkSize]);
            _frames.Add(new uint[ChunkSize]);
        }
        int extra = -1;
        if (a.AcksFrame != 0 || a.BytesInFlight != 0 || a.PushBytesSent != 0 || a.DuplicateAckNum != 0 || a.RtoFrame != 0)
        {
            extra = _extras.Count;
            _extras.Add(new Extra
            {
                AcksFrame = a.AcksFrame, AckRttNs = a.AckRttNs, BytesInFlight = (uint)a.BytesInFlight, PushBytesSent = (uint)a.PushBytesSent,
                DupAckNum = a.DuplicateAckNum, DupAckFrame = a.DuplicateAckFrame, RtoNs = a.RtoNs, RtoFrame = a.RtoFrame,
            });
        }
        _frames[chunk][slot] = frame;
        _records[chunk][slot] = new Record
        {
            Stream = a.Stream, RelSeq = a.RelSeq, RelAck = a.RelAck, NextSeq = a.NextSeq, WindowSize = (uint)a.WindowSize,
            PeerBaseSeq = a.PeerBaseSeq, TimeRelativeNs = a.TimeRelativeNs, TimeDeltaNs = a.TimeDeltaNs, InitialRttNs = a.InitialRttNs,
            ExtraIndex = extra, ScaleFactor = (short)a.ScaleFactor, Flags = (ushort)a.Flags, Completeness = a.Completeness,
            Bits = (byte)((a.HasNextSeq ? HasNextSeqBit : 0) | (a.HasSeqAckAnalysis ? HasSeqAckBit : 0) | (a.FinActive ? FinActiveBit : 0)),
        };
        _count++;
    }

    /// <summary>The stored analysis of the <paramref name="layer"/>-th TCP header of a frame (0 for the usual single one).</summary>
    public bool TryGet(uint frame, int layer, out TcpAnalysis a)
    {
        a = default;
        int lo = 0, hi = _count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            uint f = _frames[mid >> ChunkBits][mid & (ChunkSize - 1)];
            if (f < frame) lo = mid + 1;
            else { if (f == frame) found = mid; hi = mid - 1; }
        }
        if (found < 0) return false;
        int index = found + layer;
        if (index >= _count || _frames[index >> ChunkBits][index & (ChunkSize - 1)] != frame) return false;
        ref readonly var r = ref _records[index >> ChunkBits][index & (ChunkSize - 1)];
        a.Valid = true;
        a.Stream = r.Stream; a.RelSeq = r.RelSeq; a.RelAck = r.RelAck; a.NextSeq = r.NextSeq; a.WindowSize = r.WindowSize;
        a.PeerBaseSeq = r.PeerBaseSeq; a.TimeRelativeNs = r.TimeRelativeNs; a.TimeDeltaNs = r.TimeDeltaNs; a.InitialRttNs = r.InitialRttNs;
        a.ScaleFactor = r.ScaleFactor; a.Flags = (TcpAnalysisFlags)r.Flags; a.Completeness = r.Completeness;
        a.HasNextSeq = (r.Bits & HasNextSeqBit) != 0; a.HasSeqAckAnalysis = (r.Bits & HasSeqAckBit) != 0; a.FinActive = (r.Bits & FinActiveBit) != 0;
        if (r.ExtraIndex >= 0)
        {
            var e = _extras[r.ExtraIndex];
            a.AcksFrame = e.AcksFrame; a.AckRttNs = e.AckRttNs; a.BytesInFlight = e.BytesInFlight; a.PushBytesSent = e.PushBytesSent;
            a.DuplicateAckNum = e.DupAckNum; a.DuplicateAckFrame = e.DupAckFrame; a.RtoNs = e.RtoNs; a.RtoFrame = e.RtoFrame;
        }
        return true;
    }
}
