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
        // Application protocols (DNS, HTTP, TLS) live in TcpApplications; TcpStreamGlue reassembles
        // their PDUs across segments.
        return TcpStreamGlue.Dissect(srcPort, dstPort, frame, offset, end, ref ctx, ref sink, out protocol);
    }
}
