using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Tcp;

public sealed partial class TcpAnalyzer
{
    private void TrackConnection(TcpStreamState st, bool fromA, uint frame, long now, int wireLength, in TcpSegment seg, TcpAnalysisFlags flags)
    {
        ushort f = seg.Flags;
        bool syn = (f & TcpSegment.Syn) != 0, ack = (f & TcpSegment.AckFlag) != 0;
        if (!st.OriginatorKnown)
        {
            // The SYN sender opens the connection; a SYN-ACK names its receiver; otherwise the first sender.
            st.OriginatorIsA = syn && ack ? !fromA : fromA;
            st.OriginatorKnown = true;
        }
        bool orig = fromA == st.OriginatorIsA;
        var me = fromA ? st.A : st.B;
        me.Packets++;
        me.Bytes += wireLength;
        me.PayloadBytes += seg.PayloadLength;
        st.LastTimeNs = now;
        st.LastFrame = frame;
        if (syn)
        {
            if (seg.Mss >= 0) me.Mss = seg.Mss;
            me.OfferedWindowScale = seg.WindowScale;
            me.SackPermitted |= seg.SackPermitted;
            if (!ack && st.SynFrame == 0) st.SynFrame = frame;
            if (ack && st.SynAckFrame == 0) st.SynAckFrame = frame;
        }
        else if (ack && st.SynAckFrame != 0 && st.HandshakeAckFrame == 0 && orig) st.HandshakeAckFrame = frame;

        var h = st.History;
        bool rst = (f & TcpSegment.Rst) != 0, fin = (f & TcpSegment.Fin) != 0;
        if (syn && (fin || rst)) h.Add('Q', orig);
        if (syn && rst) h.Add('I', orig);
        if (syn) h.Add(ack ? 'H' : 'S', orig);
        if (seg.PayloadLength > 0) h.Add('D', orig);
        else if (ack && !syn && !fin && !rst) h.Add('A', orig);
        if (fin) { h.Add('F', orig); me.SawFin = true; }
        if (rst) { h.Add('R', orig); me.SawRst = true; }
        if ((flags & (TcpAnalysisFlags.Retransmission | TcpAnalysisFlags.FastRetransmission | TcpAnalysisFlags.SpuriousRetransmission)) != 0)
        {
            me.Retransmissions++;
            h.Add('T', orig);
        }
        if ((flags & TcpAnalysisFlags.ZeroWindow) != 0) h.Add('W', orig);
        if ((flags & TcpAnalysisFlags.LostSegment) != 0) h.Add('G', orig);
        bool closed = rst || (st.A.SawFin && st.B.SawFin);
        if (closed && !st.Closed) ReleaseOldClosed(st);
        st.Closed = closed;
    }

    /// <summary>Queues a stream that just closed and releases the oldest closed streams beyond the cap.</summary>
    private void ReleaseOldClosed(TcpStreamState justClosed)
    {
        _closed.Enqueue(justClosed);
        while (_closed.Count > _options.MaxClosedStreams)
        {
            var old = _closed.Dequeue();
            // It may have been reopened by a new SYN (a new state object) or released by the stream cap.
            if (!old.Closed || !_streams.TryGetValue(old.Key, out var current) || current != old) continue;
            _streams.Remove(old.Key);
            Retire(old);
            RetiredClosedStreams++;
        }
    }

    /// <summary>Zeek's conn_state from what each side did.</summary>
    public static string ConnState(TcpStreamState st)
    {
        var h = st.History;
        bool origSyn = h.Has('S', true), respSynAck = h.Has('H', false);
        bool origFin = h.Has('F', true), respFin = h.Has('F', false);
        bool origRst = h.Has('R', true), respRst = h.Has('R', false);
        bool established = origSyn && respSynAck;
        if (!origSyn && !respSynAck) return "OTH";
        if (origSyn && !respSynAck)
        {
            if (respRst) return "REJ";
            if (origRst) return "RSTOS0";
            if (origFin) return "SH";
            return "S0";
        }
        if (!origSyn && respSynAck)
        {
            if (respRst) return "RSTRH";
            if (respFin) return "SHR";
            return "OTH";
        }
        if (origRst) return "RSTO";
        if (respRst) return "RSTR";
        if (origFin && respFin) return "SF";
        if (origFin) return "S2";
        if (respFin) return "S3";
        return established ? "S1" : "OTH";
    }

    public static ConnectionSummary Summarize(TcpStreamState st)
    {
        var o = st.Originator;
        var r = st.Responder;
        return new ConnectionSummary(st.Index, st.Key, st.OriginatorIsA, st.FirstTimeNs, st.LastTimeNs,
            o.Bytes, o.Packets, o.PayloadBytes, r.Bytes, r.Packets, r.PayloadBytes,
            st.FirstRttNs, o.Retransmissions + r.Retransmissions, o.Mss, r.Mss, o.OfferedWindowScale, r.OfferedWindowScale,
            o.SackPermitted && r.SackPermitted, st.History.ToString(), ConnState(st));
    }

    /// <summary>Every connection seen so far (released ones first, then the live ones), by stream index.</summary>
    public List<ConnectionSummary> Connections()
    {
        var all = new List<ConnectionSummary>(_finished.Count + _streams.Count);
        all.AddRange(_finished);
        foreach (var st in _streams.Values) all.Add(Summarize(st));
        all.Sort((x, y) => x.Stream.CompareTo(y.Stream));
        return all;
    }

    /// <summary>The live state of a stream by index, or null once released.</summary>
    public TcpStreamState? FindStream(uint index)
    {
        foreach (var st in _streams.Values) if (st.Index == index) return st;
        return null;
    }

    private void Retire(TcpStreamState st)
    {
        if (_options.KeepConnections)
        {
            if (_finished.Count < _options.MaxFinishedConnections) _finished.Add(Summarize(st));
            else DroppedConnectionSummaries++;
        }
    }

    /// <summary>
    /// Keeps the table under its cap: releases closed streams first, then the longest idle, an eighth of
    /// the cap at a time so the scan is paid rarely. A released stream that shows up again gets a new index.
    /// </summary>
    private void ReleaseSome()
    {
        int target = Math.Max(1, _options.MaxStreams / 8);
        var victims = new List<TcpStreamState>(target);
        foreach (var st in _streams.Values) if (st.Closed && victims.Count < target) victims.Add(st);
        if (victims.Count < target)
        {
            var open = new List<TcpStreamState>(_streams.Count);
            foreach (var st in _streams.Values) if (!st.Closed) open.Add(st);
            open.Sort((x, y) => x.LastTimeNs.CompareTo(y.LastTimeNs));
            for (int i = 0; i < open.Count && victims.Count < target; i++)
            {
                victims.Add(open[i]);
                ReleasedOpenStreams++;
            }
        }
        foreach (var st in victims)
        {
            _streams.Remove(st.Key);
            Retire(st);
            ReleasedStreams++;
        }
    }
}
