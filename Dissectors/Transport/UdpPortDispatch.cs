using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Transport;

/// <summary>
/// The "udp.port" dissector table. Like Wireshark, the lower port is tried first, then the heuristic
/// dissectors tshark enables by default that we implement, in tshark's order.
/// </summary>
public static class UdpPortDispatch
{
    public static DissectStatus Dissect<TSink>(ushort srcPort, ushort dstPort, ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        // A conversation a heuristic claimed goes to that protocol first (tshark's try_conversation).
        var quic = ctx.InErrorPacket ? null : ctx.Analyzer?.Quic;
        var endpoints = quic is null ? default : Quic.QuicDissector.Endpoints(frame, ctx.Layers);
        if (quic is not null && quic.IsQuicConversation(endpoints.Conversation))
            return Quic.QuicDissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);

        ushort low = Math.Min(srcPort, dstPort), high = Math.Max(srcPort, dstPort);
        if (TryPort(low, frame, offset, end, ref ctx, ref sink, out protocol, out var status)) return status;
        if (TryPort(high, frame, offset, end, ref ctx, ref sink, out protocol, out status)) return status;
        var payload = frame[offset..Math.Min(end, frame.Length)];
        bool heuristics = !TsharkUdpPorts.IsRegistered(low) && !TsharkUdpPorts.IsRegistered(high);
        if (heuristics && (Quic.QuicDissector.ProbeLongHeader(payload) || quic is not null && Quic.QuicDissector.ProbeShortHeader(payload, quic, endpoints)))
        {
            quic?.ClaimConversation(endpoints.Conversation);
            return Quic.QuicDissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
        }
        if (heuristics && Dns.DnsDissector.ProbeUdp(payload))
            return Dns.DnsDissector.DissectUdp(frame, offset, end, Dns.DnsFlavor.Dns, ref ctx, ref sink, out protocol);
        protocol = "UDP";
        return DataDissector.Dissect(frame, offset, end, ref ctx, ref sink);
    }

    private static bool TryPort<TSink>(ushort port, ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol, out DissectStatus status)
        where TSink : struct, IFieldSink
    {
        switch (port)
        {
            case 53:
                status = Dns.DnsDissector.DissectUdp(frame, offset, end, Dns.DnsFlavor.Dns, ref ctx, ref sink, out protocol);
                return true;
            case 5353:
                status = Dns.DnsDissector.DissectUdp(frame, offset, end, Dns.DnsFlavor.Mdns, ref ctx, ref sink, out protocol);
                return true;
            case 5355:
                status = Dns.DnsDissector.DissectUdp(frame, offset, end, Dns.DnsFlavor.Llmnr, ref ctx, ref sink, out protocol);
                return true;
            case 1900:
                status = Http.SsdpDissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
                return true;
            case 4789:
                status = Tunnels.VxlanDissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
                return true;
            case 6081:
                status = Tunnels.GeneveDissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
                return true;
            case Sflow.SflowDissector.UdpPort:
                status = Sflow.SflowDissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
                return true;
            case Mpls.MplsDissector.UdpPort:
                status = Mpls.MplsDissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
                return true;
            default:
                protocol = "UDP";
                status = DissectStatus.Complete;
                return false;
        }
    }
}
