using Sniffer.Dissectors.Core;

namespace Sniffer.Tui.Model;

/// <summary>Picks a packet's colouring rule from what one fast dissection pass learned (Wireshark's default rules, in order).</summary>
public static class RowColours
{
    public static RowColour Classify(in PacketContext ctx, in TransportPeek transport, ReadOnlySpan<byte> frame)
    {
        if (ctx.Malformed) return RowColour.Malformed;
        if (transport.IsTcp)
        {
            // "Bad TCP": tcp.analysis.flags && !tcp.analysis.window_update
            var analysis = ctx.TcpFlags & ~TcpAnalysisFlags.WindowUpdate;
            if (analysis != TcpAnalysisFlags.None) return RowColour.BadTcp;
            if (transport.Has(TcpSegment.Rst)) return RowColour.TcpReset;
            if (transport.Has(TcpSegment.Syn) || transport.Has(TcpSegment.Fin)) return RowColour.SynFin;
            if (ctx.Protocol is "HTTP" or "HTTP/JSON" or "HTTP/XML") return RowColour.Http;
            return RowColour.Tcp;
        }
        if (transport.IsUdp) return ctx.Protocol is "DNS" or "MDNS" or "LLMNR" ? RowColour.Dns : RowColour.Udp;
        if (transport.IpProtocol is 1 or 58)
        {
            int type = transport.PayloadOffset >= 0 && transport.PayloadOffset < frame.Length ? frame[transport.PayloadOffset] : 0;
            bool error = transport.IpProtocol == 1 ? type is 3 or 4 or 5 or 11 : type is 1 or 2 or 3 or 4;
            return error ? RowColour.IcmpError : RowColour.Icmp;
        }
        if (ctx.Protocol is "ARP" or "RARP") return RowColour.Arp;
        return RowColour.Default;
    }
}
