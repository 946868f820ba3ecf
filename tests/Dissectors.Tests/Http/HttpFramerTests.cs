using System.Text;
using Sniffer.Dissectors.Http;

namespace Sniffer.Tests.Dissectors.Http;

/// <summary>The "desegment" half of HTTP: where a message ends, or how much more is needed.</summary>
public class HttpFramerTests
{
    private static HttpMeasure Measure(string text, out HttpHead head, bool head_ = false) =>
        HttpFramer.Measure(Encoding.ASCII.GetBytes(text), head_, out head);

    [Fact]
    public void Request_without_body_ends_at_the_blank_line()
    {
        var m = Measure("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /next", out var head);
        Assert.Equal(27, m.Length);
        Assert.False(m.NeedsMore);
        Assert.Equal(HttpStartLine.Request, head.Kind);
        Assert.Equal(14, head.FirstLineLength);
    }

    [Fact]
    public void Headers_not_finished_need_one_more_segment()
    {
        var m = Measure("HTTP/1.1 200 OK\r\nContent-Len", out _);
        Assert.Equal(HttpMeasure.OneMoreSegment, m.MoreBytes);
    }

    [Fact]
    public void Content_length_says_exactly_how_much_is_missing()
    {
        var m = Measure("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", out var head);
        Assert.Equal(7, m.MoreBytes);
        Assert.Equal(HttpBodyKind.ContentLength, head.Body);
        Assert.Equal(200, head.StatusCode);
    }

    [Fact]
    public void Chunked_body_ends_after_the_last_chunk()
    {
        const string message = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
        var m = Measure(message + "HTTP/1.1", out var head);
        Assert.Equal(message.Length, m.Length);
        Assert.Equal(HttpBodyKind.Chunked, head.Body);
        Assert.True(Measure(message[..^3], out _).NeedsMore);
    }

    [Fact]
    public void Responses_that_cannot_have_a_body_end_at_the_headers()
    {
        const string notModified = "HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n";
        Assert.Equal(notModified.Length, Measure(notModified + "HTTP/1.1 200", out _).Length);
        var head = Measure("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", out _, head_: true);
        Assert.False(head.NeedsMore);
    }

    [Fact]
    public void Not_http_is_recognised_cheaply()
    {
        Assert.False(HttpFramer.Probe("\x16\x03\x01"u8));
        Assert.False(HttpFramer.Probe("GETX / HTTP/1.1"u8));
        Assert.True(HttpFramer.Probe("POST /x HTTP/1.0\r\n"u8));
        Assert.True(HttpFramer.Probe("HTTP/1.0 404 Not Found\r\n"u8));
    }

    [Fact]
    public void Header_lines_are_capped()
    {
        var sb = new StringBuilder("GET / HTTP/1.1\r\n");
        for (int i = 0; i < HttpFramer.MaxHeaderLines + 50; i++) sb.Append("X: y\r\n");
        sb.Append("\r\n");
        var m = Measure(sb.ToString(), out var head);
        Assert.True(head.TooManyHeaders);
        Assert.False(m.NeedsMore);
    }

    [Fact]
    public void Chunk_sizes_parse_hex_and_ignore_extensions()
    {
        Assert.Equal(0x1a, HttpFramer.ParseChunkSize("1A;ext=1"u8));
        Assert.Equal(-1, HttpFramer.ParseChunkSize("zz"u8));
        Assert.Equal(-1, HttpFramer.ParseChunkSize("ffffffffffffffffff"u8));
    }
}
