using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Transport;

/// <summary>UDP (RFC 768).</summary>
public static class UdpDissector
{
    // | Source Port | Destination Port | Length | Checksum |   (2 bytes each)
    private const int HeaderLength = 8;

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "UDP";
        ctx.Protocols?.Add("udp");
        if (!ctx.InErrorPacket) ctx.Protocol = "UDP";
        if (!Bounds.Has(frame, offset, HeaderLength) || offset + HeaderLength > end)
        {
            // Wireshark shows the ports that were captured before it runs out of bytes.
            int headerBytes = Math.Max(0, Math.Min(frame.Length, end) - offset);
            sink.PushProtocol(UdpFields.Udp, offset, headerBytes);
            if (headerBytes >= 2) sink.AddUInt(UdpFields.SrcPort, offset, 2, BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]));
            if (headerBytes >= 4) sink.AddUInt(UdpFields.DstPort, offset + 2, 2, BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]));
            sink.Pop();
            ctx.Untapped?.Add(TapKind.Udp, offset); // packet-udp.c throws before its tap
            return Bounds.Missing(frame, offset, HeaderLength, end);
        }
        var h = frame.Slice(offset, HeaderLength);
        ushort srcPort = BinaryPrimitives.ReadUInt16BigEndian(h);
        ushort dstPort = BinaryPrimitives.ReadUInt16BigEndian(h[2..]);
        ushort length = BinaryPrimitives.ReadUInt16BigEndian(h[4..]);
        ushort checksum = BinaryPrimitives.ReadUInt16BigEndian(h[6..]);

        sink.PushProtocol(UdpFields.Udp, offset, HeaderLength);
        if (sink.WantsTree) sink.SetLabel($"User Datagram Protocol, Src Port: {srcPort}, Dst Port: {dstPort}");
        sink.AddUInt(UdpFields.SrcPort, offset, 2, srcPort);
        sink.AddUInt(UdpFields.DstPort, offset + 2, 2, dstPort);
        sink.AddUInt(UdpFields.Port, offset, 2, srcPort, FieldFlags.Hidden);
        sink.AddUInt(UdpFields.Port, offset + 2, 2, dstPort, FieldFlags.Hidden);
        sink.AddUInt(UdpFields.Length, offset + 4, 2, length);
        sink.AddUInt(UdpFields.Checksum, offset + 6, 2, checksum);
        if (sink.WantsTree) sink.SetLabel(checksum == 0 ? "Checksum: 0x0000 [zero-value ignored]" : $"Checksum: 0x{checksum:x4} [unverified]");
        sink.AddUInt(UdpFields.ChecksumStatus, offset + 6, 0, Ip.ChecksumStatusNames.Unverified, FieldFlags.Generated);

        if (!ctx.InErrorPacket)
        {
            ctx.Layers.Transport = TransportKind.Udp;
            ctx.Layers.TransportOffset = offset;
            ctx.Layers.SrcPort = srcPort;
            ctx.Layers.DstPort = dstPort;
        }

        // The IP layer's idea of the datagram end wins unless UDP claims less (Wireshark does the same).
        int available = end - offset;
        bool badLength = length < HeaderLength || length > available;
        // A length under the header's own is bogus: packet-udp.c returns there, before it queues the udp tap.
        // Over IPv6 a length of 0 is a jumbogram's (RFC 2675), which it takes from the IP payload instead.
        bool overIpv6 = (uint)ctx.CurrentIpOffset < (uint)frame.Length && frame[ctx.CurrentIpOffset] >> 4 == 6;
        if (length < HeaderLength && !(length == 0 && overIpv6)) ctx.Untapped?.Add(TapKind.Udp, offset);
        int payloadEnd = badLength ? end : offset + length;
        int payloadOffset = offset + HeaderLength;
        int payloadLength = Math.Max(0, payloadEnd - payloadOffset);
        if (!ctx.InErrorPacket)
        {
            ctx.Layers.PayloadOffset = payloadOffset;
            ctx.Layers.PayloadLength = payloadLength;
            ctx.Info?.Set("").Append((long)srcPort).Append(" → ").Append((long)dstPort).Append(" Len=").Append((long)payloadLength);
        }
        if (ctx.Analyzer is not null && !ctx.InErrorPacket)
        {
            ctx.Analyzer.AnalyzeUdp(frame, ref ctx, out var conversation);
            if (conversation.Valid)
            {
                sink.AddUInt(UdpFields.Stream, offset, 0, conversation.Stream, FieldFlags.Generated);
                if (sink.WantsTree) sink.AddText("[Timestamps]", offset, 0, FieldFlags.Generated);
                sink.Push();
                sink.AddTime(UdpFields.TimeRelative, offset, 0, conversation.TimeRelativeNs, FieldFlags.Generated);
                sink.AddTime(UdpFields.TimeDelta, offset, 0, conversation.TimeDeltaNs, FieldFlags.Generated);
                sink.Pop();
            }
        }
        int captured = Math.Max(0, Math.Min(payloadEnd, frame.Length) - payloadOffset);
        if (captured > 0 && (sink.WantsTree || sink.Wants(UdpFields.Payload)))
        {
            sink.AddBytes(UdpFields.Payload, payloadOffset, captured, frame.Slice(payloadOffset, captured));
            if (sink.WantsTree) sink.SetLabel($"UDP payload ({payloadLength} bytes)");
        }
        sink.Pop();
        if (badLength && !ctx.InErrorPacket)
        {
            if (length < HeaderLength) return DissectStatus.Malformed;
        }
        if (payloadLength == 0) return badLength && !ctx.InErrorPacket ? DissectStatus.Malformed : DissectStatus.Complete;
        // Longer than the IP payload: Wireshark flags it and still dissects what is there (the
        // application protocol then decides whether the packet is malformed).
        var payloadStatus = UdpPortDispatch.Dissect(srcPort, dstPort, frame, payloadOffset, payloadEnd, ref ctx, ref sink, out protocol);
        if (badLength && !ctx.InErrorPacket && payloadStatus == DissectStatus.Complete && protocol == "UDP") return DissectStatus.Malformed;
        return payloadStatus;
    }
}
