using Sniffer.Analysis.Storage;
using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Tcp;

/// <summary>
/// The analysis of every TCP segment as computed on the first pass, so that a later random-access visit
/// (the TUI jumping to frame N) shows exactly the same thing without touching the stream state.
/// Records are appended in frame order (the first pass is sequential); 4 bytes per segment stay in
/// memory (the frame number), the 100-byte records themselves go to a spill file.
/// </summary>
public sealed class FrameAnalysisTable : IDisposable
{
    private readonly FrameRecordLog<Record> _log = new();

    private struct Record
    {
        public uint Stream, RelSeq, RelAck, NextSeq, WindowSize, PeerBaseSeq;
        public long TimeRelativeNs, TimeDeltaNs, InitialRttNs;
        public short ScaleFactor;
        public ushort Flags;
        public byte Completeness;
        public byte Bits;
        public uint AcksFrame, BytesInFlight, PushBytesSent, DupAckNum, DupAckFrame, RtoFrame;
        public long AckRttNs, RtoNs;
    }

    private const byte HasNextSeqBit = 1, HasSeqAckBit = 2, FinActiveBit = 4;

    public int Count => _log.Count;
    /// <summary>Bytes held in memory for the table (the records are on disk).</summary>
    public long ApproximateBytes => _log.MemoryBytes;

    public void Add(uint frame, in TcpAnalysis a)
    {
        _log.Add(frame, new Record
        {
            Stream = a.Stream, RelSeq = a.RelSeq, RelAck = a.RelAck, NextSeq = a.NextSeq, WindowSize = (uint)a.WindowSize,
            PeerBaseSeq = a.PeerBaseSeq, TimeRelativeNs = a.TimeRelativeNs, TimeDeltaNs = a.TimeDeltaNs, InitialRttNs = a.InitialRttNs,
            ScaleFactor = (short)a.ScaleFactor, Flags = (ushort)a.Flags, Completeness = a.Completeness,
            Bits = (byte)((a.HasNextSeq ? HasNextSeqBit : 0) | (a.HasSeqAckAnalysis ? HasSeqAckBit : 0) | (a.FinActive ? FinActiveBit : 0)),
            AcksFrame = a.AcksFrame, AckRttNs = a.AckRttNs, BytesInFlight = (uint)a.BytesInFlight, PushBytesSent = (uint)a.PushBytesSent,
            DupAckNum = a.DuplicateAckNum, DupAckFrame = a.DuplicateAckFrame, RtoNs = a.RtoNs, RtoFrame = a.RtoFrame,
        });
    }

    /// <summary>The stored analysis of the <paramref name="layer"/>-th TCP header of a frame (0 for the usual single one).</summary>
    public bool TryGet(uint frame, int layer, out TcpAnalysis a)
    {
        a = default;
        if (!_log.TryGet(frame, layer, out var r)) return false;
        a.Valid = true;
        a.Stream = r.Stream; a.RelSeq = r.RelSeq; a.RelAck = r.RelAck; a.NextSeq = r.NextSeq; a.WindowSize = r.WindowSize;
        a.PeerBaseSeq = r.PeerBaseSeq; a.TimeRelativeNs = r.TimeRelativeNs; a.TimeDeltaNs = r.TimeDeltaNs; a.InitialRttNs = r.InitialRttNs;
        a.ScaleFactor = r.ScaleFactor; a.Flags = (TcpAnalysisFlags)r.Flags; a.Completeness = r.Completeness;
        a.HasNextSeq = (r.Bits & HasNextSeqBit) != 0; a.HasSeqAckAnalysis = (r.Bits & HasSeqAckBit) != 0; a.FinActive = (r.Bits & FinActiveBit) != 0;
        a.AcksFrame = r.AcksFrame; a.AckRttNs = r.AckRttNs; a.BytesInFlight = r.BytesInFlight; a.PushBytesSent = r.PushBytesSent;
        a.DuplicateAckNum = r.DupAckNum; a.DuplicateAckFrame = r.DupAckFrame; a.RtoNs = r.RtoNs; a.RtoFrame = r.RtoFrame;
        return true;
    }

    public void Dispose() => _log.Dispose();
}
