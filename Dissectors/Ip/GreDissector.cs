using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Link;
using Sniffer.Dissectors.Tree;
using Sniffer.Dissectors.Tunnels;

namespace Sniffer.Dissectors.Ip;

/// <summary>
/// GRE (RFC 1701/2784/2890) and the enhanced GRE of PPTP (RFC 2637, version 1), then the payload by
/// its Protocol Type, as Wireshark's "gre.proto" table: IP, Ethernet bridging, ERSPAN, Cisco MetaData, WCCP.
/// </summary>
public static class GreDissector
{
    //  0                   1                   2                   3
    //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    // |C|R|K|S|s|Recur|A| Flags | Ver |         Protocol Type         |
    // |      Checksum (optional)      |       Offset (optional)       |   C or R
    // |                         Key (optional)                        |   K (v1: payload length | call id)
    // |                 Sequence Number (optional)                    |   S
    // |                 Acknowledgment Number (optional)              |   v1 and A
    // |                         Routing (optional)                    |   R: SREs up to a null SRE
    private const int BaseLength = 4;
    private const ushort ChecksumBit = 0x8000, RoutingBit = 0x4000, KeyBit = 0x2000, SequenceBit = 0x1000, AckBit = 0x0080;

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "GRE";
        ctx.Protocols?.Add("gre");
        if (!ctx.InErrorPacket) ctx.Protocol = "GRE";
        int available = Math.Max(0, Math.Min(frame.Length, end) - offset);
        if (!Bounds.Has(frame, offset, BaseLength))
        {
            sink.PushProtocol(GreFields.Gre, offset, available);
            sink.Pop();
            return Bounds.Missing(frame, offset, BaseLength, end);
        }
        ushort flags = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        ushort type = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
        int headerLength = HeaderLength(flags);
        if (!ctx.InErrorPacket) ctx.Info?.Set("Encapsulated ").Append(GreProtocols.Names.Find(type) ?? "0x" + type.ToString("x4"));

        sink.PushProtocol(GreFields.Gre, offset, Math.Min(headerLength, available));
        if (sink.WantsTree) sink.SetLabel($"Generic Routing Encapsulation ({GreProtocols.Names.Find(type) ?? $"Unknown (0x{type:x4})"})");
        AddFlags(flags, offset, ref sink);
        sink.AddUInt(GreFields.Proto, offset + 2, 2, type);

        int p = offset + BaseLength;
        var status = AddOptionalFields(frame, flags, ref p, end, ref sink);
        if (status != DissectStatus.Complete) { sink.Pop(); return status; }
        if ((flags & RoutingBit) != 0)
        {
            status = AddRouting(frame, ref p, end, ref sink);
            if (status != DissectStatus.Complete) { sink.Pop(); return status; }
        }
        if (type == GreProtocols.Wccp && Bounds.Has(frame, p, 1) && (frame[p] & 0xF0) != 0x40)
        {
            if (!Bounds.Has(frame, p, 4)) { sink.Pop(); return Bounds.Missing(frame, p, 4, end); }
            AddWccpRedirectHeader(frame, p, ref sink);
            p += 4;
        }
        sink.Pop();

        if (++ctx.Depth > 16) return DissectStatus.Malformed;
        return DissectPayload(type, flags, frame, p, end, ref ctx, ref sink, out protocol);
    }

    /// <summary>Bytes of the fixed and optional fields (without routing SREs and the WCCP header).</summary>
    private static int HeaderLength(ushort flags)
    {
        int n = BaseLength;
        if ((flags & (ChecksumBit | RoutingBit)) != 0) n += 4;
        if ((flags & KeyBit) != 0) n += 4;
        if ((flags & SequenceBit) != 0) n += 4;
        if ((flags & 0x7) == 1 && (flags & AckBit) != 0) n += 4;
        return n;
    }

    private static void AddFlags<TSink>(ushort flags, int offset, ref TSink sink) where TSink : struct, IFieldSink
    {
        sink.AddUInt(GreFields.FlagsAndVersion, offset, 2, flags);
        sink.Push();
        sink.AddUInt(GreFields.FlagChecksum, offset, 2, flags);
        sink.AddUInt(GreFields.FlagRouting, offset, 2, flags);
        sink.AddUInt(GreFields.FlagKey, offset, 2, flags);
        sink.AddUInt(GreFields.FlagSequence, offset, 2, flags);
        sink.AddUInt(GreFields.FlagStrictRoute, offset, 2, flags);
        sink.AddUInt(GreFields.FlagRecursion, offset, 2, flags);
        if ((flags & 0x7) == 1) sink.AddUInt(GreFields.FlagAck, offset, 2, flags);
        sink.AddUInt(GreFields.FlagsReserved, offset, 2, (flags & 0x7) == 1 ? (ushort)(flags & ~AckBit) : flags);
        sink.AddUInt(GreFields.Version, offset, 2, flags);
        sink.Pop();
    }

    private static DissectStatus AddOptionalFields<TSink>(ReadOnlySpan<byte> frame, ushort flags, ref int p, int end, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        bool enhanced = (flags & 0x7) == 1;
        if ((flags & (ChecksumBit | RoutingBit)) != 0)
        {
            if (!Bounds.Has(frame, p, 4)) return Bounds.Missing(frame, p, 4, end);
            ushort checksum = BinaryPrimitives.ReadUInt16BigEndian(frame[p..]);
            sink.AddUInt(GreFields.Checksum, p, 2, checksum);
            if (sink.WantsTree) sink.SetLabel($"Checksum: 0x{checksum:x4} [unverified]");
            sink.AddUInt(GreFields.ChecksumStatus, p, 0, ChecksumStatusNames.Unverified, FieldFlags.Generated);
            sink.AddUInt(GreFields.Offset, p + 2, 2, BinaryPrimitives.ReadUInt16BigEndian(frame[(p + 2)..]));
            p += 4;
        }
        if ((flags & KeyBit) != 0)
        {
            if (!Bounds.Has(frame, p, 4)) return Bounds.Missing(frame, p, 4, end);
            if (enhanced)
            {
                sink.AddUInt(GreFields.KeyPayloadLength, p, 2, BinaryPrimitives.ReadUInt16BigEndian(frame[p..]));
                sink.AddUInt(GreFields.KeyCallId, p + 2, 2, BinaryPrimitives.ReadUInt16BigEndian(frame[(p + 2)..]));
            }
            else
            {
                sink.AddUInt(GreFields.Key, p, 4, BinaryPrimitives.ReadUInt32BigEndian(frame[p..]));
            }
            p += 4;
        }
        if ((flags & SequenceBit) != 0)
        {
            if (!Bounds.Has(frame, p, 4)) return Bounds.Missing(frame, p, 4, end);
            sink.AddUInt(GreFields.Sequence, p, 4, BinaryPrimitives.ReadUInt32BigEndian(frame[p..]));
            p += 4;
        }
        if (enhanced && (flags & AckBit) != 0)
        {
            if (!Bounds.Has(frame, p, 4)) return Bounds.Missing(frame, p, 4, end);
            sink.AddUInt(GreFields.Ack, p, 4, BinaryPrimitives.ReadUInt32BigEndian(frame[p..]));
            p += 4;
        }
        return DissectStatus.Complete;
    }

    // Source Route Entry: | Address Family (2) | SRE Offset (1) | SRE Length (1) | Routing Information ... |
    // The list ends with an SRE whose address family and length are both 0.
    private static DissectStatus AddRouting<TSink>(ReadOnlySpan<byte> frame, ref int p, int end, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        sink.AddNone(GreFields.Routing, p, 0);
        sink.Push();
        while (true)
        {
            if (!Bounds.Has(frame, p, 4)) { sink.Pop(); return Bounds.Missing(frame, p, 4, end); }
            ushort family = BinaryPrimitives.ReadUInt16BigEndian(frame[p..]);
            byte sreLength = frame[p + 3];
            sink.AddUInt(GreFields.RoutingAddressFamily, p, 2, family);
            sink.AddUInt(GreFields.RoutingSreOffset, p + 2, 1, frame[p + 2]);
            sink.AddUInt(GreFields.RoutingSreLength, p + 3, 1, sreLength);
            p += 4;
            if (family == 0 && sreLength == 0) break;
            if (!Bounds.Has(frame, p, sreLength)) { sink.Pop(); return Bounds.Missing(frame, p, sreLength, end); }
            sink.AddBytes(GreFields.RoutingInformation, p, sreLength, frame.Slice(p, sreLength));
            p += sreLength;
        }
        sink.Pop();
        return DissectStatus.Complete;
    }

    // WCCP v2 redirect header (RFC draft-wilson-wrec-wccp-v2, 4 bytes), present when the payload does not start with IPv4.
    // |  flags (D,A,U)  |  Service ID  | Alternative Bucket | Primary Bucket |
    private static void AddWccpRedirectHeader<TSink>(ReadOnlySpan<byte> frame, int p, ref TSink sink) where TSink : struct, IFieldSink
    {
        sink.AddNone(GreFields.WccpRedirectHeader, p, 4);
        sink.Push();
        sink.AddUInt(GreFields.WccpDynamicService, p, 1, frame[p]);
        sink.AddUInt(GreFields.WccpAlternativeBucketUsed, p, 1, frame[p]);
        sink.AddUInt(GreFields.WccpRedirectHeaderValid, p, 1, frame[p]);
        sink.AddUInt(GreFields.WccpServiceId, p + 1, 1, frame[p + 1]);
        sink.AddUInt(GreFields.WccpAlternativeBucket, p + 2, 1, frame[p + 2]);
        sink.AddUInt(GreFields.WccpPrimaryBucket, p + 3, 1, frame[p + 3]);
        sink.Pop();
    }

    private static DissectStatus DissectPayload<TSink>(ushort type, ushort flags, ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "GRE";
        switch (type)
        {
            case GreProtocols.Keepalive:
                // A keepalive carries nothing Wireshark decodes; whatever follows is left undissected.
                return DissectStatus.Complete;
            case EtherTypes.IPv4:
            case GreProtocols.Wccp:
                return IPv4Dissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
            case EtherTypes.IPv6:
                return IPv6Dissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
            case EtherTypes.TransparentEthernet:
                return EthernetDissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
            case GreProtocols.ErspanI_II:
            case GreProtocols.ErspanIII:
                return ErspanDissector.Dissect(type, (flags & SequenceBit) != 0, frame, offset, end, ref ctx, ref sink, out protocol);
            case GreProtocols.CiscoMetaData:
                return CiscoMetaDataDissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
            case EtherTypes.Mpls:
            case EtherTypes.MplsMulticast:
                return Mpls.MplsDissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
            case EtherTypes.Arp:
                return ArpDissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
            default:
                return DataDissector.Dissect(frame, offset, end, ref ctx, ref sink);
        }
    }
}
