using System.IO.Compression;
using System.Text;
using Sniffer.Analysis.Pipeline;
using Sniffer.Analysis.Tcp;
using Sniffer.Capture;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Tests.Dissectors.Http;

public class HttpDissectorTests
{
    private const int HeadersLength = 14 + 20 + 20;

    private const string Request =
        "GET /search?q=dns&x=1 HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: test/1.0\r\nAccept: */*\r\n" +
        "Cookie: a=1; b=2\r\nX-Custom: yes\r\n\r\n";

    private static byte[] ToServer(string text, uint seq = 1) => AppPackets.Tcp(40000, 80, seq, 1, Encoding.ASCII.GetBytes(text));
    private static byte[] ToClient(byte[] payload, uint seq = 1) => AppPackets.Tcp(80, 40000, seq, 1, payload, src: AppPackets.Server, dst: AppPackets.Client);

    [Fact]
    public void Request_line_and_headers_become_tshark_fields()
    {
        var r = Dissect.Tree(ToServer(Request));
        Assert.Equal("HTTP", r.Protocol);
        Assert.Equal("GET /search?q=dns&x=1 HTTP/1.1 ", r.Info);
        Assert.Equal("GET", Dissect.Value(r.Root, "http.request.method"));
        Assert.Equal("/search?q=dns&x=1", Dissect.Value(r.Root, "http.request.uri"));
        Assert.Equal("/search", Dissect.Value(r.Root, "http.request.uri.path"));
        Assert.Equal(new[] { "q=dns", "x=1" }, Dissect.Values(r.Root, "http.request.uri.query.parameter"));
        Assert.Equal("HTTP/1.1", Dissect.Value(r.Root, "http.request.version"));
        Assert.Equal("www.example.com", Dissect.Value(r.Root, "http.host"));
        Assert.Equal("test/1.0", Dissect.Value(r.Root, "http.user_agent"));
        Assert.Equal(new[] { "a=1", "b=2" }, Dissect.Values(r.Root, "http.cookie_pair"));
        Assert.Equal("http://www.example.com/search?q=dns&x=1", Dissect.Value(r.Root, "http.request.full_uri"));
        Assert.Equal("1", Dissect.Value(r.Root, "http.request"));
        Assert.Equal(5, Dissect.Values(r.Root, "http.request.line").Count);
        var labels = Dissect.Labels(r.Root);
        Assert.Contains("GET /search?q=dns&x=1 HTTP/1.1\\r\\n", labels);
        Assert.Contains("Host: www.example.com\\r\\n", labels);
        Assert.Contains("X-Custom: yes\\r\\n", labels);
        Assert.Contains("\\r\\n", labels);
    }

    [Fact]
    public void Gzip_response_is_decoded_for_display()
    {
        var body = Gzip("<html>\nhello\n</html>\n");
        var head = $"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Encoding: gzip\r\nContent-Length: {body.Length}\r\nServer: gws\r\n\r\n";
        var r = Dissect.Tree(ToClient(Encoding.ASCII.GetBytes(head).Concat(body).ToArray()));
        Assert.Equal("HTTP/1.1 200 OK  (text/html)", r.Info);
        Assert.Equal("200", Dissect.Value(r.Root, "http.response.code"));
        Assert.Equal("OK", Dissect.Value(r.Root, "http.response.phrase"));
        Assert.Equal(body.Length.ToString(), Dissect.Value(r.Root, "http.content_length"));
        Assert.Equal("gws", Dissect.Value(r.Root, "http.server"));
        Assert.Equal("<html>\\nhello\\n</html>\\n", Dissect.Value(r.Root, "http.file_data"));
        var labels = Dissect.Labels(r.Root);
        Assert.Contains($"Content-encoded entity body (gzip): {body.Length} bytes -> 21 bytes", labels);
        Assert.Contains("Line-based text data: text/html (3 lines)", labels);
    }

    [Fact]
    public void Chunked_response_is_dechunked()
    {
        const string text = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
        var r = Dissect.Tree(ToClient(Encoding.ASCII.GetBytes(text)));
        Assert.Equal("chunked", Dissect.Value(r.Root, "http.transfer_encoding"));
        Assert.Equal(new[] { "5", "6", "0" }, Dissect.Values(r.Root, "http.chunk_size"));
        Assert.Equal("hello world", Dissect.Value(r.Root, "http.file_data"));
    }

    [Fact]
    public void Pipelined_requests_in_one_segment_are_each_dissected()
    {
        var r = Dissect.Tree(ToServer("GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n"));
        Assert.Equal(new[] { "/a", "/b" }, Dissect.Values(r.Root, "http.request.uri"));
        Assert.Equal("GET /a HTTP/1.1 GET /b HTTP/1.1 ", r.Info);
    }

    [Fact]
    public void A_response_split_over_segments_belongs_to_the_frame_that_completes_it()
    {
        var processor = new PacketProcessor(new AnalyzerSet(new TcpAnalyzer()));
        var response = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\n0123456789");
        int split = response.Length - 6;
        var first = Run(processor, ToServer("GET / HTTP/1.1\r\nHost: h\r\n\r\n"), 1_000_000_000);
        Assert.Equal("GET / HTTP/1.1 ", first.Info);
        var part = Run(processor, ToClient(response[..split]), 1_100_000_000);
        Assert.Equal("TCP", part.Protocol);
        Assert.EndsWith("[TCP segment of a reassembled PDU]", part.Info);
        Assert.Null(Dissect.Value(part.Root, "http.response.code"));
        var last = Run(processor, ToClient(response[split..], seq: 1 + (uint)split), 1_300_000_000);
        Assert.Equal("HTTP", last.Protocol);
        Assert.Equal("HTTP/1.1 200 OK  (text/plain)", last.Info);
        Assert.Equal("200", Dissect.Value(last.Root, "http.response.code"));
        Assert.Equal("1", Dissect.Value(last.Root, "http.request_in"));
        Assert.Equal("0.300000000", Dissect.Value(last.Root, "http.time"));
        Assert.Equal("http://h/", Dissect.Value(last.Root, "http.response_for.uri"));
    }

    [Fact]
    public void Every_prefix_and_random_mutations_are_safe()
    {
        Mutations.EveryPrefixIsSafe(ToServer(Request), HeadersLength);
        Mutations.RandomMutationsAreSafe(ToServer(Request), HeadersLength, seed: 80);
        var chunked = ToClient(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
        Mutations.EveryPrefixIsSafe(chunked, HeadersLength);
        Mutations.RandomMutationsAreSafe(chunked, HeadersLength, seed: 81);
    }

    private static byte[] Gzip(string text)
    {
        var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(Encoding.ASCII.GetBytes(text));
        return output.ToArray();
    }

    private sealed record Result(FieldNode Root, string Info, string Protocol);

    private static Result Run(PacketProcessor processor, byte[] frame, long ts)
    {
        var info = new FrameInfo(ts, LinkType.Ethernet, frame.Length, frame.Length, 0, 0);
        var ctx = processor.Next(info, wantColumns: true, wantProtocols: false);
        var builder = new FieldTreeBuilder();
        var sink = new TreeSink(builder);
        PacketProcessor.Dissect(frame, ref ctx, ref sink);
        return new Result(builder.Root, processor.Info.ToString(), ctx.Protocol);
    }
}
