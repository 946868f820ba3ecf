using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Transport;

/// <summary>TCP. Placeholder: shows the bytes as data until the real dissector lands.</summary>
public static class TcpDissector
{
    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "TCP";
        if (!ctx.InErrorPacket) ctx.Protocol = "TCP";
        return DataDissector.Dissect(frame, offset, end, ref ctx, ref sink);
    }
}
