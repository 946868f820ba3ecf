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
        Assert.Equal("<Name contains a pointer that loops>", Dissect.Value(r.Root, "dns.resp.name"));
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
        var r = Dissect.Tree(AppPackets.Udp(53, 5555, message));
        var names = Dissect.Values(r.Root, "dns.resp.name");
        Assert.Equal(2000, names.Count);
        Assert.All(names, n => Assert.Equal("<Name contains a pointer that loops>", n));
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

    [Fact]
    public void A_query_repeated_after_the_retransmission_timer_is_a_new_transaction()
    {
        var processor = new PacketProcessor(new AnalyzerSet());
        var query = AppPackets.Udp(5555, 53, Query());
        Run(processor, query, 1_000_000_000);
        var later = Run(processor, query, 6_000_000_001);
        Assert.Null(Dissect.Value(later, "dns.retransmission"));
        var response = Run(processor, AppPackets.Udp(53, 5555, Response(), AppPackets.Server, AppPackets.Client), 6_500_000_001);
        Assert.Equal("2", Dissect.Value(response, "dns.response_to"));
    }

    [Fact]
    public void The_response_to_a_retransmitted_query_answers_the_original_and_a_second_response_names_the_first()
    {
        var processor = new PacketProcessor(new AnalyzerSet());
        var query = AppPackets.Udp(5555, 53, Query());
        var response = AppPackets.Udp(53, 5555, Response(), AppPackets.Server, AppPackets.Client);
        Run(processor, query, 1_000_000_000);
        Run(processor, query, 2_000_000_000);
        var first = Run(processor, response, 2_100_000_000);
        Assert.Equal("1", Dissect.Value(first, "dns.response_to"));
        Assert.Equal("1.100000000", Dissect.Value(first, "dns.time"));
        var second = Run(processor, response, 2_200_000_000);
        Assert.Equal("3", Dissect.Value(second, "dns.retransmit_response_in"));
        Assert.Null(Dissect.Value(second, "dns.response_to"));
    }

    [Fact]
    public void Several_responses_to_a_zone_transfer_are_not_retransmissions()
    {
        var processor = new PacketProcessor(new AnalyzerSet());
        var axfr = Header(7, 0x0000, 1, 0).Concat(AppPackets.Name("example.com")).Concat(new byte[] { 0, 252, 0, 1 }).ToArray();
        var answer = Header(7, 0x8400, 1, 0).Concat(AppPackets.Name("example.com")).Concat(new byte[] { 0, 252, 0, 1 }).ToArray();
        Run(processor, AppPackets.Udp(5555, 53, axfr), 1_000_000_000);
        Run(processor, AppPackets.Udp(53, 5555, answer, AppPackets.Server, AppPackets.Client), 1_100_000_000);
        var more = Run(processor, AppPackets.Udp(53, 5555, answer, AppPackets.Server, AppPackets.Client), 1_200_000_000);
        Assert.Null(Dissect.Value(more, "dns.retransmission"));
        Assert.Equal("1", Dissect.Value(more, "dns.response_to"));
    }

    [Fact]
    public void Bytes_after_the_last_record_are_extraneous_data()
    {
        var message = Response().Concat(new byte[] { 0xDE, 0xAD, 0xBE }).ToArray();
        var r = Dissect.Tree(AppPackets.Udp(53, 5555, message));
        Assert.Equal(DissectStatus.Complete, r.Status);
        Assert.Equal("3", Dissect.Value(r.Root, "dns.extraneous.length"));
        Assert.Equal("deadbe", Dissect.Value(r.Root, "dns.extraneous.data"));
        Assert.Contains("Extraneous Data (3 bytes)", Dissect.Labels(r.Root));
    }

    [Fact]
    public void Mdns_questions_say_whether_they_want_a_unicast_answer_as_tshark_does()
    {
        var qu = Header(0, 0, 1, 0).Concat(AppPackets.Name("local")).Concat(new byte[] { 0, 12, 0x80, 1 }).ToArray();
        var qm = Header(0, 0, 1, 0).Concat(AppPackets.Name("local")).Concat(new byte[] { 0, 12, 0, 1 }).ToArray();
        var a = Dissect.Tree(AppPackets.Udp(5353, 5353, qu));
        Assert.Equal("Standard query 0x0000 PTR local, \"QU\" question", a.Info);
        Assert.Contains(".000 0000 0000 0001 = Class: IN (0x0001)", Dissect.Labels(a.Root));
        Assert.Contains("1... .... .... .... = \"QU\" question: True", Dissect.Labels(a.Root));
        Assert.Equal("Standard query 0x0000 PTR local, \"QM\" question", Dissect.Tree(AppPackets.Udp(5353, 5353, qm)).Info);
    }

    [Fact]
    public void A_question_that_cannot_be_read_whole_is_not_shown()
    {
        var two = Header(1, 0x0100, 2, 0).Concat(AppPackets.Name("www.espn.com")).Concat(new byte[] { 0, 1, 0, 1 })
            .Concat(AppPackets.Name("cut.example")).ToArray();
        var r = Dissect.Tree(AppPackets.Udp(5555, 53, two));
        Assert.Equal(DissectStatus.Malformed, r.Status);
        Assert.Equal(["www.espn.com"], Dissect.Values(r.Root, "dns.qry.name"));
    }

    [Fact]
    public void Dns_on_other_ports_is_found_by_tshark_s_heuristic_unless_tshark_gives_the_port_to_another_protocol()
    {
        var r = Dissect.Tree(AppPackets.Udp(30490, 31490, Response()));
        Assert.Equal("DNS", r.Protocol);
        Assert.Equal("www.espn.com", Dissect.Value(r.Root, "dns.qry.name"));
        // NetBIOS name service (137) has tshark's port; its queries look like DNS but are not ours.
        Assert.Equal("UDP", Dissect.Tree(AppPackets.Udp(137, 137, Query())).Protocol);
        // Opcode 2 is not a standard query: the heuristic refuses.
        var status = Response();
        status[2] = 0x90;
        Assert.Equal("UDP", Dissect.Tree(AppPackets.Udp(30490, 31490, status)).Protocol);
        // A query asks exactly one question.
        var twoQuestions = Query();
        twoQuestions[5] = 2;
        Assert.Equal("UDP", Dissect.Tree(AppPackets.Udp(30490, 31490, twoQuestions)).Protocol);
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
