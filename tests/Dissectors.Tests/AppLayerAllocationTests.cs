using System.Text;
using Sniffer.Capture;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Frame;
using Sniffer.Dissectors.Tree;
using Sniffer.Tests.Dissectors.Dns;

namespace Sniffer.Tests.Dissectors;

/// <summary>DNS, HTTP and TLS on the fast path (Info column, NullSink or a collector) allocate nothing per packet.</summary>
public sealed class AppLayerAllocationTests
{
    private static readonly byte[][] Frames =
    [
        AppPackets.Udp(53, 5555, DnsDissectorTests.Response()),
        AppPackets.Udp(5555, 53, DnsDissectorTests.Query()),
        AppPackets.Tcp(40000, 80, 1, 1, Encoding.ASCII.GetBytes("GET /a?b=c HTTP/1.1\r\nHost: h\r\nUser-Agent: x\r\nCookie: a=1; b=2\r\n\r\n")),
        AppPackets.Tcp(80, 40000, 1, 1, Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello")),
        AppPackets.Tcp(40000, 443, 1, 1, Convert.FromHexString(
            "1603010035010000310303" + new string('0', 64) + "00" + "0004130113020100" + "0004" + "00000000")),
    ];

    [Fact]
    public void Null_sink_with_info_column()
    {
        var info = new InfoColumn();
        double perPacket = Measure(frame =>
        {
            var ctx = Context(frame);
            info.Clear();
            ctx.Info = info;
            var sink = new NullSink();
            FrameDissector.Dissect(frame, ref ctx, ref sink);
        });
        Assert.True(perPacket < 1.0, $"allocated {perPacket:F1} bytes per packet");
    }

    [Fact]
    public void Collector_for_app_fields()
    {
        var values = new FieldValueSet();
        foreach (var name in new[] { "dns.qry.name", "dns.a", "dns.resp.ttl", "http.host", "http.request.method", "http.response.code", "tls.handshake.type", "tls.record.version" })
            values.Want(FieldRegistry.Find(name)!);
        double perPacket = Measure(frame =>
        {
            var ctx = Context(frame);
            values.Clear();
            var sink = new CollectorSink(values);
            FrameDissector.Dissect(frame, ref ctx, ref sink);
        });
        Assert.True(perPacket < 1.0, $"allocated {perPacket:F1} bytes per packet");
    }

    private static PacketContext Context(byte[] frame)
    {
        var fi = new FrameInfo(1_700_000_000_000_000_000, LinkType.Ethernet, frame.Length, frame.Length, 0, 0);
        return PacketContext.Create(1, fi, fi.TimestampNs, fi.TimestampNs);
    }

    private static double Measure(Action<byte[]> body)
    {
        for (int i = 0; i < 50; i++) foreach (var f in Frames) body(f);
        long before = GC.GetAllocatedBytesForCurrentThread();
        const int rounds = 200;
        for (int i = 0; i < rounds; i++) foreach (var f in Frames) body(f);
        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)(rounds * Frames.Length);
    }
}
