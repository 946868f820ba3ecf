using System.Text.RegularExpressions;

namespace Sniffer.Tests.Cli;

/// <summary>
/// -z pageload against tshark: the golden TSV holds tshark's own per-frame fields for website-load (generated once
/// with `tshark -2 -T fields -e frame.number -e tcp.stream -e tcp.flags -e tcp.len -e tcp.reassembled_in -e http.request
/// -e http.response -e http.request_in -e dns.qry.name -e dns.a -e dns.response_to ...`); the test derives from them
/// where each phase must begin and end, and checks every row of our report against that.
/// </summary>
public sealed class PageLoadTests
{
    private sealed record Phases(string Method, string Uri, int Code, string? Dns, string? Connect, string Send, string Wait, string Receive);

    [Fact]
    public void Website_load_rows_and_phase_frames_match_tshark_fields()
    {
        var expected = ExpectedFromTshark(Path.Combine(AppContext.BaseDirectory, "Golden", "website-load.pageload-fields.tsv"));
        Assert.Equal(7, expected.Count);

        var result = CliRunner.Run("-r", TestPaths.Sample("website-load.pcapng"), "-q", "-z", "pageload");
        Assert.Equal(0, result.ExitCode);
        var actual = Parse(result.Stdout);
        Assert.Equal(expected, actual);
        Assert.Contains("7 HTTP requests", result.Stdout);
        Assert.Contains("status codes: 200 x5, 304 x1, 404 x1", result.Stdout);
        Assert.Contains("handshake RTT 0.024 ms", result.Stdout);
    }

    [Fact]
    public void Encrypted_connections_get_one_row_each_with_their_sni()
    {
        var result = CliRunner.Run("-r", TestPaths.Sample("https-sni.pcapng"), "-q", "-z", "pageload");
        Assert.Equal(0, result.ExitCode);
        foreach (var sni in new[] { "www.site.test", "api.site.test", "cdn.site.test" })
            Assert.Matches(new Regex($@"^\s+\d+ TLS {Regex.Escape(sni)}\s+encrypted", RegexOptions.Multiline), result.Stdout);
        Assert.Contains("3 TLS connections", result.Stdout);
        // ClientHello of the first connection is frame 4; its first application data from the client frame 10.
        Assert.Matches(new Regex(@"^\s+tls\s+frames 4 -> 10 ", RegexOptions.Multiline), result.Stdout);
    }

    [Fact]
    public void Refused_and_unanswered_connections_and_retransmissions_are_shown()
    {
        var result = CliRunner.Run("-r", TestPaths.Sample("handshakes.pcapng"), "-q", "-z", "pageload");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(new Regex(@"TCP 127\.0\.0\.1:81\s+refused", RegexOptions.Multiline), result.Stdout);
        Assert.Matches(new Regex(@"TCP 127\.0\.0\.1:82\s+no answer", RegexOptions.Multiline), result.Stdout);
        Assert.Contains("SYN unanswered, retransmitted 2x", result.Stdout);
        Assert.Contains("refused 1", result.Stdout);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(80)]
    [InlineData(200)]
    public void The_waterfall_fits_the_width(int width)
    {
        var page = Sniffer.Analysis.Web.PageLoad.Build(Activity(TestPaths.Sample("website-load.pcapng")));
        var w = new StringWriter();
        new Sniffer.Analysis.Reports.PageLoadReport(page, width).Render(w);
        var lines = w.ToString().Split('\n');
        var table = lines.Where(l => l.EndsWith('|')).ToList();
        Assert.Equal(8, table.Count); // the header and seven rows
        Assert.All(table, l => Assert.Equal(width, l.Length));
    }

    internal static Sniffer.Analysis.Web.WebActivity Activity(string path, bool keepBodies = false)
    {
        var activity = new Sniffer.Analysis.Web.WebActivity { KeepBodies = keepBodies };
        Feed(path, activity.Observe);
        return activity;
    }

    internal delegate void FrameObserver(ReadOnlySpan<byte> data, in Sniffer.Dissectors.Core.PacketContext ctx, Sniffer.Dissectors.Tree.FieldValueSet values);

    /// <summary>One pass over a capture as the CLI makes it, with the web fields collected.</summary>
    internal static void Feed(string path, FrameObserver observe)
    {
        using var reader = Sniffer.Capture.CaptureFile.Open(path);
        var processor = new Sniffer.Analysis.Pipeline.PacketProcessor(Sniffer.Cli.Commands.Analyzers.Create());
        var values = new Sniffer.Dissectors.Tree.FieldValueSet();
        Sniffer.Analysis.Web.WebFields.WantAll(values);
        while (reader.TryRead(out var info, out var data))
        {
            var ctx = processor.Next(info, wantColumns: false, wantProtocols: false);
            values.Clear();
            var sink = new Sniffer.Dissectors.Tree.CollectorSink(values);
            Sniffer.Analysis.Pipeline.PacketProcessor.Dissect(data, ref ctx, ref sink);
            observe(data, ctx, values);
        }
    }

    private static List<Phases> Parse(string report)
    {
        var rows = new List<Phases>();
        var head = new Regex(@"^\s*\d+ (\S+) http://[^/\s]+(\S*)  (\d{3}) ");
        var phase = new Regex(@"^\s+(dns|connect|tls|blocked|send|wait|receive)\s+frames? (\d+)(?: -> (\d+))?(?: -> (\d+))?");
        string? method = null, uri = null;
        int code = 0;
        var found = new Dictionary<string, string>();
        void Flush()
        {
            if (method is null) return;
            rows.Add(new Phases(method, uri!, code, found.GetValueOrDefault("dns"), found.GetValueOrDefault("connect"), found["send"], found["wait"], found["receive"]));
            found.Clear();
        }
        foreach (var line in report.Split('\n'))
        {
            if (line.StartsWith("---", StringComparison.Ordinal)) { Flush(); method = null; continue; }
            var h = head.Match(line);
            if (h.Success)
            {
                Flush();
                method = h.Groups[1].Value;
                uri = h.Groups[2].Value;
                code = int.Parse(h.Groups[3].Value);
                continue;
            }
            var p = phase.Match(line);
            if (p.Success && method is not null)
            {
                var frames = new[] { p.Groups[2], p.Groups[3], p.Groups[4] }.Where(g => g.Success).Select(g => g.Value);
                found[p.Groups[1].Value] = string.Join("-", frames);
            }
        }
        Flush();
        return rows;
    }

    /// <summary>The phases as tshark's fields place them (one frame each end, "a-b", or "syn-synack-ack").</summary>
    private static List<Phases> ExpectedFromTshark(string tsvPath)
    {
        var lines = File.ReadAllLines(tsvPath);
        var header = lines[0].Split('\t');
        int Col(string name) => Array.IndexOf(header, name);
        var frames = lines.Skip(1).Select(l => l.Split('\t')).ToList();
        string F(string[] r, string name) => Col(name) < r.Length ? r[Col(name)] : "";
        int N(string[] r) => int.Parse(F(r, "frame.number"));

        // Each message's first frame: the earliest segment tshark says was reassembled into it, or the message's own frame.
        int FirstOf(int frame) => frames.Where(r => F(r, "tcp.reassembled_in") == frame.ToString()).Select(N).DefaultIfEmpty(frame).Min();

        var usedDns = new HashSet<int>();
        var seenStreams = new HashSet<string>();
        var requests = frames.Where(r => F(r, "http.request") == "1").ToList();
        // Connections in the order they opened, for the DNS answer each used first.
        var firstStreamOfHost = new Dictionary<string, string>();
        var result = new List<Phases>();
        foreach (var rq in requests.OrderBy(r => FirstOf(N(r))))
        {
            int f = N(rq);
            string stream = F(rq, "tcp.stream");
            var rs = frames.First(r => F(r, "http.response") == "1" && F(r, "http.request_in") == f.ToString());
            int r0 = FirstOf(N(rs));
            string? connect = null, dns = null;
            if (seenStreams.Add(stream))
            {
                var s = frames.Where(r => F(r, "tcp.stream") == stream).ToList();
                int syn = N(s.First(r => (Convert.ToInt32(F(r, "tcp.flags"), 16) & 0x12) == 0x02));
                int synAck = N(s.First(r => (Convert.ToInt32(F(r, "tcp.flags"), 16) & 0x12) == 0x12));
                int ack = N(s.First(r => N(r) > synAck && Convert.ToInt32(F(r, "tcp.flags"), 16) == 0x10));
                connect = $"{syn}-{synAck}-{ack}";
                // The latest answer before the SYN for this host with the server's address, used only once.
                var answer = frames.Where(r => N(r) < syn && F(r, "dns.flags.response") == "1" && F(r, "dns.qry.name") == F(rq, "http.host")
                    && F(r, "dns.a").Split(',').Contains(F(rq, "ip.dst"))).LastOrDefault();
                if (answer is not null && usedDns.Add(N(answer))) dns = $"{F(answer, "dns.response_to")}-{N(answer)}";
            }
            result.Add(new Phases(F(rq, "http.request.method"), F(rq, "http.request.uri"), int.Parse(F(rs, "http.response.code")), dns, connect,
                Range(FirstOf(f), f), Range(f, r0), Range(r0, N(rs))));
        }
        return result;
    }

    private static string Range(int a, int b) => a == b ? $"{a}" : $"{a}-{b}";
}
