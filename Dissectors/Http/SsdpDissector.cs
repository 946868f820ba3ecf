using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Http;

/// <summary>SSDP (UPnP discovery, UDP 1900): one HTTP-formatted message per datagram.</summary>
public static class SsdpDissector
{
    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "SSDP";
        int available = Math.Min(end, frame.Length) - offset;
        var data = frame.Slice(offset, Math.Max(0, available));
        if (!HttpFramer.Probe(data)) return Data.DataDissector.Dissect(frame, offset, end, ref ctx, ref sink);
        var measure = HttpFramer.Measure(data, requestWasHead: false, out var head);
        if (measure.NeedsMore) HttpFramer.CompletePartialHead(data, ref head);
        ctx.Info?.Set("");
        // A datagram is the whole message: whatever the headers say, it ends here.
        return HttpDissector.DissectMessage(frame, offset, data.Length, head, frame, 0, ref ctx, ref sink, ssdp: true);
    }
}
