using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Tunnels;

/// <summary>VXLAN. Placeholder: shows the bytes as data until the real dissector lands.</summary>
public static class VxlanDissector
{
    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "VXLAN";
        if (!ctx.InErrorPacket) ctx.Protocol = "VXLAN";
        return DataDissector.Dissect(frame, offset, end, ref ctx, ref sink);
    }
}
