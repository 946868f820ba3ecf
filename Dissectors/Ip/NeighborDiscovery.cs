using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Ip;

/// <summary>IPv6 Neighbor Discovery messages (RFC 4861 §4) and their TLV options (§4.6).</summary>
internal static class NeighborDiscovery
{
    public const byte RouterSolicitation = 133, RouterAdvertisement = 134, NeighborSolicitation = 135, NeighborAdvertisement = 136, Redirect = 137;

    public static DissectStatus Dissect<TSink>(byte type, ReadOnlySpan<byte> frame, int body, int end, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        int fixedLength = type switch { RouterAdvertisement => 12, NeighborSolicitation or NeighborAdvertisement => 20, Redirect => 36, _ => 4 };
        if (!Bounds.Has(frame, body, fixedLength)) return Bounds.Missing(frame, body, fixedLength, end);
        bool info = !ctx.InErrorPacket && ctx.Info is not null;
        switch (type)
        {
            case RouterSolicitation:
                sink.AddBytes(Icmpv6Fields.Reserved, body, 4, frame.Slice(body, 4));
                break;
            case RouterAdvertisement:
                // | Cur Hop Limit |M|O|H|Prf|P|R| Router Lifetime | Reachable Time | Retrans Timer |
                sink.AddUInt(Icmpv6Fields.RaCurHopLimit, body, 1, frame[body]);
                byte flags = frame[body + 1];
                sink.AddUInt(Icmpv6Fields.RaFlag, body + 1, 1, flags);
                if (sink.WantsTree) sink.SetLabel($"Flags: 0x{flags:x2}, Prf (Default Router Preference): {Icmpv6Fields.RaFlagPrf.Strings!.Find((ulong)((flags >> 3) & 3))}");
                sink.Push();
                sink.AddUInt(Icmpv6Fields.RaFlagM, body + 1, 1, flags);
                sink.AddUInt(Icmpv6Fields.RaFlagO, body + 1, 1, flags);
                sink.AddUInt(Icmpv6Fields.RaFlagH, body + 1, 1, flags);
                sink.AddUInt(Icmpv6Fields.RaFlagPrf, body + 1, 1, flags);
                sink.AddUInt(Icmpv6Fields.RaFlagP, body + 1, 1, flags);
                sink.AddUInt(Icmpv6Fields.RaFlagRsv, body + 1, 1, flags);
                sink.Pop();
                sink.AddUInt(Icmpv6Fields.RaRouterLifetime, body + 2, 2, BinaryPrimitives.ReadUInt16BigEndian(frame[(body + 2)..]));
                sink.AddUInt(Icmpv6Fields.RaReachableTime, body + 4, 4, BinaryPrimitives.ReadUInt32BigEndian(frame[(body + 4)..]));
                sink.AddUInt(Icmpv6Fields.RaRetransTimer, body + 8, 4, BinaryPrimitives.ReadUInt32BigEndian(frame[(body + 8)..]));
                break;
            case NeighborSolicitation:
                sink.AddBytes(Icmpv6Fields.Reserved, body, 4, frame.Slice(body, 4));
                sink.AddBytes(Icmpv6Fields.NsTarget, body + 4, 16, frame.Slice(body + 4, 16));
                if (info) ctx.Info!.Append(" for ").Append(FormatIPv6(frame.Slice(body + 4, 16)));
                break;
            case NeighborAdvertisement:
                // |R|S|O|                     Reserved                        | Target Address |
                uint naFlags = BinaryPrimitives.ReadUInt32BigEndian(frame[body..]);
                sink.AddUInt(Icmpv6Fields.NaFlag, body, 4, naFlags);
                if (sink.WantsTree) sink.SetLabel($"Flags: 0x{naFlags:x8}{NaFlagNames(naFlags, ", ", leading: true)}");
                sink.Push();
                sink.AddUInt(Icmpv6Fields.NaFlagR, body, 4, naFlags);
                sink.AddUInt(Icmpv6Fields.NaFlagS, body, 4, naFlags);
                sink.AddUInt(Icmpv6Fields.NaFlagO, body, 4, naFlags);
                sink.AddUInt(Icmpv6Fields.NaFlagRsv, body, 4, naFlags);
                sink.Pop();
                sink.AddBytes(Icmpv6Fields.NaTarget, body + 4, 16, frame.Slice(body + 4, 16));
                if (info)
                {
                    ctx.Info!.Append(' ').Append(FormatIPv6(frame.Slice(body + 4, 16)));
                    if ((naFlags & 0xE0000000) != 0) ctx.Info.Append(" (").Append(NaFlagNames(naFlags, ", ", leading: false)).Append(')');
                }
                break;
            case Redirect:
                sink.AddBytes(Icmpv6Fields.Reserved, body, 4, frame.Slice(body, 4));
                sink.AddBytes(Icmpv6Fields.RdTarget, body + 4, 16, frame.Slice(body + 4, 16));
                sink.AddBytes(Icmpv6Fields.RdDestination, body + 20, 16, frame.Slice(body + 20, 16));
                break;
        }
        return Options(type, frame, body + fixedLength, end, ref ctx, ref sink);
    }

    /// <summary>NA flag names as Wireshark lists them: "rtr, sol, ovr".</summary>
    private static string NaFlagNames(uint flags, string separator, bool leading)
    {
        var names = new List<string>(3);
        if ((flags & 0x80000000) != 0) names.Add(leading ? "Router" : "rtr");
        if ((flags & 0x40000000) != 0) names.Add(leading ? "Solicited" : "sol");
        if ((flags & 0x20000000) != 0) names.Add(leading ? "Override" : "ovr");
        string text = string.Join(separator, names);
        return leading && text.Length > 0 ? ", " + text : text;
    }

    // |     Type      |    Length (units of 8 octets)  |   value ...
    private static DissectStatus Options<TSink>(byte messageType, ReadOnlySpan<byte> frame, int p, int end, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        bool info = !ctx.InErrorPacket && ctx.Info is not null;
        while (p < end)
        {
            if (!Bounds.Has(frame, p, 2)) return Bounds.Missing(frame, p, 2, end);
            byte type = frame[p];
            int length = frame[p + 1] * 8;
            if (length == 0) return DissectStatus.Malformed;   // RFC 4861: a zero length must be dropped
            if (p + length > end) return DissectStatus.Malformed;
            if (!Bounds.Has(frame, p, length)) return DissectStatus.Truncated;
            var value = frame.Slice(p + 2, length - 2);
            sink.AddNone(Icmpv6Fields.Opt, p, length);
            if (sink.WantsTree) sink.SetLabel(OptionLabel(type, length, value));
            sink.Push();
            sink.AddUInt(Icmpv6Fields.OptType, p, 1, type);
            sink.AddUInt(Icmpv6Fields.OptLength, p + 1, 1, frame[p + 1]);
            if (sink.WantsTree) sink.SetLabel($"Length: {frame[p + 1]} ({length} bytes)");
            switch (type)
            {
                case 1 or 2:
                    // Link-layer address: for Ethernet the first 6 bytes, the rest padding.
                    int n = length == 8 ? 6 : length - 2;
                    var address = value[..n];
                    sink.AddBytes(Icmpv6Fields.OptLinkAddr, p + 2, n, address);
                    if (sink.WantsTree) sink.SetLabel("Link-layer address: " + FieldFormatter.Hex(address, ':'));
                    sink.AddBytes(type == 1 ? Icmpv6Fields.OptSrcLinkAddr : Icmpv6Fields.OptTargetLinkAddr, p + 2, n, address, FieldFlags.Hidden);
                    if (info && n == 6)
                    {
                        if (type == 1 && messageType is RouterSolicitation or RouterAdvertisement or NeighborSolicitation) AppendMac(ctx.Info!.Append(" from "), address);
                        else if (type == 2 && messageType == NeighborAdvertisement) AppendMac(ctx.Info!.Append(" is at "), address);
                    }
                    break;
                case 3 when length == 32:
                    // | Prefix Length |L|A|R|Reserved1| Valid Lifetime | Preferred Lifetime | Reserved2 | Prefix (16) |
                    byte prefixLength = value[0], flags = value[1];
                    sink.AddUInt(Icmpv6Fields.OptPrefixLength, p + 2, 1, prefixLength);
                    sink.AddUInt(Icmpv6Fields.OptPrefixFlag, p + 3, 1, flags);
                    sink.Push();
                    sink.AddUInt(Icmpv6Fields.OptPrefixFlagL, p + 3, 1, flags);
                    sink.AddUInt(Icmpv6Fields.OptPrefixFlagA, p + 3, 1, flags);
                    sink.AddUInt(Icmpv6Fields.OptPrefixFlagR, p + 3, 1, flags);
                    sink.AddUInt(Icmpv6Fields.OptPrefixFlagRsv, p + 3, 1, flags);
                    sink.Pop();
                    AddLifetime(Icmpv6Fields.OptPrefixValid, "Valid Lifetime", p + 4, BinaryPrimitives.ReadUInt32BigEndian(value[2..]), ref sink);
                    AddLifetime(Icmpv6Fields.OptPrefixPreferred, "Preferred Lifetime", p + 8, BinaryPrimitives.ReadUInt32BigEndian(value[6..]), ref sink);
                    sink.AddNone(Icmpv6Fields.OptReserved, p + 12, 4);
                    sink.AddBytes(Icmpv6Fields.OptPrefix, p + 16, 16, value.Slice(14, 16));
                    break;
                case 5 when length == 8:
                    sink.AddNone(Icmpv6Fields.OptReserved, p + 2, 2);
                    uint mtu = BinaryPrimitives.ReadUInt32BigEndian(value[2..]);
                    sink.AddUInt(Icmpv6Fields.OptMtu, p + 4, 4, mtu);
                    break;
                case 4:
                    sink.AddNone(Icmpv6Fields.OptReserved, p + 2, 6);
                    sink.AddNone(Icmpv6Fields.OptRedirected, p + 8, length - 8);
                    sink.Push();
                    QuotedPacket.Dissect(frame, p + 8, p + length, ipv6: true, ref ctx, ref sink);
                    sink.Pop();
                    break;
                default:
                    sink.AddBytes(Icmpv6Fields.OptData, p + 2, length - 2, value);
                    break;
            }
            sink.Pop();
            p += length;
        }
        return DissectStatus.Complete;
    }

    /// <summary>"ICMPv6 Option (Name : detail)", the detail being what the option says in short.</summary>
    private static string OptionLabel(byte type, int length, ReadOnlySpan<byte> value)
    {
        string name = Icmpv6Fields.OptionNames.Find(type) ?? "Unknown";
        string? detail = type switch
        {
            1 or 2 => FieldFormatter.Hex(value[..(length == 8 ? 6 : length - 2)], ':'),
            3 when length == 32 => $"{FieldFormatter.IPv6(value.Slice(14, 16))}/{value[0]}",
            5 when length == 8 => BinaryPrimitives.ReadUInt32BigEndian(value[2..]).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };
        return detail is null ? $"ICMPv6 Option ({name})" : $"ICMPv6 Option ({name} : {detail})";
    }

    private static void AddLifetime<TSink>(FieldDef field, string name, int offset, uint seconds, ref TSink sink) where TSink : struct, IFieldSink
    {
        sink.AddUInt(field, offset, 4, seconds);
        if (sink.WantsTree) sink.SetLabel(seconds == 0xFFFFFFFF ? $"{name}: Infinity (4294967295)" : $"{name}: {seconds} ({TimeText.Seconds(seconds)})");
    }

    private static string FormatIPv6(ReadOnlySpan<byte> address) => FieldFormatter.IPv6(address);

    private static void AppendMac(InfoColumn info, ReadOnlySpan<byte> mac)
    {
        const string digits = "0123456789abcdef";
        for (int i = 0; i < mac.Length; i++)
        {
            if (i > 0) info.Append(':');
            info.Append(digits[mac[i] >> 4]).Append(digits[mac[i] & 15]);
        }
    }
}
