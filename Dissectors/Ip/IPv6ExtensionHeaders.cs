using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Ip;

/// <summary>
/// Walks IPv6 extension headers (hop-by-hop, routing, fragment, destination options) until an upper-layer
/// protocol. Each header becomes a subtree of the IPv6 item, as in Wireshark.
/// </summary>
internal static class IPv6ExtensionHeaders
{
    public struct Chain
    {
        public byte Next;
        public int Offset;
        public int PayloadEnd;
        public int Ipv6Offset;
        public bool IsFragment;
        public int FragmentOffset;
        public bool MoreFragments;
        public uint FragmentIdent;
    }

    private const int MaxHeaders = 32;

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, ref Chain chain, bool lengthFromFraming, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        for (int count = 0; count < MaxHeaders; count++)
        {
            DissectStatus status;
            switch (chain.Next)
            {
                case IpProtocols.HopByHop:
                    ctx.Protocols?.Add("ipv6.hopopts");
                    status = Options(frame, ref chain, IPv6Fields.HopOpts, IPv6Fields.HopOptsNxt, IPv6Fields.HopOptsLen, IPv6Fields.HopOptsLenOct, lengthFromFraming, ref ctx, ref sink);
                    break;
                case IpProtocols.DestinationOptions:
                    ctx.Protocols?.Add("ipv6.dstopts");
                    status = Options(frame, ref chain, IPv6Fields.DstOpts, IPv6Fields.DstOptsNxt, IPv6Fields.DstOptsLen, IPv6Fields.DstOptsLenOct, false, ref ctx, ref sink);
                    break;
                case IpProtocols.Routing:
                    ctx.Protocols?.Add("ipv6.routing");
                    status = Routing(frame, ref chain, ref sink);
                    break;
                case IpProtocols.Fragment:
                    ctx.Protocols?.Add("ipv6.fraghdr");
                    status = Fragment(frame, ref chain, ref sink);
                    if (status == DissectStatus.Complete && chain.IsFragment) return status;
                    break;
                default:
                    return DissectStatus.Complete;
            }
            if (status != DissectStatus.Complete) return status;
        }
        return DissectStatus.Malformed;
    }

    // | Next Header | Hdr Ext Len |  Options ... (padded to a multiple of 8 bytes)
    private static DissectStatus Options<TSink>(ReadOnlySpan<byte> frame, ref Chain chain, FieldDef proto, FieldDef nxtField, FieldDef lenField, FieldDef lenOctField,
        bool lengthFromFraming, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        int offset = chain.Offset;
        if (!StartHeader(frame, offset, chain.PayloadEnd, proto, ref sink, out int length, out var missing)) return missing;
        byte next = frame[offset];
        sink.PushProtocol(proto, offset, length);
        sink.AddUInt(nxtField, offset, 1, next);
        sink.AddUInt(lenField, offset + 1, 1, frame[offset + 1]);
        sink.AddUInt(lenOctField, offset + 1, 1, (ulong)length, FieldFlags.Generated);
        uint jumbo = 0;
        int p = offset + 2, stop = offset + length;
        while (p < stop)
        {
            byte type = frame[p];
            if (type == 0)
            {
                sink.AddNone(IPv6Fields.Opt, p, 1);
                if (sink.WantsTree) sink.SetLabel("Pad1");
                sink.Push();
                AddOptionType(p, type, ref sink);
                sink.Pop();
                p++;
                continue;
            }
            if (p + 2 > stop) { sink.Pop(); return DissectStatus.Malformed; }
            int optLen = frame[p + 1];
            if (p + 2 + optLen > stop) { sink.Pop(); return DissectStatus.Malformed; }
            sink.AddNone(IPv6Fields.Opt, p, 2 + optLen);
            if (sink.WantsTree) sink.SetLabel(IPv6Fields.OptionNames.Find(type) ?? $"Unknown IPv6 Option (0x{type:x2})");
            sink.Push();
            AddOptionType(p, type, ref sink);
            sink.AddUInt(IPv6Fields.OptLength, p + 1, 1, (ulong)optLen);
            var value = frame.Slice(p + 2, optLen);
            switch (type)
            {
                case 0x01:
                    sink.AddBytes(IPv6Fields.OptPadN, p + 2, optLen, value);
                    if (sink.WantsTree && optLen == 0) sink.SetLabel("PadN: <none>");
                    break;
                case 0x05 when optLen == 2:
                    sink.AddUInt(IPv6Fields.OptRouterAlert, p + 2, 2, BinaryPrimitives.ReadUInt16BigEndian(value));
                    break;
                case 0xC2 when optLen == 4:
                    jumbo = BinaryPrimitives.ReadUInt32BigEndian(value);
                    sink.AddUInt(IPv6Fields.OptJumbo, p + 2, 4, jumbo);
                    break;
                case 0x04 when optLen == 1:
                    sink.AddUInt(IPv6Fields.OptTunnelEncapLimit, p + 2, 1, value[0]);
                    break;
                case 0xC9 when optLen == 16:
                    sink.AddBytes(IPv6Fields.OptHomeAddress, p + 2, 16, value);
                    break;
                default:
                    if (optLen > 0) sink.AddBytes(IPv6Fields.OptUnknown, p + 2, optLen, value);
                    break;
            }
            sink.Pop();
            p += 2 + optLen;
        }
        sink.Pop();
        if (lengthFromFraming && jumbo != 0)
        {
            // RFC 2675: the Jumbo Payload length counts everything after the IPv6 header.
            long jumboEnd = (long)chain.Ipv6Offset + IPv6Dissector.HeaderLength + jumbo;
            if (jumboEnd < chain.PayloadEnd) chain.PayloadEnd = (int)jumboEnd;
        }
        chain.Next = next;
        chain.Offset = offset + length;
        return DissectStatus.Complete;
    }

    private static void AddOptionType<TSink>(int p, byte type, ref TSink sink) where TSink : struct, IFieldSink
    {
        sink.AddUInt(IPv6Fields.OptType, p, 1, type);
        sink.Push();
        sink.AddUInt(IPv6Fields.OptAction, p, 1, type);
        sink.AddUInt(IPv6Fields.OptChange, p, 1, type);
        sink.AddUInt(IPv6Fields.OptRest, p, 1, type);
        sink.Pop();
    }

    // | Next Header | Hdr Ext Len | Routing Type | Segments Left | type-specific data ...
    private static DissectStatus Routing<TSink>(ReadOnlySpan<byte> frame, ref Chain chain, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        int offset = chain.Offset;
        if (!StartHeader(frame, offset, chain.PayloadEnd, IPv6Fields.Routing, ref sink, out int length, out var missing)) return missing;
        byte next = frame[offset], type = frame[offset + 2], segLeft = frame[offset + 3];
        sink.PushProtocol(IPv6Fields.Routing, offset, length);
        if (sink.WantsTree) sink.SetLabel($"Routing Header for IPv6 ({IPv6Fields.RoutingTypes.Find(type) ?? $"Unknown type {type}"})");
        sink.AddUInt(IPv6Fields.RoutingNxt, offset, 1, next);
        sink.AddUInt(IPv6Fields.RoutingLen, offset + 1, 1, frame[offset + 1]);
        sink.AddUInt(IPv6Fields.RoutingLenOct, offset + 1, 1, (ulong)length, FieldFlags.Generated);
        sink.AddUInt(IPv6Fields.RoutingType, offset + 2, 1, type);
        sink.AddUInt(IPv6Fields.RoutingSegLeft, offset + 3, 1, segLeft);
        int p = offset + 4, stop = offset + length;
        switch (type)
        {
            case 0:
                sink.AddUInt(IPv6Fields.RoutingSrcReserved, p, 4, BinaryPrimitives.ReadUInt32BigEndian(frame[p..]));
                for (p += 4; p + 16 <= stop; p += 16) sink.AddBytes(IPv6Fields.RoutingSrcAddr, p, 16, frame.Slice(p, 16));
                break;
            case 2:
                sink.AddUInt(IPv6Fields.RoutingMipv6Reserved, p, 4, BinaryPrimitives.ReadUInt32BigEndian(frame[p..]));
                if (p + 20 <= stop) sink.AddBytes(IPv6Fields.RoutingMipv6Home, p + 4, 16, frame.Slice(p + 4, 16));
                break;
            case 4:
                sink.AddUInt(IPv6Fields.RoutingSrhLastEntry, p, 1, frame[p]);
                sink.AddUInt(IPv6Fields.RoutingSrhFlags, p + 1, 1, frame[p + 1]);
                sink.AddUInt(IPv6Fields.RoutingSrhTag, p + 2, 2, BinaryPrimitives.ReadUInt16BigEndian(frame[(p + 2)..]));
                for (p += 4; p + 16 <= stop; p += 16) sink.AddBytes(IPv6Fields.RoutingSrhAddr, p, 16, frame.Slice(p, 16));
                break;
            default:
                if (stop > p) sink.AddBytes(IPv6Fields.RoutingData, p, stop - p, frame.Slice(p, stop - p));
                break;
        }
        sink.Pop();
        chain.Next = next;
        chain.Offset = stop;
        return DissectStatus.Complete;
    }

    // | Next Header | Reserved | Fragment Offset (13 bits) |Res|M| |          Identification (32 bits)          |
    private static DissectStatus Fragment<TSink>(ReadOnlySpan<byte> frame, ref Chain chain, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        const int Length = 8;
        int offset = chain.Offset;
        if (!Bounds.Has(frame, offset, Length))
        {
            sink.PushProtocol(IPv6Fields.FragHdr, offset, Math.Max(0, frame.Length - offset));
            sink.Pop();
            return Bounds.Missing(frame, offset, Length, chain.PayloadEnd);
        }
        if (offset + Length > chain.PayloadEnd) return DissectStatus.Malformed;
        byte next = frame[offset];
        ushort offlg = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
        uint ident = BinaryPrimitives.ReadUInt32BigEndian(frame[(offset + 4)..]);
        sink.PushProtocol(IPv6Fields.FragHdr, offset, Length);
        sink.AddUInt(IPv6Fields.FragNxt, offset, 1, next);
        sink.AddUInt(IPv6Fields.FragReservedOctet, offset + 1, 1, frame[offset + 1]);
        sink.AddUInt(IPv6Fields.FragOffset, offset + 2, 2, offlg);
        if (sink.WantsTree) sink.SetLabel($"{FieldFormatter.BitPattern(0xFFF8, offlg, 16)} = Offset: {offlg >> 3} ({offlg & 0xFFF8} bytes)");
        sink.AddUInt(IPv6Fields.FragReservedBits, offset + 2, 2, offlg);
        sink.AddUInt(IPv6Fields.FragMore, offset + 2, 2, offlg);
        sink.AddUInt(IPv6Fields.FragIdent, offset + 4, 4, ident);
        sink.Pop();
        chain.Next = next;
        chain.Offset = offset + Length;
        chain.FragmentOffset = offlg & 0xFFF8;
        chain.MoreFragments = (offlg & 1) != 0;
        chain.FragmentIdent = ident;
        chain.IsFragment = chain.FragmentOffset != 0 || chain.MoreFragments;
        return DissectStatus.Complete;
    }

    /// <summary>Checks that a (Next Header, Hdr Ext Len) header is all there; its length is (len + 1) * 8.</summary>
    private static bool StartHeader<TSink>(ReadOnlySpan<byte> frame, int offset, int end, FieldDef proto, ref TSink sink, out int length, out DissectStatus missing)
        where TSink : struct, IFieldSink
    {
        length = 0;
        missing = DissectStatus.Complete;
        if (!Bounds.Has(frame, offset, 2))
        {
            sink.PushProtocol(proto, offset, Math.Max(0, frame.Length - offset));
            sink.Pop();
            missing = Bounds.Missing(frame, offset, 2, end);
            return false;
        }
        length = (frame[offset + 1] + 1) * 8;
        if (offset + length > end) { missing = DissectStatus.Malformed; return false; }
        if (!Bounds.Has(frame, offset, length))
        {
            sink.PushProtocol(proto, offset, frame.Length - offset);
            sink.Pop();
            missing = DissectStatus.Truncated;
            return false;
        }
        return true;
    }
}
