using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Ip.Fragments;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Ip;

/// <summary>IPv6 (RFC 8200) and its extension header chain.</summary>
public static class IPv6Dissector
{
    //  0                   1                   2                   3
    //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    // |Version| Traffic Class |           Flow Label                  |
    // |         Payload Length        |  Next Header  |   Hop Limit   |
    // |                   Source Address (128 bits)                   |
    // |                Destination Address (128 bits)                 |
    public const int HeaderLength = 40;


    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "IPv6";
        ctx.Protocols?.Add("ipv6");
        if (!ctx.InErrorPacket) ctx.Protocol = "IPv6";
        if (!Bounds.Has(frame, offset, HeaderLength) || offset + HeaderLength > end)
        {
            int available = Math.Max(0, Math.Min(frame.Length, end) - offset);
            sink.PushProtocol(IPv6Fields.Ipv6, offset, available);
            if (available > 0) AddPartialHeader(frame.Slice(offset, available), offset, ref ctx, ref sink);
            sink.Pop();
            return Bounds.Missing(frame, offset, HeaderLength, end);
        }
        var h = frame.Slice(offset, HeaderLength);
        uint word0 = BinaryPrimitives.ReadUInt32BigEndian(h);
        ushort plen = BinaryPrimitives.ReadUInt16BigEndian(h[4..]);
        byte nxt = h[6];
        byte hlim = h[7];
        var src = h.Slice(8, 16);
        var dst = h.Slice(24, 16);

        sink.PushProtocol(IPv6Fields.Ipv6, offset, HeaderLength);
        if (sink.WantsTree) sink.SetLabel($"Internet Protocol Version 6, Src: {FieldFormatter.IPv6(src)}, Dst: {FieldFormatter.IPv6(dst)}");
        sink.AddUInt(IPv6Fields.Version, offset, 1, h[0]);
        sink.AddUInt(IPv4Fields.Version, offset, 1, h[0], FieldFlags.Hidden);
        if ((h[0] >> 4) != 6)
        {
            Notes.Add(ref ctx, ref sink, IPv6Fields.BogusVersion, offset, 1);
            sink.Pop();
            return DissectStatus.Malformed;
        }
        sink.AddUInt(IPv6Fields.TClass, offset, 4, word0);
        if (sink.WantsTree)
        {
            uint tclass = (word0 >> 20) & 0xFF;
            sink.SetLabel($"{FieldFormatter.BitPattern(0x0FF00000, word0, 32)} = Traffic Class: 0x{tclass:x2} (DSCP: {IPv4Fields.DscpShortNames.Find(tclass >> 2) ?? "Unknown"}, ECN: {IPv4Fields.EcnShortNames.Find(tclass & 3)})");
        }
        sink.Push();
        sink.AddUInt(IPv6Fields.Dscp, offset, 4, word0);
        sink.AddUInt(IPv6Fields.Ecn, offset, 4, word0);
        sink.Pop();
        sink.AddUInt(IPv6Fields.Flow, offset + 1, 3, word0 & 0xFFFFFF);
        sink.AddUInt(IPv6Fields.Plen, offset + 4, 2, plen);
        sink.AddUInt(IPv6Fields.Nxt, offset + 6, 1, nxt);
        sink.AddUInt(IPv6Fields.Hlim, offset + 7, 1, hlim);
        AddAddress(frame, offset + 8, IPv6Fields.Src, IPv6Fields.SrcHost, ref sink);
        AddAddress(frame, offset + 24, IPv6Fields.Dst, IPv6Fields.DstHost, ref sink);
        IPv6AddressDetails.Add(frame, offset + 8, source: true, ref sink);
        IPv6AddressDetails.Add(frame, offset + 24, source: false, ref sink);

        ctx.CurrentIpOffset = offset;
        if (!ctx.InErrorPacket)
        {
            ctx.Layers.AddressKind = AddressKind.IPv6;
            ctx.Layers.SrcAddressOffset = offset + 8;
            ctx.Layers.DstAddressOffset = offset + 24;
            ctx.Layers.IpOffset = offset;
            ctx.Layers.IpVersion = 6;
            ctx.Layers.IpProtocol = nxt;
        }

        // A zero payload length with a hop-by-hop header may be a jumbogram (RFC 2675): its Jumbo option or,
        // failing that, the framing gives the length. Without one, Wireshark takes the payload as empty
        // (segmentation-offload captures included), and so does this.
        int payloadEnd = offset + HeaderLength + plen;
        bool lengthFromFraming = plen == 0 && nxt == IpProtocols.HopByHop;
        if (lengthFromFraming) payloadEnd = end;
        if (payloadEnd > end)
        {
            if (!ctx.InErrorPacket) Notes.Add(ref ctx, ref sink, IPv6Fields.PlenExceedsFraming, offset + 4, 2);
            payloadEnd = end;
        }

        var chain = new IPv6ExtensionHeaders.Chain { Next = nxt, Offset = offset + HeaderLength, PayloadEnd = payloadEnd, Ipv6Offset = offset };
        var status = IPv6ExtensionHeaders.Dissect(frame, ref chain, lengthFromFraming, ref ctx, ref sink);
        ReassembledDatagram? datagram = null;
        int sourceId = 0;
        bool wholeFragment = offset + HeaderLength + plen <= frame.Length && !lengthFromFraming;
        if (status == DissectStatus.Complete && chain.IsFragment && wholeFragment
            && FragmentReassembly.CanReassemble(ctx, frame, chain.Offset, chain.PayloadEnd))
        {
            var key = FragmentKey.IPv6(src, dst, chain.FragmentIdent);
            datagram = ctx.Analyzer!.Fragments!.Add(ctx.FrameNumber, key, h, chain.FragmentOffset, chain.MoreFragments,
                frame[chain.Offset..chain.PayloadEnd], out uint reassembledIn);
            if (datagram is not null) sourceId = FragmentReassembly.AddFragmentItems(datagram, FragmentFields.IPv6, ref ctx, ref sink);
            else FragmentReassembly.AddReassembledIn(reassembledIn, FragmentFields.IPv6, ref sink);
        }
        sink.Pop();
        if (!ctx.InErrorPacket) ctx.Layers.IpProtocol = chain.Next;
        // packet-ipv6.c queues the ipv6 tap where the extension-header chain ends (ipv6_dissect_next): not when an
        // extension header throws, not for a fragment shown as data, and not after a Mobility header (an extension
        // header to ipv6_dissect_next whose dissector does not hand on: tshark 4.0.17 taps none of ipv6_mobility_1's).
        if (status != DissectStatus.Complete || chain.Next == IpProtocols.Mobility)
        {
            ctx.Untapped?.Add(TapKind.IPv6, offset);
            if (status != DissectStatus.Complete) return status;
        }
        ctx.Fragmented = datagram is null && chain.IsFragment && chain.MoreFragments; // a first fragment cut short is dissected as far as it goes
        if (datagram is not null) return FragmentReassembly.DissectPayload(datagram, chain.Next, sourceId, ref ctx, ref sink, out protocol);

        // Later fragments, and a first one waiting for the rest, are data; a first fragment cut short is dissected as far as it goes.
        if (chain.IsFragment && (chain.FragmentOffset != 0 || wholeFragment))
        {
            ctx.Untapped?.Add(TapKind.IPv6, offset);
            if (!ctx.InErrorPacket)
            {
                ctx.Info?.Set("IPv6 fragment (off=").Append((long)chain.FragmentOffset).Append(" more=").Append(chain.MoreFragments ? 'y' : 'n')
                    .Append(" ident=").AppendHex(chain.FragmentIdent, 8).Append(" nxt=").Append((long)chain.Next).Append(')');
            }
            return DataDissector.Dissect(frame, chain.Offset, chain.PayloadEnd, ref ctx, ref sink);
        }
        if (chain.Next == IpProtocols.NoNext) return DataDissector.Dissect(frame, chain.Offset, chain.PayloadEnd, ref ctx, ref sink);
        return IpDispatch.DissectPayload(chain.Next, frame, chain.Offset, chain.PayloadEnd, ref ctx, ref sink, out protocol);
    }

    /// <summary>A header cut short: Wireshark still shows every field that fits, then "IPv6 truncated".</summary>
    private static void AddPartialHeader<TSink>(ReadOnlySpan<byte> h, int offset, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        sink.AddUInt(IPv6Fields.Version, offset, 1, h[0]);
        sink.AddUInt(IPv4Fields.Version, offset, 1, h[0], FieldFlags.Hidden);
        if ((h[0] >> 4) != 6)
        {
            Notes.Add(ref ctx, ref sink, IPv6Fields.BogusVersion, offset, 1);
            return;
        }
        if (h.Length < 4) return;
        uint word0 = BinaryPrimitives.ReadUInt32BigEndian(h);
        sink.AddUInt(IPv6Fields.TClass, offset, 4, word0);
        sink.Push();
        sink.AddUInt(IPv6Fields.Dscp, offset, 4, word0);
        sink.AddUInt(IPv6Fields.Ecn, offset, 4, word0);
        sink.Pop();
        sink.AddUInt(IPv6Fields.Flow, offset + 1, 3, word0 & 0xFFFFFF);
        if (h.Length < 6) return;
        sink.AddUInt(IPv6Fields.Plen, offset + 4, 2, BinaryPrimitives.ReadUInt16BigEndian(h[4..]));
        if (h.Length < 7) return;
        sink.AddUInt(IPv6Fields.Nxt, offset + 6, 1, h[6]);
        if (h.Length < 8) return;
        sink.AddUInt(IPv6Fields.Hlim, offset + 7, 1, h[7]);
        if (h.Length < 24) return;
        var frame = h;
        AddAddress(frame, 8, IPv6Fields.Src, IPv6Fields.SrcHost, ref sink, offset);
    }

    private static void AddAddress<TSink>(ReadOnlySpan<byte> frame, int offset, FieldDef field, FieldDef hostField, ref TSink sink)
        where TSink : struct, IFieldSink => AddAddress(frame, offset, field, hostField, ref sink, 0);

    /// <summary>Adds an address read at <paramref name="offset"/> in <paramref name="frame"/>, reported at offset + <paramref name="bias"/>.</summary>
    private static void AddAddress<TSink>(ReadOnlySpan<byte> frame, int offset, FieldDef field, FieldDef hostField, ref TSink sink, int bias)
        where TSink : struct, IFieldSink
    {
        var address = frame.Slice(offset, 16);
        offset += bias;
        sink.AddBytes(field, offset, 16, address);
        sink.AddBytes(IPv6Fields.Addr, offset, 16, address, FieldFlags.Hidden);
        if (sink.Wants(hostField) || sink.Wants(IPv6Fields.Host))
        {
            // Host names are the addresses themselves (no name resolution); rare enough to format here.
            var text = System.Text.Encoding.ASCII.GetBytes(FieldFormatter.IPv6(address));
            sink.AddBytes(hostField, offset, 16, text, FieldFlags.Hidden);
            sink.AddBytes(IPv6Fields.Host, offset, 16, text, FieldFlags.Hidden);
        }
    }
}
