using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Dns;
using Sniffer.Dissectors.Http;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Transport;

/// <summary>
/// Application protocols over TCP (DNS, HTTP, TLS), by port and heuristically. Each takes a
/// <see cref="StreamPayload"/> and may answer with a <see cref="DesegmentRequest"/> when a PDU does
/// not end in the data given; the TCP layer then reassembles and calls again with the whole PDU.
/// </summary>
public static class TcpApplications
{
    /// <summary>Dissects the payload when a protocol claims it; false leaves it to the caller (shown as data).</summary>
    public static bool TryDissect<TSink>(ushort srcPort, ushort dstPort, StreamPayload payload, int offset, int end,
        ref PacketContext ctx, ref TSink sink, ref DesegmentRequest desegment, out string protocol, out DissectStatus status)
        where TSink : struct, IFieldSink
    {
        ushort low = Math.Min(srcPort, dstPort), high = Math.Max(srcPort, dstPort);
        if (TryPort(low, payload, offset, end, ref ctx, ref sink, ref desegment, out protocol, out status)) return true;
        if (high != low && TryPort(high, payload, offset, end, ref ctx, ref sink, ref desegment, out protocol, out status)) return true;
        protocol = "TCP";
        status = DissectStatus.Complete;
        return false;
    }

    private static bool TryPort<TSink>(ushort port, StreamPayload payload, int offset, int end, ref PacketContext ctx, ref TSink sink,
        ref DesegmentRequest desegment, out string protocol, out DissectStatus status)
        where TSink : struct, IFieldSink
    {
        if (port == 53)
        {
            status = DnsTcp.Dissect(payload, offset, end, ref ctx, ref sink, ref desegment, out protocol);
            return true;
        }
        if (HttpTcp.IsHttpPort(port))
        {
            status = HttpTcp.Dissect(payload, offset, end, ref ctx, ref sink, ref desegment, out protocol);
            return true;
        }
        protocol = "TCP";
        status = DissectStatus.Complete;
        return false;
    }
}
