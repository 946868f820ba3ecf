using Sniffer.Analysis.Dns;
using Sniffer.Analysis.Http;
using Sniffer.Analysis.Tls;
using Sniffer.Dissectors.Core;

namespace Sniffer.Tests.Analysis;

public class MatchingTablesTests
{
    private static readonly DnsTransactionKey Dns1 = new(1, 2, 5555, 53, 0x1234, TransportKind.Udp);
    private static readonly ConversationKey Conn = new(1, 2, 40000, 80);

    [Fact]
    public void Dns_response_matches_its_request_and_single_pass_leaves_response_in_empty()
    {
        var t = new DnsTransactionTable();
        t.Match(1, 1_000, Dns1, isResponse: false, multipleResponses: false, out var q);
        Assert.Equal(0u, q.ResponseFrame);
        t.Match(2, 1_500, Dns1, isResponse: true, multipleResponses: false, out var r);
        Assert.Equal(1u, r.RequestFrame);
        Assert.Equal(500, r.TimeNs);
        // A revisit of the request (TUI, -2) now knows its response.
        t.Match(1, 1_000, Dns1, isResponse: false, multipleResponses: false, out var again);
        Assert.Equal(2u, again.ResponseFrame);
        Assert.False(again.Retransmission);
    }

    [Fact]
    public void Looking_again_at_the_last_frame_at_once_gives_its_first_answer_not_a_new_message()
    {
        var t = new DnsTransactionTable();
        t.Match(1, 0, Dns1, isResponse: false, multipleResponses: false, out _, visit: 1);
        t.Match(2, 10, Dns1, isResponse: true, multipleResponses: false, out var first, visit: 2);
        // The TUI shows the last row and then its tree: two dissections of frame 2, one after the other.
        t.Match(2, 10, Dns1, isResponse: true, multipleResponses: false, out var row, visit: 3);
        t.Match(2, 10, Dns1, isResponse: true, multipleResponses: false, out var tree, visit: 4);
        Assert.Equal(1u, first.RequestFrame);
        Assert.Equal(first, row);
        Assert.Equal(first, tree);
        Assert.False(tree.Retransmission);
        Assert.Equal(1, t.Count);
    }

    [Fact]
    public void Dns_unsolicited_response_and_duplicate_response()
    {
        var t = new DnsTransactionTable();
        t.Match(1, 0, Dns1, isResponse: true, multipleResponses: false, out var unsolicited);
        Assert.True(unsolicited.Unsolicited);
        t.Match(2, 0, Dns1, isResponse: false, multipleResponses: false, out _);
        t.Match(3, 0, Dns1, isResponse: true, multipleResponses: false, out _);
        t.Match(4, 0, Dns1, isResponse: true, multipleResponses: false, out var duplicate);
        Assert.True(duplicate.Retransmission);
        Assert.Equal(3u, duplicate.OriginalFrame);
    }

    [Fact]
    public void Dns_other_ids_and_endpoints_do_not_match()
    {
        var t = new DnsTransactionTable();
        t.Match(1, 0, Dns1, isResponse: false, multipleResponses: false, out _);
        t.Match(2, 0, Dns1 with { Id = 1 }, isResponse: true, multipleResponses: false, out var otherId);
        t.Match(3, 0, Dns1 with { ClientPort = 6666 }, isResponse: true, multipleResponses: false, out var otherPort);
        Assert.True(otherId.Unsolicited);
        Assert.True(otherPort.Unsolicited);
    }

    [Fact]
    public void Http_numbers_messages_and_pairs_like_tshark()
    {
        var t = new HttpTransactionTable();
        t.Match(1, 100, Conn, false, false, "http://h/a"u8, out var a);
        t.Match(3, 300, Conn, false, true, "http://h/b"u8, out var b);
        Assert.Equal((1u, 1u, 0u), (a.Number, a.Count, a.PreviousFrame));
        Assert.Equal((2u, 2u, 1u), (b.Number, b.Count, b.PreviousFrame));
        Assert.True(t.AwaitsHeadResponse(Conn));
        t.Match(4, 450, Conn, true, false, default, out var response);
        Assert.Equal(3u, response.RequestFrame); // the latest unanswered request (packet-http.c)
        Assert.Equal(150, response.TimeNs);
        Assert.Equal("http://h/b", System.Text.Encoding.ASCII.GetString(response.RequestUri.Span));
        t.Match(3, 300, Conn, false, true, "http://h/b"u8, out var revisit);
        Assert.Equal(4u, revisit.ResponseFrame);
    }

    [Fact]
    public void Tls_session_state_is_replayed_on_revisit()
    {
        var t = new TlsSessionTable();
        var start = t.Begin(1, Conn);
        Assert.Equal(0, start.Version);
        t.End(1, Conn, new TlsSessionState { Version = 0x0304 });
        Assert.True(t.IsTls(Conn));
        Assert.Equal(0x0304, t.Begin(2, Conn).Version);
        t.End(2, Conn, new TlsSessionState { Version = 0x0304 });
        Assert.Equal(0, t.Begin(1, Conn).Version); // frame 1 started before the ServerHello
    }
}

public class MatchingTablesRevisitTests
{
    private static readonly ConversationKey A = new(1, 2, 40000, 80);
    private static readonly ConversationKey B = new(1, 2, 40001, 80);
    private static readonly DnsTransactionKey Q1 = new(1, 2, 5555, 53, 1, TransportKind.Udp);
    private static readonly DnsTransactionKey Q2 = new(1, 2, 5555, 53, 2, TransportKind.Udp);

    private static string Describe(in HttpMatch m) =>
        $"req={m.RequestFrame} resp={m.ResponseFrame} t={m.TimeNs} n={m.Number}/{m.Count} prev={m.PreviousFrame} next={m.NextFrame} uri={System.Text.Encoding.ASCII.GetString(m.RequestUri.Span)}";

    /// <summary>Messages of a capture: frame, connection, response?, URI. Frame 5 carries three messages, frame 7 two.</summary>
    private static readonly (uint Frame, bool OnA, bool Response, string Uri)[] Http =
    [
        (1, true, false, "/a"), (2, true, true, ""), (3, false, false, "/x"), (5, true, false, "/b"),
        (5, true, false, "/c"), (5, false, true, ""), (6, true, true, ""), (7, false, false, "/y"), (7, false, true, ""),
        (9, true, true, ""),
    ];

    private static string[] VisitHttp(HttpTransactionTable t, IEnumerable<int> order)
    {
        var seen = new string[Http.Length];
        foreach (int i in order)
        {
            var (frame, onA, response, uri) = Http[i];
            t.Match(frame, frame * 1000L, onA ? A : B, response, false, System.Text.Encoding.ASCII.GetBytes(uri), out var m);
            seen[i] = Describe(m);
        }
        return seen;
    }

    /// <summary>The messages of each frame in order, frames in the given order (a TUI jumping around).</summary>
    private static IEnumerable<int> ByFrames<T>(T[] messages, Func<T, uint> frameOf, IEnumerable<uint> frames)
    {
        foreach (uint f in frames)
            for (int i = 0; i < messages.Length; i++)
                if (frameOf(messages[i]) == f) yield return i;
    }

    [Fact]
    public void Http_revisits_in_any_order_answer_as_a_second_pass_with_links_to_later_frames()
    {
        var t = new HttpTransactionTable();
        var first = VisitHttp(t, Enumerable.Range(0, Http.Length));
        var second = VisitHttp(t, Enumerable.Range(0, Http.Length));
        string[] expected =
        [
            "req=0 resp=2 t=0 n=1/1 prev=0 next=5 uri=", "req=1 resp=0 t=1000 n=1/1 prev=0 next=6 uri=/a",
            "req=0 resp=5 t=0 n=1/1 prev=0 next=7 uri=", "req=0 resp=0 t=0 n=2/2 prev=1 next=5 uri=",
            "req=0 resp=6 t=0 n=3/3 prev=5 next=0 uri=", "req=3 resp=0 t=2000 n=1/1 prev=0 next=0 uri=/x",
            "req=5 resp=0 t=1000 n=2/2 prev=2 next=9 uri=/c", "req=0 resp=7 t=0 n=2/2 prev=3 next=0 uri=",
            "req=7 resp=0 t=0 n=2/2 prev=5 next=0 uri=/y", "req=0 resp=0 t=0 n=3/3 prev=6 next=0 uri=",
        ];
        // Frame 5's response is its third message: the next response is looked up by the frame's first
        // message only (as the table always did), so it has none.
        Assert.Equal(expected, second);
        Assert.Equal("req=0 resp=0 t=0 n=1/1 prev=0 next=0 uri=", first[0]); // the first visit knows nothing later
        // (Not the highest frame first: read again straight after the pass, its messages would count as new ones.)
        uint[] jumps = [5, 9, 1, 7, 7, 2, 6, 3, 5];
        var jumped = VisitHttp(t, ByFrames(Http, m => m.Frame, jumps));
        foreach (int i in ByFrames(Http, m => m.Frame, jumps)) Assert.Equal(expected[i], jumped[i]);
    }

    [Fact]
    public void Http_single_pass_answers_the_current_frame_again_and_forgets_older_ones()
    {
        var t = new HttpTransactionTable(rememberFrames: false);
        VisitHttp(t, Enumerable.Range(0, 7)); // up to frame 6
        // Frame 6 read again after an older frame: the same answer; frame 5 is forgotten.
        Assert.Equal("req=0 resp=0 t=0 n=0/0 prev=0 next=0 uri=", VisitHttp(t, [3])[3]);
        Assert.Equal("req=5 resp=0 t=1000 n=2/2 prev=2 next=0 uri=/c", VisitHttp(t, [6])[6]);
    }

    private static readonly (uint Frame, bool First, bool Response, long TimeNs)[] Dns =
    [
        (1, true, false, 0), (1, false, false, 10), (2, true, false, 1_000), (3, false, true, 2_000), (3, true, true, 2_500),
        (4, true, true, 3_000),
    ];

    private static string[] VisitDns(DnsTransactionTable t, IEnumerable<int> order)
    {
        var seen = new string[Dns.Length];
        foreach (int i in order)
        {
            var (frame, first, response, time) = Dns[i];
            t.Match(frame, time, first ? Q1 : Q2, response, false, out var m);
            seen[i] = $"req={m.RequestFrame} resp={m.ResponseFrame} t={m.TimeNs} retr={m.Retransmission} orig={m.OriginalFrame}";
        }
        return seen;
    }

    [Fact]
    public void Dns_revisits_in_any_order_answer_as_a_second_pass()
    {
        var t = new DnsTransactionTable();
        VisitDns(t, Enumerable.Range(0, Dns.Length));
        string[] expected =
        [
            "req=0 resp=3 t=0 retr=False orig=0", "req=0 resp=3 t=0 retr=False orig=0", "req=0 resp=0 t=0 retr=True orig=1",
            "req=1 resp=0 t=1990 retr=False orig=0", "req=1 resp=0 t=2500 retr=False orig=0", "req=1 resp=0 t=3000 retr=True orig=3",
        ];
        Assert.Equal(expected, VisitDns(t, Enumerable.Range(0, Dns.Length)));
        uint[] jumps = [4, 1, 3, 3, 2, 1];
        var jumped = VisitDns(t, ByFrames(Dns, m => m.Frame, jumps));
        foreach (int i in ByFrames(Dns, m => m.Frame, jumps)) Assert.Equal(expected[i], jumped[i]);
    }
}
