using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Ip;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Mpls;

/// <summary>
/// MPLS label stacks (RFC 3032), over Ethernet (0x8847/0x8848), GRE and UDP (RFC 7510, port 6635).
/// After the bottom label the payload is guessed from its first nibble, as Wireshark does by default:
/// 4 is IPv4, 6 is IPv6; anything else (pseudowires) stays data.
/// </summary>
public static class MplsDissector
{
    //  0                   1                   2                   3
    // |                Label                  | Exp |S|       TTL     |
    private const int EntryLength = 4;
    private const int MaxLabels = 64;
    public const ushort UdpPort = 6635;

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "MPLS";
        ctx.Protocols?.Add("mpls");
        if (!ctx.InErrorPacket) ctx.Protocol = "MPLS";
        ctx.Info?.Set("MPLS Label Switched Packet");
        int p = offset;
        uint lastLabel = 0;
        for (int i = 0; ; i++)
        {
            if (!Bounds.Has(frame, p, EntryLength) || p + EntryLength > end)
            {
                sink.PushProtocol(MplsFields.Mpls, p, Math.Max(0, Math.Min(frame.Length, end) - p));
                sink.Pop();
                return Bounds.Missing(frame, p, EntryLength, end);
            }
            if (i >= MaxLabels) return DissectStatus.Malformed;
            uint entry = BinaryPrimitives.ReadUInt32BigEndian(frame[p..]);
            lastLabel = entry >> 12;
            sink.PushProtocol(MplsFields.Mpls, p, EntryLength);
            if (sink.WantsTree)
            {
                string? special = MplsFields.SpecialLabels.Find(lastLabel);
                sink.SetLabel($"MultiProtocol Label Switching Header, Label: {lastLabel}{(special is null ? "" : $" ({special})")}, Exp: {(entry >> 9) & 7}, S: {(entry >> 8) & 1}, TTL: {entry & 0xFF}");
            }
            sink.AddUInt(MplsFields.Label, p, 4, entry);
            sink.AddUInt(MplsFields.Exp, p, 4, entry);
            sink.AddUInt(MplsFields.Bottom, p, 4, entry);
            sink.AddUInt(MplsFields.Ttl, p, 4, entry);
            sink.Pop();
            p += EntryLength;
            if ((entry & 0x100) != 0) break;
        }
        if (++ctx.Depth > 16) return DissectStatus.Malformed;
        if (p >= end) return DissectStatus.Complete;
        if (!Bounds.Has(frame, p, 1)) return Bounds.Missing(frame, p, 1, end);
        int nibble = frame[p] >> 4;
        if (lastLabel == 0 || (lastLabel > 15 && nibble == 4))
            return IPv4Dissector.Dissect(frame, p, end, ref ctx, ref sink, out protocol);
        if (lastLabel == 2 || (lastLabel > 15 && nibble == 6))
            return IPv6Dissector.Dissect(frame, p, end, ref ctx, ref sink, out protocol);
        return DataDissector.Dissect(frame, p, end, ref ctx, ref sink);
    }
}
