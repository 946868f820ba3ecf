using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Link;

/// <summary>Linux cooked capture v2. Placeholder: shows the bytes as data until the real dissector lands.</summary>
public static class LinuxSll2Dissector
{
    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "SLL2";
        if (!ctx.InErrorPacket) ctx.Protocol = "SLL2";
        return DataDissector.Dissect(frame, offset, end, ref ctx, ref sink);
    }
}
