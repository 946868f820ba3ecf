using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Transport;

/// <summary>The "tcp.port" dissector table. Empty for now: application protocols over TCP register here
/// (lower port first, as Wireshark tries them); everything else is shown as Data.</summary>
public static class TcpPortDispatch
{
    public static DissectStatus Dissect<TSink>(ushort srcPort, ushort dstPort, ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        // Application protocols (DNS, HTTP, TLS) live in TcpApplications. Without stream reassembly
        // here yet, they get the segment alone and show a partial PDU as best they can.
        var desegment = default(DesegmentRequest);
        var payload = new StreamPayload(frame, frame, sourceId: 0, canDesegment: false);
        if (TcpApplications.TryDissect(srcPort, dstPort, payload, offset, end, ref ctx, ref sink, ref desegment, out protocol, out var status)) return status;
        protocol = "TCP";
        return DataDissector.Dissect(frame, offset, end, ref ctx, ref sink);
    }
}
