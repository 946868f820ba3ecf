using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Link;

/// <summary>IEEE 802.1Q / 802.1ad VLAN tags. Placeholder: shows the bytes as data until the real dissector lands.</summary>
public static class VlanDissector
{
    public static DissectStatus Dissect<TSink>(ushort etherType, ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "802.1Q";
        if (!ctx.InErrorPacket) ctx.Protocol = "802.1Q";
        return DataDissector.Dissect(frame, offset, end, ref ctx, ref sink);
    }
}
