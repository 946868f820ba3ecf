using Sniffer.Analysis.Pipeline;
using Sniffer.Capture;
using Sniffer.Cli.Commands;
using Sniffer.Cli.Options;
using Sniffer.Dissectors.Tree;


namespace Sniffer.Tests.Cli;

/// <summary>
/// The CLI dissects only as deep as its output reads (Cli/Commands/DissectionNeeds.cs): frame fields alone
/// need no dissection, and when no body field is read HTTP bodies are counted instead of reassembled.
/// Both shortcuts must change nothing that is printed.
/// </summary>
public sealed class DissectionDepthTests
{
    private static readonly string[] HttpSamples = ["website-load.pcapng", "lossy-download.pcapng"];

    public static IEnumerable<object[]> HttpCaptures()
    {
        foreach (var s in HttpSamples) yield return [TestPaths.Sample(s)];
        foreach (var path in TestPaths.CorpusCaptures())
            if (Path.GetFileName(path).Contains("http", StringComparison.Ordinal)) yield return [path];
    }

    private static readonly string[] HeaderFields =
    [
        "frame.number", "tcp.stream", "tcp.len", "tcp.analysis.flags", "http.request.uri", "http.response.code",
        "http.content_length", "http.content_type", "http.response_in", "http.request_in", "_ws.col.Protocol", "_ws.col.Info",
    ];

    [Theory]
    [MemberData(nameof(HttpCaptures))]
    public void Counting_body_bytes_instead_of_copying_them_changes_no_column_or_header_field(string capture)
    {
        // Without http.file_data the bodies are skipped; with it (a last column, dropped before comparing) they are kept.
        var skipped = Fields(capture, HeaderFields);
        var kept = Fields(capture, [.. HeaderFields, "http.file_data"]);
        Assert.Equal(kept.Length, skipped.Length);
        for (int i = 0; i < kept.Length; i++)
            Assert.Equal(kept[i][..kept[i].LastIndexOf('\t')], skipped[i]);
    }

    [Fact]
    public void The_bodies_of_a_large_download_are_counted_not_copied()
    {
        var analyzer = (AnalyzerSet)Analyzers.Create()!;
        var processor = new PacketProcessor(analyzer) { SkipOpaqueBytes = true };
        var values = new FieldValueSet();
        using var reader = CaptureFile.Open(TestPaths.Sample("lossy-download.pcapng"));
        processor.FromPcapng = true;
        while (reader.TryRead(out var info, out var data))
        {
            var ctx = processor.Next(info, wantColumns: true, wantProtocols: false);
            var sink = new CollectorSink(values);
            PacketProcessor.Dissect(data, ref ctx, ref sink);
        }
        // One ~1 MB download; its first loss (frame 12) drops the pending body, as tshark does, so only the
        // segments before it are counted: 2 896 bytes of body past the first 64.
        Assert.True(analyzer.OpaqueBytesSkipped >= 2 * 1448 - 64, $"{analyzer.OpaqueBytesSkipped} bytes skipped");
    }

    [Theory]
    [InlineData("website-load.pcapng")]
    [InlineData("ipv6.pcapng")]
    [InlineData("dns-zoo.pcapng")]
    public void Frame_fields_read_without_dissection_are_what_a_full_dissection_gives(string sample)
    {
        string[] frameFields = ["frame.number", "frame.len", "frame.cap_len", "frame.time_delta", "frame.time_relative", "frame.time_epoch"];
        var alone = Fields(TestPaths.Sample(sample), frameFields);
        var dissected = Fields(TestPaths.Sample(sample), [.. frameFields, "ip.src"]);
        Assert.Equal(dissected.Length, alone.Length);
        for (int i = 0; i < alone.Length; i++) Assert.Equal(dissected[i][..dissected[i].LastIndexOf('\t')], alone[i]);
    }

    [Theory]
    [InlineData(true, "-T", "fields", "-e", "frame.number")]
    [InlineData(true, "-T", "fields", "-e", "frame.number", "-e", "frame.len", "-Y", "frame.len > 100")]
    [InlineData(true, "-q")]
    [InlineData(false, "-T", "fields", "-e", "frame.number", "-e", "frame.protocols")]
    [InlineData(false, "-T", "fields", "-e", "frame.number", "-Y", "tcp")]
    [InlineData(false, "-n")]
    [InlineData(false, "-V")]
    public void Only_outputs_that_read_frame_fields_alone_skip_dissection(bool frameOnly, params string[] args)
    {
        var processor = new PacketProcessor(Analyzers.Create());
        using var printer = new PacketPrinter(OptionParser.Parse([.. args, "-r", "x.pcap"]), TextWriter.Null, processor, print: true);
        Assert.Equal(frameOnly, processor.FrameFieldsOnly);
    }

    [Theory]
    [InlineData(true, "-n")]
    [InlineData(true, "-n", "-Y", "http.response.code == 200")]
    [InlineData(true, "-T", "fields", "-e", "http.content_length", "-e", "_ws.col.Info")]
    [InlineData(false, "-T", "fields", "-e", "http.file_data")]
    [InlineData(false, "-V")]
    [InlineData(false, "-n", "-x")]
    public void Only_outputs_that_read_no_body_skip_body_bytes(bool skips, params string[] args)
    {
        var processor = new PacketProcessor(Analyzers.Create());
        using var printer = new PacketPrinter(OptionParser.Parse([.. args, "-r", "x.pcap"]), TextWriter.Null, processor, print: true);
        Assert.Equal(skips, processor.SkipOpaqueBytes);
    }

    private static string[] Fields(string capture, string[] fields)
    {
        var args = new List<string> { "-r", capture, "-T", "fields" };
        foreach (var f in fields) { args.Add("-e"); args.Add(f); }
        var result = CliRunner.Run([.. args]);
        Assert.True(result.ExitCode is 0 or 2, result.Stderr);
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
