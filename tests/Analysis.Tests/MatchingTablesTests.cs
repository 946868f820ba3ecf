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
