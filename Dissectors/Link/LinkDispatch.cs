using Sniffer.Capture;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Ip;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Link;

/// <summary>Picks the link-layer dissector for a frame's LINKTYPE.</summary>
public static class LinkDispatch
{
    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        int end = ctx.Frame.OriginalLength;
        switch (ctx.Frame.LinkType)
        {
            case LinkType.Ethernet:
                protocol = "Ethernet";
                return EthernetDissector.Dissect(frame, 0, end, ref ctx, ref sink, out protocol);
            case LinkType.LinuxSll:
                return LinuxSllDissector.Dissect(frame, 0, end, ref ctx, ref sink, out protocol);
            case LinkType.LinuxSll2:
                return LinuxSll2Dissector.Dissect(frame, 0, end, ref ctx, ref sink, out protocol);
            case LinkType.Null:
            case LinkType.Loop:
                return NullDissector.Dissect(frame, 0, end, ref ctx, ref sink, out protocol);
            case LinkType.RawDlt12:
            case LinkType.RawDlt14:
            case LinkType.Raw:
                return IpDispatch.DissectByVersion(frame, 0, end, ref ctx, ref sink, out protocol);
            case LinkType.Ipv4:
                return IPv4Dissector.Dissect(frame, 0, end, ref ctx, ref sink, out protocol);
            case LinkType.Ipv6:
                return IPv6Dissector.Dissect(frame, 0, end, ref ctx, ref sink, out protocol);
            default:
                protocol = "Frame";
                ctx.Protocol = "N/A";
                return DataDissector.Dissect(frame, 0, end, ref ctx, ref sink);
        }
    }
}
