using Sniffer.Dissectors.Core;
using static Sniffer.Analysis.Tcp.TcpSeq;

namespace Sniffer.Analysis.Tcp;

public sealed partial class TcpAnalyzer
{
    private const ushort SynFinRst = TcpSegment.Syn | TcpSegment.Fin | TcpSegment.Rst;

    /// <summary>
    /// tcp_analyze_sequence_number, check for check in Wireshark's order: the first matching
    /// classification can end the chain (a zero-window probe is nothing else; a keep-alive is no
    /// retransmission), so the order is part of the answer.
    /// </summary>
    private void AnalyzeSequence(TcpStreamState st, TcpEndpointState fwd, TcpEndpointState rev, uint frame, long now,
        uint seq, uint ack, uint seglen, ushort flags, uint window, ref SegmentResult ta)
    {
        bool syn = (flags & TcpSegment.Syn) != 0;
        // Base sequence numbers: the ISN from the SYN, else seq - 1 so the first byte seen is 1 (bug 1542);
        // the peer's from the first ACK we see (ack - 1).
        if ((fwd.StaticFlags & TcpEndpointState.BaseSeqSet) == 0)
        {
            if (syn)
            {
                fwd.BaseSeq = seq;
                fwd.StaticFlags |= (flags & TcpSegment.AckFlag) != 0 ? TcpEndpointState.SawSynAck : TcpEndpointState.SawSyn;
            }
            else fwd.BaseSeq = seq - 1;
            fwd.StaticFlags |= TcpEndpointState.BaseSeqSet;
        }
        if ((rev.StaticFlags & TcpEndpointState.BaseSeqSet) == 0 && (flags & TcpSegment.AckFlag) != 0)
        {
            rev.BaseSeq = ack - 1;
            rev.StaticFlags |= TcpEndpointState.BaseSeqSet;
        }
        if ((flags & TcpSegment.AckFlag) != 0) rev.ValidBytesInFlight = true;

        ClassifyForward(fwd, rev, frame, seq, ack, seglen, flags, window, ref ta);

        // The ACK changed: restart duplicate-ACK counting.
        if (ack != fwd.LastAck)
        {
            fwd.LastNonDupAckFrame = frame;
            fwd.DupAckNum = 0;
        }

        // ACKED LOST PACKET: this acknowledges bytes we never saw going the other way. If the other side sent
        // more since the last report, move its 'max seq to be acked' up to its nextseq and report. If not, the
        // gap was already reported: tshark 4.0.17 reports it again only when the other side has sent a new ACK
        // since (its dup-ACK counter is back at 0; -1 marks the report), so a peer that keeps sending with the
        // same ACK does not repeat it (ppa__http_espn #892), while a new ACK beyond it does (of13_ericsson #89).
        if (rev.MaxSeqToBeAcked != 0 && Gt(ack, rev.MaxSeqToBeAcked) && (flags & TcpSegment.AckFlag) != 0)
        {
            ta.Exists = true;
            if (Lt(rev.MaxSeqToBeAcked, rev.NextSeq))
            {
                rev.MaxSeqToBeAcked = rev.NextSeq;
                ta.Set(TcpAnalysisFlags.AckLostSegment);
            }
            else
            {
                if (rev.DupAckNum == 0) ta.Set(TcpAnalysisFlags.AckLostSegment);
                rev.DupAckNum = -1;
            }
        }

        if (seglen > 0 || (flags & (TcpSegment.Syn | TcpSegment.Fin)) != 0)
            ClassifyRetransmission(st, fwd, rev, now, seq, seglen, flags, ref ta);

        RecordSegment(fwd, frame, now, seq, seglen, flags, window, ack, ref ta);
        ProcessAck(fwd, rev, now, ack, ref ta);
        BytesInFlight(fwd, rev, seglen, flags, ref ta);
    }

    private static void ClassifyForward(TcpEndpointState fwd, TcpEndpointState rev, uint frame, uint seq, uint ack, uint seglen,
        ushort flags, uint window, ref SegmentResult ta)
    {
        // ZERO WINDOW PROBE: one byte at the next expected sequence number into a closed window. Nothing else applies.
        if (seglen == 1 && seq == fwd.NextSeq && rev.Window == 0)
        {
            ta.Set(TcpAnalysisFlags.ZeroWindowProbe);
            return;
        }
        // ZERO WINDOW: an advertised window of 0 on a segment without SYN/FIN/RST.
        if (window == 0 && (flags & SynFinRst) == 0) ta.Set(TcpAnalysisFlags.ZeroWindow);

        // LOST PACKET: beyond the highest sequence number seen so far (not for RSTs).
        if (fwd.NextSeq != 0 && Gt(seq, fwd.NextSeq) && (flags & TcpSegment.Rst) == 0)
        {
            ta.Set(TcpAnalysisFlags.LostSegment);
            fwd.ValidBytesInFlight = false;
        }

        // KEEP ALIVE: 0 or 1 byte starting one byte before the next expected sequence number.
        if (seglen <= 1 && seq == fwd.NextSeq - 1 && (flags & SynFinRst) == 0) ta.Set(TcpAnalysisFlags.KeepAlive);

        // WINDOW UPDATE: no data, same SEQ/ACK as before, a different non-zero window.
        if (seglen == 0 && window != 0 && window != fwd.Window && seq == fwd.NextSeq && ack == fwd.LastAck && (flags & SynFinRst) == 0)
            ta.Set(TcpAnalysisFlags.WindowUpdate);

        // WINDOW FULL: the data reaches exactly the right edge of the receiver's advertised window.
        if (seglen > 0 && rev.WinScale != -1 && (flags & SynFinRst) == 0)
        {
            int shift = rev.IsFirstAck || rev.WinScale == -2 ? 0 : rev.WinScale;
            if (seq + seglen == rev.LastAck + (rev.Window << shift)) ta.Set(TcpAnalysisFlags.WindowFull);
        }

        bool sameAsBefore = seglen == 0 && window == fwd.Window && seq == fwd.NextSeq && ack == fwd.LastAck && (flags & SynFinRst) == 0;
        // KEEP ALIVE ACK: repeats the previous ACK right after a keep-alive from the other side.
        if (sameAsBefore && window != 0 && (rev.LastSegmentFlags & TcpAnalysisFlags.KeepAlive) != 0)
        {
            ta.Set(TcpAnalysisFlags.KeepAliveAck);
            return;
        }
        // ZERO WINDOW PROBE ACK: repeats the previous ACK and zero window right after a probe.
        if (sameAsBefore && window == 0 && (rev.LastSegmentFlags & TcpAnalysisFlags.ZeroWindowProbe) != 0)
        {
            ta.Set(TcpAnalysisFlags.ZeroWindowProbeAck);
            return;
        }
        // DUPLICATE ACK: no data, same window, SEQ and ACK as the previous segment.
        if (sameAsBefore && window != 0)
        {
            // -1 marks an ACKed-unseen report against this side: the first duplicate after it counts as #1.
            fwd.DupAckNum = fwd.DupAckNum == -1 ? 1 : fwd.DupAckNum + 1;
            ta.Set(TcpAnalysisFlags.DuplicateAck);
            ta.DupAckNum = (uint)fwd.DupAckNum;
            ta.DupAckFrame = fwd.LastNonDupAckFrame;
        }
    }

    /// <summary>RETRANSMISSION / FAST RETRANSMISSION / SPURIOUS / OUT-OF-ORDER for segments that carry sequence space.</summary>
    private void ClassifyRetransmission(TcpStreamState st, TcpEndpointState fwd, TcpEndpointState rev, long now, uint seq, uint seglen,
        ushort flags, ref SegmentResult ta)
    {
        if ((ta.Flags & TcpAnalysisFlags.KeepAlive) != 0) return;
        bool seqNotAdvanced = fwd.NextSeq != 0 && Lt(seq, fwd.NextSeq);
        // New data starting one byte early follows a zero-window probe: not a retransmission.
        if (seglen > 1 && fwd.NextSeq - 1 == seq) seqNotAdvanced = false;

        // SPURIOUS: everything in it was already acknowledged.
        if (seglen > 0 && rev.LastAck != 0 && Le(seq + seglen, rev.LastAck))
        {
            ta.Set(TcpAnalysisFlags.SpuriousRetransmission);
            return;
        }
        // FAST RETRANSMISSION: at least two duplicate ACKs asked for exactly this, within 20 ms of the last one.
        ulong sinceAck = (ulong)(now - rev.LastAckTimeNs);
        if (seqNotAdvanced && rev.DupAckNum >= 2 && rev.LastAck == seq && sinceAck < 20_000_000UL)
        {
            ta.Set(TcpAnalysisFlags.FastRetransmission);
            return;
        }
        // OUT-OF-ORDER: close in time (the handshake RTT, else 3 ms) to the highest segment, and not a plain resend of it.
        ulong sinceNext = (ulong)(now - fwd.NextSeqTimeNs);
        ulong threshold = st.FirstRttNs == 0 ? 3_000_000UL : (ulong)st.FirstRttNs;
        uint end = seq + seglen + ((flags & (TcpSegment.Syn | TcpSegment.Fin)) != 0 ? 1u : 0u);
        if (seqNotAdvanced && sinceNext < threshold && fwd.NextSeq != end)
        {
            ta.Set(TcpAnalysisFlags.OutOfOrder);
            return;
        }
        if (seqNotAdvanced)
        {
            ta.Set(TcpAnalysisFlags.Retransmission);
            // The RTO: from the highest segment, or better from the oldest unacknowledged one.
            ta.RtoNs = now - fwd.NextSeqTimeNs;
            ta.RtoFrame = fwd.NextSeqFrame;
            if (fwd.Unacked.Count > 0)
            {
                ref var oldest = ref fwd.Unacked[0];
                ta.RtoNs = now - oldest.TimeNs;
                ta.RtoFrame = oldest.Frame;
            }
        }
    }

    private void RecordSegment(TcpEndpointState fwd, uint frame, long now, uint seq, uint seglen, ushort flags, uint window, uint ack, ref SegmentResult ta)
    {
        uint nextSeq = seq + seglen;
        bool synFin = (flags & (TcpSegment.Syn | TcpSegment.Fin)) != 0;
        // As in Wireshark, SYN/FIN count for one byte only when the segment could be listed.
        if (seglen != 0 || synFin)
        {
            if (fwd.Unacked.Count < _options.MaxUnackedSegments)
            {
                if (synFin) nextSeq++;
                fwd.Unacked.Add(frame, seq, nextSeq, now);
            }
            else UntrackedUnackedSegments++;
        }

        bool probe = (ta.Flags & TcpAnalysisFlags.ZeroWindowProbe) != 0;
        // The highest nextseq so far; a zero-window probe does not advance it.
        if ((Gt(nextSeq, fwd.NextSeq) || fwd.NextSeq == 0) && !probe)
        {
            fwd.NextSeq = nextSeq;
            fwd.NextSeqFrame = frame;
            fwd.NextSeqTimeNs = now;
        }
        // The highest contiguous sequence number, for "ACKed unseen segment".
        if ((seq == fwd.MaxSeqToBeAcked || fwd.MaxSeqToBeAcked == 0) && !probe) fwd.MaxSeqToBeAcked = fwd.NextSeq;

        fwd.Window = window;
        fwd.LastAck = ack;
        fwd.LastAckTimeNs = now;
        fwd.LastSegmentFlags = ta.Exists ? ta.Flags : TcpAnalysisFlags.None;
    }

    /// <summary>Removes what this ACK covers from the other direction's list, noting the frame it acknowledges and the RTT.</summary>
    private static void ProcessAck(TcpEndpointState fwd, TcpEndpointState rev, long now, uint ack, ref SegmentResult ta)
    {
        // Wireshark walks its list newest first; ours is oldest first, so walk it backwards.
        for (int i = rev.Unacked.Count - 1; i >= 0; i--)
        {
            ref var u = ref rev.Unacked[i];
            if (ack == u.NextSeq)
            {
                ta.Exists = true;
                ta.FrameAcked = u.Frame;
                ta.AckRttNs = now - u.TimeNs;
            }
            else if (Gt(ack, u.Seq) && Le(ack, u.NextSeq))
            {
                u.Seq = ack;   // partly acknowledged
                continue;
            }
            else if (Gt(u.NextSeq, ack))
            {
                continue;
            }
            rev.Unacked.RemoveAt(i);
        }
    }

    /// <summary>Bytes in flight (from the unacknowledged payloads, minus SACKed blocks) and bytes since the last PSH.</summary>
    private static void BytesInFlight(TcpEndpointState fwd, TcpEndpointState rev, uint seglen, ushort flags, ref SegmentResult ta)
    {
        if (seglen == 0 || fwd.Unacked.Count == 0 || !fwd.ValidBytesInFlight) return;
        ref var newest = ref fwd.Unacked[fwd.Unacked.Count - 1];
        uint first = newest.Seq - fwd.BaseSeq, last = newest.NextSeq - fwd.BaseSeq;
        for (int i = fwd.Unacked.Count - 1; i >= 0; i--)
        {
            ref var u = ref fwd.Unacked[i];
            uint s = u.Seq - fwd.BaseSeq, e = u.NextSeq - fwd.BaseSeq;
            if (e > last) last = e;
            if (s < first) first = s;
        }
        uint inFlight = last - first;
        if (rev.NumSackRanges > 0)
        {
            uint delivered = 0;
            for (int i = 0; i < rev.NumSackRanges; i++) delivered += rev.SackRight[i] - rev.SackLeft[i];
            inFlight -= delivered;
        }
        if (inFlight > 0 && inFlight < 2_000_000_000)
        {
            ta.Exists = true;
            ta.BytesInFlight = inFlight;
            if ((flags & (TcpSegment.Syn | TcpSegment.Fin)) != 0) ta.BytesInFlight--;
        }
        bool push = (flags & TcpSegment.Psh) != 0;
        if (push && !fwd.PushSetLast) { fwd.PushBytesSent += seglen; fwd.PushSetLast = true; }
        else if (push) fwd.PushBytesSent = seglen;
        else if (fwd.PushSetLast) { fwd.PushBytesSent = seglen; fwd.PushSetLast = false; }
        else fwd.PushBytesSent += seglen;
        ta.Exists = true;
        ta.PushBytesSent = fwd.PushBytesSent;
    }
}
