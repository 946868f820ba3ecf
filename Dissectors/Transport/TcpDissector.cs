using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Transport;

/// <summary>TCP (RFC 9293), laid out as tshark 4.0 shows it, with the stateful analysis from <see cref="IPacketAnalyzer"/>.</summary>
public static class TcpDissector
{
    //  0                   1                   2                   3
    //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    // |          Source Port          |       Destination Port        |
    // |                        Sequence Number                        |
    // |                    Acknowledgment Number                      |
    // |  Data |       |A|C|E|U|A|P|R|S|F|                               |
    // | Offset| Rsrvd |E|W|C|R|C|S|S|Y|I|            Window             |
    // |       |       | |R|E|G|K|H|T|N|N|                               |
    // |           Checksum            |         Urgent Pointer        |
    // |                    Options                    |    Padding    |
    private const int MinHeader = 20;

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "TCP";
        ctx.Protocols?.Add("tcp");
        if (!ctx.InErrorPacket) ctx.Protocol = "TCP";
        // Short of a whole fixed header, captured or reported (an IPv6 payload length of 0 reports none).
        if (!Bounds.Has(frame, offset, MinHeader) || offset + MinHeader > end) return Partial(frame, offset, end, ref ctx, ref sink);

        var h = frame.Slice(offset, MinHeader);
        var seg = TcpSegment.Empty;
        seg.SrcPort = BinaryPrimitives.ReadUInt16BigEndian(h);
        seg.DstPort = BinaryPrimitives.ReadUInt16BigEndian(h[2..]);
        seg.Seq = BinaryPrimitives.ReadUInt32BigEndian(h[4..]);
        seg.Ack = BinaryPrimitives.ReadUInt32BigEndian(h[8..]);
        seg.Flags = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(h[12..]) & 0xFFF);
        seg.Window = BinaryPrimitives.ReadUInt16BigEndian(h[14..]);
        ushort checksum = BinaryPrimitives.ReadUInt16BigEndian(h[16..]);
        seg.UrgentPointer = BinaryPrimitives.ReadUInt16BigEndian(h[18..]);
        seg.HeaderLength = (h[12] >> 4) * 4;
        int reported = end - offset;
        // Inside an ICMP error, or in the first fragment of a datagram not reassembled (pinfo->fragmented), the
        // length says nothing about the segment (th_have_seglen is false).
        seg.HasPayloadLength = !ctx.InErrorPacket && !ctx.Fragmented && reported >= seg.HeaderLength;
        seg.PayloadLength = seg.HasPayloadLength ? reported - seg.HeaderLength : 0;
        seg.PayloadOffset = offset + seg.HeaderLength;
        bool bogusHeader = seg.HeaderLength < MinHeader;
        if (!bogusHeader && seg.HeaderLength > MinHeader)
        {
            int optionsCaptured = Math.Clamp(frame.Length - offset - MinHeader, 0, seg.HeaderLength - MinHeader);
            TcpOptions.Parse(frame.Slice(offset + MinHeader, optionsCaptured), ref seg);
        }

        TcpAnalysis a = default;
        if (ctx.Analyzer is not null && !ctx.InErrorPacket) ctx.Analyzer.AnalyzeTcp(frame, ref ctx, in seg, out a);
        else if (ctx.Analyzer is not null && ctx.SampledHeader) AnalyzeSampled(frame, ref ctx, in seg, out a);
        bool relative = a.Valid;
        uint seq = relative ? a.RelSeq : seg.Seq;
        uint ack = relative && seg.Has(TcpSegment.AckFlag) ? a.RelAck : seg.Ack;
        long window = relative && a.WindowSize >= 0 ? a.WindowSize : seg.Window;
        if (!ctx.InErrorPacket)
        {
            ctx.Layers.Transport = TransportKind.Tcp;
            ctx.Layers.TransportOffset = offset;
            ctx.Layers.SrcPort = seg.SrcPort;
            ctx.Layers.DstPort = seg.DstPort;
            ctx.Layers.PayloadOffset = seg.PayloadOffset;
            ctx.Layers.PayloadLength = seg.PayloadLength;
            ctx.TcpFlags |= a.Flags;
        }
        var info = ctx.InErrorPacket ? null : ctx.Info;
        info?.Set("").Append((long)seg.SrcPort).Append(" → ").Append((long)seg.DstPort).Append(" [");
        TcpFlagNames.AppendNames(info, seg.Flags, a.UseAce);
        info?.Append("] Seq=").Append((long)seq);
        if (seg.Has(TcpSegment.AckFlag)) info?.Append(" Ack=").Append((long)ack);
        info?.Append(" Win=").Append(window);

        sink.PushProtocol(TcpFields.Tcp, offset, bogusHeader ? MinHeader : Math.Min(seg.HeaderLength, Math.Max(MinHeader, frame.Length - offset)));
        if (sink.WantsTree) sink.SetLabel(ProtocolLabel(in seg, seq, ack));
        sink.AddUInt(TcpFields.SrcPort, offset, 2, seg.SrcPort);
        sink.AddUInt(TcpFields.DstPort, offset + 2, 2, seg.DstPort);
        sink.AddUInt(TcpFields.Port, offset, 2, seg.SrcPort, FieldFlags.Hidden);
        sink.AddUInt(TcpFields.Port, offset + 2, 2, seg.DstPort, FieldFlags.Hidden);
        if (a.Valid)
        {
            sink.AddUInt(TcpFields.Stream, offset, 0, a.Stream, FieldFlags.Generated);
            sink.AddUInt(TcpFields.Completeness, 0, 0, a.Completeness, FieldFlags.Generated);
            if (sink.WantsTree) sink.SetLabel($"[Conversation completeness: {TcpFlagNames.Completeness(a.Completeness)}]");
        }
        if (seg.HasPayloadLength) sink.AddUInt(TcpFields.Len, offset + 12, 1, (uint)seg.PayloadLength, FieldFlags.Generated);
        sink.AddUInt(TcpFields.Seq, offset + 4, 4, seq);
        if (sink.WantsTree && relative) sink.SetLabel($"Sequence Number: {seq}    (relative sequence number)");
        sink.AddUInt(TcpFields.SeqRaw, offset + 4, 4, seg.Seq, relative ? FieldFlags.None : FieldFlags.Hidden);

        if (bogusHeader)
        {
            info?.Append(", bogus TCP header length (").Append((long)seg.HeaderLength).Append(", must be at least 20)");
            AddHeaderLength(offset, h[12], seg.HeaderLength, ref sink);
            Core.Notes.Add(ref ctx, ref sink, TcpFields.BogusHeaderLength, offset + 12, 1,
                sink.WantsTree ? $"Bogus TCP header length ({seg.HeaderLength}, must be at least 20)" : null);
            sink.Pop();
            ctx.Untapped?.Add(TapKind.Tcp, offset); // packet-tcp.c gives up here, before its tap
            return DissectStatus.Complete;
        }

        if (seg.HasPayloadLength)
        {
            uint nxt = seq + (uint)seg.PayloadLength + (seg.Has(TcpSegment.Syn) || seg.Has(TcpSegment.Fin) ? 1u : 0u);
            sink.AddUInt(TcpFields.NextSeq, offset, 0, nxt, FieldFlags.Generated);
            if (sink.WantsTree && relative) sink.SetLabel($"[Next Sequence Number: {nxt}    (relative sequence number)]");
        }
        sink.AddUInt(TcpFields.Ack, offset + 8, 4, ack);
        if (seg.Has(TcpSegment.AckFlag))
        {
            if (sink.WantsTree && relative) sink.SetLabel($"Acknowledgment Number: {ack}    (relative ack number)");
        }
        else if (seg.Ack != 0)
        {
            sink.Push();
            Core.Notes.Add(ref ctx, ref sink, TcpFields.AckNonZero, offset + 8, 4);
            sink.Pop();
        }
        sink.AddUInt(TcpFields.AckRaw, offset + 8, 4, seg.Ack, relative || !seg.Has(TcpSegment.AckFlag) ? FieldFlags.None : FieldFlags.Hidden);
        AddHeaderLength(offset, h[12], seg.HeaderLength, ref sink);
        AddFlags(offset, in seg, in a, ref ctx, ref sink);
        AddWindow(offset, in seg, in a, window, ref sink);

        sink.AddUInt(TcpFields.Checksum, offset + 16, 2, checksum);
        if (sink.WantsTree) sink.SetLabel($"Checksum: 0x{checksum:x4} [unverified]");
        sink.AddUInt(TcpFields.ChecksumStatus, offset + 16, 0, Ip.ChecksumStatusNames.Unverified, FieldFlags.Generated);
        sink.AddUInt(TcpFields.UrgentPointer, offset + 18, 2, seg.UrgentPointer);
        if (seg.Has(TcpSegment.Urg)) info?.Append(" Urg=").Append((long)seg.UrgentPointer);
        else if (seg.UrgentPointer != 0)
        {
            sink.Push();
            Core.Notes.Add(ref ctx, ref sink, TcpFields.UrgentPointerNonZero, offset + 18, 2);
            sink.Pop();
        }
        if (seg.HasPayloadLength) info?.Append(" Len=").Append((long)seg.PayloadLength);

        var status = DissectStatus.Complete;
        if (seg.HeaderLength > MinHeader)
        {
            uint sackBase = a.Valid ? a.PeerBaseSeq : 0;
            status = TcpOptions.Dissect(frame, offset + MinHeader, seg.HeaderLength - MinHeader, sackBase, seg.Has(TcpSegment.Syn), ref ctx, ref sink);
        }
        if (a.Valid)
        {
            TcpAnalysisView.AddTimestamps(offset, in a, ref sink);
            // An option cut short ends the dissection in Wireshark before the analysis is printed.
            if (status == DissectStatus.Complete) TcpAnalysisView.AddSeqAck(in a, info, ref ctx, ref sink);
        }
        // An option cut short or malformed, or a header longer than the segment, throws in packet-tcp.c before its tap.
        if (status != DissectStatus.Complete)
        {
            ctx.Untapped?.Add(TapKind.Tcp, offset);
            sink.Pop();
            return status;
        }
        if (seg.HeaderLength > reported)
        {
            ctx.Untapped?.Add(TapKind.Tcp, offset);
            sink.Pop();
            return DissectStatus.Malformed;
        }

        int payloadEnd = end;
        int captured = Math.Max(0, Math.Min(payloadEnd, frame.Length) - seg.PayloadOffset);
        if (captured > 0 && seg.Has(TcpSegment.Rst))
        {
            sink.AddBytes(TcpFields.ResetCause, seg.PayloadOffset, captured, frame.Slice(seg.PayloadOffset, captured));
            sink.Pop();
            return CapturedAll(frame, payloadEnd);
        }
        if (captured > 0 && (sink.WantsTree || sink.Wants(TcpFields.Payload)))
        {
            sink.AddBytes(TcpFields.Payload, seg.PayloadOffset, captured, frame.Slice(seg.PayloadOffset, captured));
            if (sink.WantsTree) sink.SetLabel($"TCP payload ({captured} byte{(captured == 1 ? "" : "s")})");
        }
        if (captured > 0 && (a.Flags & TcpAnalysisFlags.Retransmission) != 0)
        {
            // Wireshark does not hand a retransmitted segment to the application dissector again.
            sink.AddBytes(TcpFields.SegmentData, seg.PayloadOffset, captured, frame.Slice(seg.PayloadOffset, captured));
            if (sink.WantsTree) sink.SetLabel($"Retransmitted TCP segment data ({captured} byte{(captured == 1 ? "" : "s")})");
            sink.Pop();
            return CapturedAll(frame, payloadEnd);
        }
        sink.Pop();
        if (captured == 0 || ctx.SkipTcpApplications) return CapturedAll(frame, payloadEnd);
        var payloadStatus = TcpPortDispatch.Dissect(seg.SrcPort, seg.DstPort, frame, seg.PayloadOffset, payloadEnd, ref ctx, ref sink, out protocol);
        return payloadStatus != DissectStatus.Complete ? payloadStatus : CapturedAll(frame, payloadEnd);
    }

    /// <summary>A header cut short (snaplen, or the 8 bytes an ICMP error quotes): ports and sequence number as far as they go.</summary>
    private static DissectStatus Partial<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        int available = Math.Max(0, Math.Min(frame.Length, end) - offset);
        sink.PushProtocol(TcpFields.Tcp, offset, available);
        if (available >= 4)
        {
            ushort src = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
            ushort dst = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
            if (sink.WantsTree) sink.SetLabel($"Transmission Control Protocol, Src Port: {src}, Dst Port: {dst}");
            sink.AddUInt(TcpFields.SrcPort, offset, 2, src);
            sink.AddUInt(TcpFields.DstPort, offset + 2, 2, dst);
            sink.AddUInt(TcpFields.Port, offset, 2, src, FieldFlags.Hidden);
            sink.AddUInt(TcpFields.Port, offset + 2, 2, dst, FieldFlags.Hidden);
            if (!ctx.InErrorPacket)
            {
                ctx.Layers.Transport = TransportKind.Tcp;
                ctx.Layers.TransportOffset = offset;
                ctx.Layers.SrcPort = src;
                ctx.Layers.DstPort = dst;
                ctx.Info?.Set("").Append((long)src).Append(" → ").Append((long)dst);
            }
            // Wireshark shows the sequence number of a short header only inside an ICMP error (which quotes 8 bytes).
            if (available >= 8 && ctx.InErrorPacket) sink.AddUInt(TcpFields.Seq, offset + 4, 4, BinaryPrimitives.ReadUInt32BigEndian(frame[(offset + 4)..]));
        }
        sink.Pop();
        ctx.Untapped?.Add(TapKind.Tcp, offset);
        return Bounds.Missing(frame, offset, MinHeader, end);
    }

    /// <summary>
    /// A segment sampled by sFlow: tshark numbers its stream (and times it) but, having no segment length,
    /// analyses no sequence numbers. The analyzer keys streams on ctx.Layers, which an error packet leaves
    /// to the outer packet, so the inner IP header's addresses stand in for the call.
    /// </summary>
    private static void AnalyzeSampled(ReadOnlySpan<byte> frame, ref PacketContext ctx, in TcpSegment seg, out TcpAnalysis a)
    {
        a = default;
        int ip = ctx.CurrentIpOffset;
        if (ip < 0 || ip >= frame.Length) return;
        bool v6 = frame[ip] >> 4 == 6;
        var saved = ctx.Layers;
        ctx.Layers.AddressKind = v6 ? AddressKind.IPv6 : AddressKind.IPv4;
        ctx.Layers.SrcAddressOffset = ip + (v6 ? 8 : 12);
        ctx.Layers.DstAddressOffset = ip + (v6 ? 24 : 16);
        ctx.Analyzer!.AnalyzeTcp(frame, ref ctx, in seg, out a);
        ctx.Layers = saved;
    }

    private static DissectStatus CapturedAll(ReadOnlySpan<byte> frame, int end) => end <= frame.Length ? DissectStatus.Complete : DissectStatus.Truncated;

    private static string ProtocolLabel(in TcpSegment seg, uint seq, uint ack)
    {
        string label = $"Transmission Control Protocol, Src Port: {seg.SrcPort}, Dst Port: {seg.DstPort}, Seq: {seq}";
        if (seg.Has(TcpSegment.AckFlag)) label += $", Ack: {ack}";
        if (seg.HasPayloadLength) label += $", Len: {seg.PayloadLength}";
        return label;
    }

    private static void AddHeaderLength<TSink>(int offset, byte offsetByte, int headerLength, ref TSink sink) where TSink : struct, IFieldSink
    {
        sink.AddUInt(TcpFields.HdrLen, offset + 12, 1, (uint)headerLength);
        if (sink.WantsTree) sink.SetLabel($"{FieldFormatter.BitPattern(0xF0, offsetByte, 8)} = Header Length: {headerLength} bytes ({headerLength >> 2})");
    }

    private static void AddFlags<TSink>(int offset, in TcpSegment seg, in TcpAnalysis a, ref PacketContext ctx, ref TSink sink) where TSink : struct, IFieldSink
    {
        ushort f = seg.Flags;
        sink.AddUInt(TcpFields.Flags, offset + 12, 2, f);
        if (sink.WantsTree) sink.SetLabel($"Flags: 0x{f:x3} ({TcpFlagNames.Names(f, a.UseAce)})");
        sink.Push();
        sink.AddUInt(TcpFields.FlagRes, offset + 12, 1, f);
        if (a.UseAce)
        {
            // AccECN negotiated: the three bits are one counter, in place of the AE, CWR and ECE flags.
            int ace = TcpFlagNames.Ace(f);
            sink.AddUInt(TcpFields.FlagAce, offset + 12, 2, (uint)ace);
            if (sink.WantsTree) sink.SetLabel($"{FieldFormatter.BitPattern(0x1C0, f, 12)} = ACE: {ace}");
        }
        else
        {
            sink.AddUInt(TcpFields.FlagAe, offset + 12, 1, f);
            sink.AddUInt(TcpFields.FlagCwr, offset + 13, 1, f);
            sink.AddUInt(TcpFields.FlagEce, offset + 13, 1, f);
        }
        sink.AddUInt(TcpFields.FlagUrg, offset + 13, 1, f);
        sink.AddUInt(TcpFields.FlagAck, offset + 13, 1, f);
        sink.AddUInt(TcpFields.FlagPush, offset + 13, 1, f);
        sink.AddUInt(TcpFields.FlagReset, offset + 13, 1, f);
        if (seg.Has(TcpSegment.Rst))
        {
            sink.Push();
            Core.Notes.Add(ref ctx, ref sink, TcpFields.ConnectionRst, offset + 13, 1);
            sink.Pop();
        }
        sink.AddUInt(TcpFields.FlagSyn, offset + 13, 1, f);
        if (seg.Has(TcpSegment.Syn))
        {
            sink.Push();
            if (seg.Has(TcpSegment.AckFlag))
                Core.Notes.Add(ref ctx, ref sink, TcpFields.ConnectionSynAck, offset + 13, 1, sink.WantsTree ? $"Connection establish acknowledge (SYN+ACK): server port {seg.SrcPort}" : null);
            else
                Core.Notes.Add(ref ctx, ref sink, TcpFields.ConnectionSyn, offset + 13, 1, sink.WantsTree ? $"Connection establish request (SYN): server port {seg.DstPort}" : null);
            sink.Pop();
        }
        sink.AddUInt(TcpFields.FlagFin, offset + 13, 1, f);
        if (seg.Has(TcpSegment.Fin))
        {
            sink.Push();
            Core.Notes.Add(ref ctx, ref sink, TcpFields.ConnectionFin, offset + 13, 1);
            sink.Pop();
        }
        if (sink.WantsTree || sink.Wants(TcpFields.FlagsStr))
        {
            Span<byte> letters = stackalloc byte[36];
            int n = TcpFlagNames.FirstLetters(f, letters, a.UseAce);
            sink.AddBytes(TcpFields.FlagsStr, offset + 12, 2, letters[..n], FieldFlags.Generated);
        }
        if (seg.Has(TcpSegment.Fin) && a.Valid)
        {
            sink.Push();
            Core.Notes.Add(ref ctx, ref sink, a.FinActive ? TcpFields.ConnectionFinActive : TcpFields.ConnectionFinPassive, offset + 12, 2);
            sink.Pop();
        }
        sink.Pop();
    }

    private static void AddWindow<TSink>(int offset, in TcpSegment seg, in TcpAnalysis a, long window, ref TSink sink) where TSink : struct, IFieldSink
    {
        sink.AddUInt(TcpFields.WindowSizeValue, offset + 14, 2, seg.Window);
        sink.AddUInt(TcpFields.WindowSize, offset + 14, 2, (ulong)window, FieldFlags.Generated);
        if (!a.Valid || seg.Has(TcpSegment.Syn)) return;
        sink.AddInt(TcpFields.WindowScaleFactor, offset + 14, 2, a.ScaleFactor, FieldFlags.Generated);
        if (sink.WantsTree)
        {
            string text = a.ScaleFactor switch { -1 => "-1 (unknown)", -2 => "-2 (no window scaling used)", _ => a.ScaleFactor.ToString() };
            sink.SetLabel($"[Window size scaling factor: {text}]");
        }
    }
}
