using System.Buffers.Binary;
using Sniffer.Analysis.Pipeline;
using Sniffer.Capture;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Tests.Dissectors.Dns;

public class DnsDissectorTests
{
    private const int HeadersLength = 14 + 20 + 8;

    private static byte[] Header(ushort id, ushort flags, ushort qd, ushort an, ushort ns = 0, ushort ar = 0)
    {
        var h = new byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(h, id);
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(2), flags);
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(4), qd);
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(6), an);
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(8), ns);
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(10), ar);
        return h;
    }

    public static byte[] Query(ushort id = 0x9a6b) =>
        Header(id, 0x0100, 1, 0).Concat(AppPackets.Name("www.espn.com")).Concat(new byte[] { 0, 1, 0, 1 }).ToArray();

    /// <summary>www.espn.com A 199.181.132.250, the answer's name compressed to the question's (0xc00c).</summary>
    public static byte[] Response(ushort id = 0x9a6b) =>
        Header(id, 0x8180, 1, 1).Concat(AppPackets.Name("www.espn.com")).Concat(new byte[] { 0, 1, 0, 1 })
            .Concat(new byte[] { 0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0, 225, 0, 4, 199, 181, 132, 250 }).ToArray();

    [Fact]
    public void Query_info_and_fields()
    {
        var r = Dissect.Tree(AppPackets.Udp(5555, 53, Query()));
        Assert.Equal(DissectStatus.Complete, r.Status);
        Assert.Equal("DNS", r.Protocol);
        Assert.Equal("Standard query 0x9a6b A www.espn.com", r.Info);
        Assert.Equal("www.espn.com", Dissect.Value(r.Root, "dns.qry.name"));
        Assert.Equal("0", Dissect.Value(r.Root, "dns.flags.response"));
        Assert.Contains("Domain Name System (query)", Dissect.Labels(r.Root));
        Assert.Contains("www.espn.com: type A, class IN", Dissect.Labels(r.Root));
    }

    [Fact]
    public void Response_info_labels_and_fields_follow_tshark()
    {
        var r = Dissect.Tree(AppPackets.Udp(53, 5555, Response(), AppPackets.Server, AppPackets.Client));
        Assert.Equal(DissectStatus.Complete, r.Status);
        Assert.Equal("Standard query response 0x9a6b A www.espn.com A 199.181.132.250", r.Info);
        var labels = Dissect.Labels(r.Root);
        Assert.Contains("Flags: 0x8180 Standard query response, No error", labels);
        Assert.Contains("Answers", labels);
        Assert.Contains("www.espn.com: type A, class IN, addr 199.181.132.250", labels);
        Assert.Contains("Time to live: 225 (3 minutes, 45 seconds)", labels);
        Assert.Contains("Type: A (Host Address) (1)", labels);
        Assert.Contains("Class: IN (0x0001)", labels);
        Assert.Equal("199.181.132.250", Dissect.Value(r.Root, "dns.a"));
        Assert.Equal("www.espn.com", Dissect.Value(r.Root, "dns.resp.name"));
        Assert.Equal("225", Dissect.Value(r.Root, "dns.resp.ttl"));
        Assert.Equal("3", Dissect.Value(r.Root, "dns.count.labels"));
    }

    [Fact]
    public void Mdns_and_llmnr_ports_use_their_protocol_names()
    {
        Assert.Equal("MDNS", Dissect.Tree(AppPackets.Udp(5353, 5353, Query())).Protocol);
        Assert.Equal("LLMNR", Dissect.Tree(AppPackets.Udp(40000, 5355, Query())).Protocol);
    }

    [Fact]
    public void Pointer_loop_in_an_answer_is_a_note_not_a_hang()
    {
        var message = Header(1, 0x8180, 0, 1).Concat(new byte[] { 0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4 }).ToArray();
        var r = Dissect.Tree(AppPackets.Udp(53, 5555, message));
        Assert.Equal("<Name too long>", Dissect.Value(r.Root, "dns.resp.name"));
    }

    [Fact]
    public void Answer_past_the_end_is_malformed()
    {
        var message = Response();
        var r = Dissect.Tree(AppPackets.Udp(53, 5555, message.AsSpan(0, message.Length - 2)));
        Assert.Equal(DissectStatus.Malformed, r.Status);
        Assert.EndsWith("[Malformed Packet]", r.Info);
    }

    [Fact]
    public void Every_prefix_cut_by_the_capture_is_truncated_never_malformed()
    {
        var statuses = Mutations.EveryPrefixIsSafe(AppPackets.Udp(53, 5555, Response()), HeadersLength);
        foreach (var (length, status) in statuses) Assert.NotEqual(DissectStatus.Malformed, status);
    }

    [Fact]
    public void Random_mutations_never_throw()
    {
        Mutations.RandomMutationsAreSafe(AppPackets.Udp(53, 5555, Response()), HeadersLength, seed: 53);
        Mutations.RandomMutationsAreSafe(AppPackets.Udp(5555, 53, Query()), HeadersLength, seed: 54);
    }

    [Fact]
    public void Hundreds_of_records_pointing_into_a_loop_stay_bounded()
    {
        // 2000 answers, each a name that loops: work must stay proportional to the message.
        var records = new List<byte>();
        for (int i = 0; i < 2000; i++) records.AddRange(new byte[] { 0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0 });
        var message = Header(1, 0x8180, 0, 2000).Concat(records).ToArray();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var r = Dissect.Tree(AppPackets.Udp(53, 5555, message));
        Assert.True(started.ElapsedMilliseconds < 5000, $"took {started.ElapsedMilliseconds} ms");
        Assert.Equal(2000, Dissect.Values(r.Root, "dns.resp.name").Count);
    }

    [Fact]
    public void Response_is_matched_to_its_query_in_a_pass()
    {
        var processor = new PacketProcessor(new AnalyzerSet());
        var query = AppPackets.Udp(5555, 53, Query());
        var response = AppPackets.Udp(53, 5555, Response(), AppPackets.Server, AppPackets.Client);
        Run(processor, query, 1_000_000_000);
        var root = Run(processor, response, 1_250_000_000);
        Assert.Equal("1", Dissect.Value(root, "dns.response_to"));
        Assert.Equal("0.250000000", Dissect.Value(root, "dns.time"));
    }

    [Fact]
    public void Unanswered_query_sent_again_is_a_retransmission()
    {
        var processor = new PacketProcessor(new AnalyzerSet());
        var query = AppPackets.Udp(5555, 53, Query());
        Run(processor, query, 1_000_000_000);
        var again = Run(processor, query, 2_000_000_000);
        Assert.Equal("1", Dissect.Value(again, "dns.retransmit_request_in"));
        Assert.Equal("1", Dissect.Value(again, "dns.retransmission"));
    }

    private static FieldNode Run(PacketProcessor processor, byte[] frame, long ts)
    {
        var info = new FrameInfo(ts, LinkType.Ethernet, frame.Length, frame.Length, 0, 0);
        var ctx = processor.Next(info, wantColumns: true, wantProtocols: false);
        var builder = new FieldTreeBuilder();
        var sink = new TreeSink(builder);
        PacketProcessor.Dissect(frame, ref ctx, ref sink);
        return builder.Root;
    }
}
