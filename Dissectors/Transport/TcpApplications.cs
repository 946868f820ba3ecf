using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Dns;
using Sniffer.Dissectors.Http;
using Sniffer.Dissectors.Tls;
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
        if (LooksLikeTls(payload, offset, end, ref ctx))
        {
            status = TlsRecordLayer.Dissect(payload, offset, end, ref ctx, ref sink, ref desegment, out protocol);
            return true;
        }
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
        if (IsTlsPort(port))
        {
            status = TlsRecordLayer.Dissect(payload, offset, end, ref ctx, ref sink, ref desegment, out protocol);
            return true;
        }
        protocol = "TCP";
        status = DissectStatus.Complete;
        return false;
    }

    /// <summary>Ports where tshark expects TLS (https, imaps, pop3s, smtps, ldaps, ...).</summary>
    public static bool IsTlsPort(ushort port) => port is 443 or 465 or 636 or 853 or 989 or 990 or 992 or 993 or 994 or 995 or 5061 or 8443;

    /// <summary>
    /// TLS on another port: a connection already known to be TLS, or a segment that starts with a
    /// handshake record holding a ClientHello or ServerHello (a cheap probe that never throws).
    /// </summary>
    private static bool LooksLikeTls(StreamPayload payload, int offset, int end, ref PacketContext ctx)
    {
        var data = payload.Data[offset..Math.Min(end, payload.Data.Length)];
        if (!TlsRecordLayer.Probe(data)) return false;
        if (data.Length > 5 && data[0] == TlsRecordLayer.Handshake && data[5] is 1 or 2) return true;
        if (ctx.Analyzer is null || ctx.InErrorPacket) return false;
        return ctx.Analyzer.IsTlsConversation(ConversationKey.Unordered(payload.Frame, ctx.Layers, out _));
    }
}
