using Sniffer.Capture;
using System.Diagnostics;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;
using Xunit.Abstractions;

namespace Sniffer.Tests.Dissectors;

/// <summary>Real captures: every frame dissects without throwing, and PacketDotNet agrees on addresses, ports and lengths.</summary>
public class CorpusTests(ITestOutputHelper output)
{
    private static readonly string[] Sample =
    {
        "ppa__icmp_echo.pcapng", "ppa__icmp_traceroute.pcapng", "ppa__arp_resolution.pcapng", "ppa__ipv6_fragments.pcapng",
        "ppa__http_ip4and6.pcapng", "ppa__dns_query_response.pcapng", "tcpdump__dcb_ets.pcap", "tcpdump__bfd_source_port_49152.pcap",
        "tcpdump__RADIUS-RFC4675.pcap", "tcpdump__dns-badcookie.pcap", "tcpdump__LINKTYPE_IPV6.pcap", "tcpdump__NHRP_registration.pcap",
    };

    [CorpusFact]
    public void Every_frame_of_every_capture_dissects_with_items_inside_the_frame()
    {
        int frames = 0;
        foreach (var file in Directory.GetFiles(Corpus.Directory!).Where(f => f.EndsWith(".pcap") || f.EndsWith(".pcapng")).Order())
        {
            foreach (var (info, data) in Corpus.Frames(Path.GetFileName(file), max: 200))
            {
                var r = Dissect.Tree(data, info);
                RobustnessTests.AssertInside(r.Root, data.Length, $"{Path.GetFileName(file)}");
                frames++;
            }
        }
        output.WriteLine($"{frames} frames dissected");
    }

    [CorpusFact]
    public void PacketDotNet_agrees_on_addresses_ports_and_lengths()
    {
        var values = new FieldValueSet();
        var names = new[] { "ip.src", "ip.dst", "ipv6.src", "ipv6.dst", "udp.srcport", "udp.dstport", "tcp.srcport", "tcp.dstport", "ip.len", "ipv6.plen", "udp.length", "vlan.id" };
        foreach (var n in names) if (FieldRegistry.Find(n) is { } f) values.Want(f);
        int compared = 0, disagreements = 0;
        foreach (var file in Sample)
        {
            if (!File.Exists(Corpus.PathOf(file))) continue;
            foreach (var (info, data) in Corpus.Frames(file))
            {
                if (info.IsTruncated) continue;   // PacketDotNet throws on cut frames; nothing to compare
                var theirs = PacketDotNetAdapter.Read(info.LinkType, data);
                var (_, set, _) = Dissect.Collect(data, info, values);
                string? First(string field) => FieldRegistry.Find(field) is { } f && set.First(f) is var i and >= 0 ? FieldFormatter.FieldsValue(set, i) : null;
                string? ourSrc = First("ip.src") ?? First("ipv6.src");
                string? ourDst = First("ip.dst") ?? First("ipv6.dst");
                string? ourSrcPort = First("udp.srcport") ?? First("tcp.srcport");
                void Check(string what, string? ours, string? pdn)
                {
                    if (pdn is null || ours is null) return;
                    compared++;
                    if (ours != pdn) { disagreements++; output.WriteLine($"{file} frame {info.FileOffset}: {what} ours={ours} PacketDotNet={pdn}"); }
                }
                Check("src", ourSrc, theirs.SrcIp);
                Check("dst", ourDst, theirs.DstIp);
                Check("srcport", ourSrcPort, theirs.SrcPort?.ToString());
                Check("ip.len", First("ip.len"), theirs.IpTotalLength?.ToString());
                Check("ipv6.plen", First("ipv6.plen"), theirs.Ipv6PayloadLength?.ToString());
                Check("udp.length", First("udp.length"), theirs.UdpLength?.ToString());
                Check("vlan.id", First("vlan.id"), theirs.VlanId?.ToString());
            }
        }
        output.WriteLine($"{compared} values compared, {disagreements} disagreements");
        Assert.True(compared > 300, $"only {compared} values compared");
        Assert.True(disagreements * 100 < compared, $"{disagreements} of {compared} disagree");
    }

    /// <summary>Prints PacketDotNet's cost next to ours on the same frames. Informational: no timing assertions.</summary>
    [CorpusFact]
    public void Parse_cost_compared_with_PacketDotNet()
    {
        var frames = Sample.Where(f => File.Exists(Corpus.PathOf(f))).SelectMany(f => Corpus.Frames(f)).ToList();
        const int Rounds = 20;
        var values = new FieldValueSet();
        foreach (var n in new[] { "ip.src", "udp.srcport", "tcp.srcport" }) if (FieldRegistry.Find(n) is { } f) values.Want(f);

        (double PerSecond, double BytesPerPacket) Measure(Action<int, byte[], FrameInfo> parse)
        {
            foreach (var (info, data) in frames) parse(info.LinkType, data, info);   // warm-up
            long before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            for (int r = 0; r < Rounds; r++) foreach (var (info, data) in frames) parse(info.LinkType, data, info);
            sw.Stop();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            int n = frames.Count * Rounds;
            return (n / sw.Elapsed.TotalSeconds, (double)allocated / n);
        }

        var pdn = Measure((lt, data, _) => PacketDotNetAdapter.ParseForCost(lt, data));
        var ours = Measure((_, data, info) =>
        {
            var sink = new CollectorSink(values);
            values.Clear();
            var ctx = PacketContext.Create(1, info, info.TimestampNs, info.TimestampNs);
            Sniffer.Dissectors.Frame.FrameDissector.Dissect(data, ref ctx, ref sink);
        });
        var fast = Measure((_, data, info) =>
        {
            var sink = new NullSink();
            var ctx = PacketContext.Create(1, info, info.TimestampNs, info.TimestampNs);
            Sniffer.Dissectors.Frame.FrameDissector.Dissect(data, ref ctx, ref sink);
        });
        output.WriteLine($"{frames.Count} frames x {Rounds}");
        output.WriteLine($"PacketDotNet (parse + addresses/ports): {pdn.PerSecond,12:N0} packets/s, {pdn.BytesPerPacket,8:N0} bytes allocated/packet");
        output.WriteLine($"Sniffer CollectorSink (3 fields):       {ours.PerSecond,12:N0} packets/s, {ours.BytesPerPacket,8:N0} bytes allocated/packet");
        output.WriteLine($"Sniffer NullSink (fast path):           {fast.PerSecond,12:N0} packets/s, {fast.BytesPerPacket,8:N0} bytes allocated/packet");
        Console.WriteLine($"[cost] PacketDotNet {pdn.PerSecond:N0}/s {pdn.BytesPerPacket:N0} B/pkt; ours(collector) {ours.PerSecond:N0}/s {ours.BytesPerPacket:N0} B/pkt; ours(null) {fast.PerSecond:N0}/s {fast.BytesPerPacket:N0} B/pkt");
    }
}
