using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Transport;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Ip;

/// <summary>The "ip.proto" dissector table, and raw-IP link layers that start with an IP header of either version.</summary>
public static class IpDispatch
{
    public static DissectStatus DissectByVersion<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        if (!Bounds.Has(frame, offset, 1))
        {
            protocol = "Raw";
            return Bounds.Missing(frame, offset, 1, end);
        }
        ctx.Protocols?.Add("raw");
        return (frame[offset] >> 4) switch
        {
            4 => IPv4Dissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol),
            6 => IPv6Dissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol),
            _ => Unknown(frame, offset, end, ref ctx, ref sink, out protocol),
        };
    }

    private static DissectStatus Unknown<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "Raw";
        ctx.Protocol = "Raw";
        return DataDissector.Dissect(frame, offset, end, ref ctx, ref sink);
    }

    /// <summary>Dissects the payload of an IPv4 packet or IPv6 header chain by its protocol number.</summary>
    public static DissectStatus DissectPayload<TSink>(byte ipProtocol, ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        if (++ctx.Depth > 16) { protocol = "IP"; return DissectStatus.Malformed; }
        switch (ipProtocol)
        {
            case IpProtocols.Tcp: return TcpDissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
            case IpProtocols.Udp: return UdpDissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
            case IpProtocols.Icmp: return IcmpDissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
            case IpProtocols.Icmpv6: return Icmpv6Dissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
            case IpProtocols.IPv4InIp: return IPv4Dissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
            case IpProtocols.IPv6InIp: return IPv6Dissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
            case IpProtocols.Gre: return GreDissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
            case IpProtocols.Pim: return PimDissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
            default:
                protocol = "IP";
                if (!ctx.InErrorPacket)
                {
                    ctx.Layers.Transport = TransportKind.Other;
                    ctx.Protocol = IpProtocols.ColumnName(ipProtocol);
                }
                return DataDissector.Dissect(frame, offset, end, ref ctx, ref sink);
        }
    }
}
