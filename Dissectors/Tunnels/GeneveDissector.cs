using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Tunnels;

/// <summary>Geneve. Placeholder: shows the bytes as data until the real dissector lands.</summary>
public static class GeneveDissector
{
    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "Geneve";
        if (!ctx.InErrorPacket) ctx.Protocol = "Geneve";
        return DataDissector.Dissect(frame, offset, end, ref ctx, ref sink);
    }
}
