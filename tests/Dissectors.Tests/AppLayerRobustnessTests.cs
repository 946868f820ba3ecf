using System.Text;
using Sniffer.Capture;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Frame;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Tests.Dissectors;

/// <summary>
/// Hostile input for every application dissector, from real messages: every prefix and seeded random
/// mutations of the DNS record zoo (over UDP, TCP and mDNS), of each TLS handshake message openssl sent,
/// of an SSDP NOTIFY; and work per packet that stays bounded however the counts and lengths lie.
/// (QUIC, with its decryption, is covered in Quic/QuicTests; HTTP and the basic DNS/TLS messages in their own tests.)
/// </summary>
public class AppLayerRobustnessTests
{
    private const int UdpHeaders = 14 + 20 + 8;
    private const int TcpHeaders = 14 + 20 + 20;

    private static List<(FrameInfo Info, byte[] Data)> RepoFrames(string relative)
    {
        var frames = new List<(FrameInfo, byte[])>();
        using var reader = CaptureFile.Open(Path.Combine(TestPaths.RepoRoot, "tests", "Dissectors.Tests", relative));
        while (reader.TryRead(out var info, out var data)) frames.Add((info, data.ToArray()));
        return frames;
    }

    /// <summary>The DNS message of dns-records.pcap's frame (its UDP payload).</summary>
    private static byte[] DnsMessage(int frame) => RepoFrames("Dns/dns-records.pcap")[frame - 1].Data[UdpHeaders..];

    [Fact]
    public void Dns_records_of_every_type_survive_prefixes_and_mutations_over_udp_tcp_and_mdns()
    {
        var zoo = DnsMessage(1);
        Mutations.EveryPrefixIsSafe(AppPackets.Udp(53, 5555, zoo), UdpHeaders);
        Mutations.RandomMutationsAreSafe(AppPackets.Udp(53, 5555, zoo), UdpHeaders, seed: 5301);
        var tcp = new byte[] { (byte)(zoo.Length >> 8), (byte)zoo.Length }.Concat(zoo).ToArray();
        Mutations.EveryPrefixIsSafe(AppPackets.Tcp(53, 5555, 1, 1, tcp), TcpHeaders);
        Mutations.RandomMutationsAreSafe(AppPackets.Tcp(53, 5555, 1, 1, tcp.Concat(tcp).ToArray()), TcpHeaders, seed: 5302);
        var mdns = DnsMessage(2);
        Mutations.RandomMutationsAreSafe(AppPackets.Udp(5353, 5353, mdns), UdpHeaders, seed: 5353);
        // Found by the heuristic on other ports, the same message must be just as safe.
        Mutations.RandomMutationsAreSafe(AppPackets.Udp(40000, 40001, zoo), UdpHeaders, seed: 5304);
    }

    [Fact]
    public void Every_tls_message_openssl_sent_survives_prefixes_and_mutations()
    {
        int seed = 1300;
        foreach (var (_, frame) in RepoFrames("Tls/tls12-tls13-handshakes.pcap"))
        {
            if (frame.Length <= TcpHeaders) continue;
            Mutations.EveryPrefixIsSafe(frame, TcpHeaders);
            Mutations.RandomMutationsAreSafe(frame, TcpHeaders, seed: seed++, rounds: 300);
        }
    }

    [Fact]
    public void Ssdp_survives_prefixes_and_mutations()
    {
        var notify = Encoding.ASCII.GetBytes("NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\nLOCATION: http://10.0.0.1/desc.xml\r\n\r\n");
        Mutations.EveryPrefixIsSafe(AppPackets.Udp(1900, 1900, notify), UdpHeaders);
        Mutations.RandomMutationsAreSafe(AppPackets.Udp(1900, 1900, notify), UdpHeaders, seed: 1900);
    }

    [Fact]
    public void Counts_that_promise_more_than_the_message_holds_stop_at_its_end()
    {
        // 65535 questions announced, one present: one is shown, the rest is not looked for.
        var message = DnsMessage(3);
        message[4] = 0xFF;
        message[5] = 0xFF;
        var r = Dissect.Tree(AppPackets.Udp(5555, 53, message));
        Assert.Equal(DissectStatus.Malformed, r.Status);
        Assert.Single(Dissect.Values(r.Root, "dns.qry.name"));
    }

    [Fact]
    public void Http_with_a_hundred_thousand_header_lines_keeps_its_tree_within_the_node_cap()
    {
        var text = new StringBuilder("GET / HTTP/1.1\r\n");
        for (int i = 0; i < 100_000; i++) text.Append("X: y\r\n");
        text.Append("\r\n");
        var frame = AppPackets.Tcp(40000, 80, 1, 1, Encoding.ASCII.GetBytes(text.ToString()));
        var info = Dissect.Info(frame);
        long before = FrameDissector.InternalErrors;
        var builder = new FieldTreeBuilder();
        var sink = new TreeSink(builder);
        var ctx = PacketContext.Create(1, info, info.TimestampNs, info.TimestampNs);
        FrameDissector.Dissect(frame, ref ctx, ref sink);
        Assert.Equal(before, FrameDissector.InternalErrors);
        Assert.True(builder.Root.Descendants().Count() <= FieldTreeBuilder.MaxNodes + 1);
    }

    [Fact]
    public void Tls_lengths_that_lie_about_nesting_are_bounded_by_the_record()
    {
        // A ClientHello claiming 16 MB inside a 9-byte record: noted as malformed, its body not read past the record.
        var lie = Convert.FromHexString("1603030009" + "01ffffff" + "0303aabbcc");
        var r = Dissect.Tree(AppPackets.Tcp(40000, 443, 1, 1, lie));
        Assert.Equal("1", Dissect.Value(r.Root, "tls.handshake.type"));
        Assert.Contains(r.Root.Descendants(), n => n.Expert?.Def.Field.Name == "tls.malformed.handshake");
        Assert.Null(Dissect.Value(r.Root, "tls.handshake.ciphersuite"));
    }
}
