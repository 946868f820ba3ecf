using static Sniffer.Analysis.Tcp.TcpSeq;

namespace Sniffer.Analysis.Tcp;

/// <summary>Receives the in-order bytes of one direction of a TCP stream.</summary>
public interface IStreamConsumer
{
    /// <summary>New contiguous bytes, first seen in <paramref name="frame"/> (for out-of-order data, the frame that closed the gap).</summary>
    void OnData(bool fromA, uint frame, long timeNs, ReadOnlySpan<byte> data);
    /// <summary>Bytes that will never arrive (a gap left at the end, or data dropped at a cap).</summary>
    void OnGap(bool fromA, long missingBytes) { }
}

public sealed class ReassemblyLimits
{
    /// <summary>Out-of-order bytes buffered per direction before further ones are dropped.</summary>
    public int MaxBufferedPerDirection { get; init; } = 4 * 1024 * 1024;
    /// <summary>Out-of-order bytes buffered across all streams.</summary>
    public long MaxBufferedTotal { get; init; } = 64 * 1024 * 1024;
}

/// <summary>Counters of what a cap kept out; shown in reports so that silence is never mistaken for completeness.</summary>
public sealed class ReassemblyStats
{
    public long DeliveredBytes;
    public long DuplicateBytes;
    public long BufferedBytes;
    public long DroppedAtDirectionCap;
    public long DroppedAtGlobalCap;
    public long GapBytes;
}

/// <summary>
/// Rebuilds the byte stream of each direction of one TCP connection (gopacket's reassembly/tcpassembly.go
/// in spirit): bytes already delivered (retransmissions, overlaps) are skipped, first copy wins; data
/// after a hole waits in a small sorted buffer until the hole fills; <see cref="Flush"/> gives up on
/// holes at the end. Buffering is capped per direction and globally; what a cap refuses is counted.
/// </summary>
public sealed class StreamReassembler
{
    private readonly Direction _a = new(), _b = new();
    private readonly ReassemblyLimits _limits;
    private readonly ReassemblyStats _stats;
    private readonly IStreamConsumer _consumer;

    public StreamReassembler(IStreamConsumer consumer, ReassemblyLimits? limits = null, ReassemblyStats? sharedStats = null)
    {
        _consumer = consumer;
        _limits = limits ?? new ReassemblyLimits();
        _stats = sharedStats ?? new ReassemblyStats();
    }

    public ReassemblyStats Stats => _stats;

    private sealed class Direction
    {
        public bool Started;
        public uint Next;
        public bool Finished;
        public readonly List<Pending> Pending = new();
        public int PendingBytes;
    }

    private readonly record struct Pending(uint Seq, byte[] Data, uint Frame, long TimeNs);

    /// <summary>Feeds one segment (raw sequence number, TCP flags, the captured payload).</summary>
    public void Add(bool fromA, uint frame, long timeNs, uint seq, ushort flags, ReadOnlySpan<byte> payload)
    {
        var d = fromA ? _a : _b;
        const ushort Syn = 0x002, Fin = 0x001, Rst = 0x004;
        if (!d.Started)
        {
            if ((flags & Syn) != 0) { d.Started = true; d.Next = seq + 1; seq++; }
            else if (payload.Length > 0) { d.Started = true; d.Next = seq; }
            else return;
        }
        else if ((flags & Syn) != 0) seq++;
        if (payload.Length > 0) Accept(fromA, d, frame, timeNs, seq, payload);
        if ((flags & (Fin | Rst)) != 0) d.Finished = true;
    }

    private void Accept(bool fromA, Direction d, uint frame, long timeNs, uint seq, ReadOnlySpan<byte> payload)
    {
        if (Lt(seq, d.Next))
        {
            // Partly or wholly seen before: keep only what lies beyond what was delivered.
            uint seen = d.Next - seq;
            if (seen >= (uint)payload.Length) { _stats.DuplicateBytes += payload.Length; return; }
            _stats.DuplicateBytes += seen;
            payload = payload[(int)seen..];
            seq = d.Next;
        }
        if (seq == d.Next)
        {
            Deliver(fromA, d, frame, timeNs, payload);
            DrainPending(fromA, d);
            return;
        }
        Buffer(d, frame, timeNs, seq, payload);
    }

    private void Deliver(bool fromA, Direction d, uint frame, long timeNs, ReadOnlySpan<byte> data)
    {
        d.Next += (uint)data.Length;
        _stats.DeliveredBytes += data.Length;
        _consumer.OnData(fromA, frame, timeNs, data);
    }

    private void Buffer(Direction d, uint frame, long timeNs, uint seq, ReadOnlySpan<byte> payload)
    {
        if (d.PendingBytes + payload.Length > _limits.MaxBufferedPerDirection) { _stats.DroppedAtDirectionCap += payload.Length; return; }
        if (_stats.BufferedBytes + payload.Length > _limits.MaxBufferedTotal) { _stats.DroppedAtGlobalCap += payload.Length; return; }
        int at = d.Pending.Count;
        while (at > 0 && Gt(d.Pending[at - 1].Seq, seq)) at--;
        d.Pending.Insert(at, new Pending(seq, payload.ToArray(), frame, timeNs));
        d.PendingBytes += payload.Length;
        _stats.BufferedBytes += payload.Length;
    }

    private void DrainPending(bool fromA, Direction d)
    {
        while (d.Pending.Count > 0 && Le(d.Pending[0].Seq, d.Next))
        {
            var p = d.Pending[0];
            d.Pending.RemoveAt(0);
            d.PendingBytes -= p.Data.Length;
            _stats.BufferedBytes -= p.Data.Length;
            uint seen = d.Next - p.Seq;
            if (seen >= (uint)p.Data.Length) { _stats.DuplicateBytes += p.Data.Length; continue; }
            _stats.DuplicateBytes += seen;
            Deliver(fromA, d, p.Frame, p.TimeNs, p.Data.AsSpan((int)seen));
        }
    }

    /// <summary>
    /// The peer acknowledged <paramref name="ack"/> on the direction <paramref name="fromA"/>: if data waits behind a
    /// hole the ACK covers, the hole was received but not captured; skip it (reported as a gap) and deliver.
    /// </summary>
    public void SkipAcknowledgedGap(bool fromA, uint frame, long timeNs, uint ack)
    {
        var d = fromA ? _a : _b;
        if (!d.Started || d.Pending.Count == 0) return;
        uint lowest = d.Pending[0].Seq;
        if (!Gt(lowest, d.Next) || !Ge(ack, lowest)) return;
        long missing = lowest - d.Next;
        _stats.GapBytes += missing;
        _consumer.OnGap(fromA, missing);
        d.Next = lowest;
        DrainPending(fromA, d);
    }

    /// <summary>
    /// End of input. With <paramref name="deliverAfterGaps"/>, what waits behind holes is delivered in order and
    /// each hole reported as a gap; without (tshark's follow), it is discarded and only counted.
    /// </summary>
    public void Flush(bool deliverAfterGaps = true)
    {
        FlushDirection(true, _a, deliverAfterGaps);
        FlushDirection(false, _b, deliverAfterGaps);
    }

    private void FlushDirection(bool fromA, Direction d, bool deliver)
    {
        if (!deliver)
        {
            foreach (var p in d.Pending) _stats.GapBytes += p.Data.Length;
            _stats.BufferedBytes -= d.PendingBytes;
            d.Pending.Clear();
            d.PendingBytes = 0;
            return;
        }
        while (d.Pending.Count > 0)
        {
            var p = d.Pending[0];
            if (Gt(p.Seq, d.Next))
            {
                long missing = p.Seq - d.Next;
                _stats.GapBytes += missing;
                _consumer.OnGap(fromA, missing);
                d.Next = p.Seq;
            }
            DrainPending(fromA, d);
        }
    }
}
