using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Link;

/// <summary>IEEE 802.2 LLC. Placeholder: shows the bytes as data until the real dissector lands.</summary>
public static class LlcDissector
{
    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "LLC";
        if (!ctx.InErrorPacket) ctx.Protocol = "LLC";
        return DataDissector.Dissect(frame, offset, end, ref ctx, ref sink);
    }
}
