namespace Sniffer.Tests.Cli;

public sealed class CommandLineTests
{
    private static string? CorpusFile(string name)
    {
        var corpus = TestPaths.Corpus;
        return corpus is null ? null : Path.Combine(corpus, name);
    }

    [Fact]
    public void UnknownFieldIsNamedWithSuggestions()
    {
        var file = CorpusFile("ppa__http_espn.pcapng");
        if (file is null) return;
        var r = CliRunner.Run("-r", file, "-T", "fields", "-e", "ip.scr");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Some fields aren't valid", r.Stderr);
        Assert.Contains("ip.scr (did you mean ip.src", r.Stderr);
    }

    [Fact]
    public void UnknownOptionIsRefused()
    {
        var r = CliRunner.Run("-K");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("invalid option -- 'K'", r.Stderr);
    }

    [Fact]
    public void MissingFileIsOneClearLine()
    {
        var r = CliRunner.Run("-r", "/nonexistent/x.pcap");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("sniffer: the file \"/nonexistent/x.pcap\" does not exist.\n", r.Stderr);
    }

    [Fact]
    public void NonCaptureFileIsRefusedWithoutStackTrace()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "<html>not a capture</html>");
        try
        {
            var r = CliRunner.Run("-r", path);
            Assert.Equal(2, r.ExitCode);
            Assert.DoesNotContain("   at ", r.Stderr);
            Assert.Contains("isn't a capture file", r.Stderr);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void UnimplementedPreferenceIsAcceptedWithOneWarning()
    {
        var file = CorpusFile("ppa__http_espn.pcapng");
        if (file is null) return;
        var r = CliRunner.Run("-r", file, "-c", "1", "-o", "gui.column.format:x");
        Assert.Equal(0, r.ExitCode);
        Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void FieldListNamesEveryRegisteredField()
    {
        var r = CliRunner.Run("-G", "fields");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("F\tSource Address\tip.src\tFT_IPv4\tip", r.Stdout);
        Assert.Contains("P\tInternet Protocol Version 4\tip", r.Stdout);
    }

    [Fact]
    public void DamagedFileYieldsEveryPacketBeforeTheDamageThenTheOffset()
    {
        var file = CorpusFile("ppa__http_espn.pcapng");
        if (file is null) return;
        var whole = CliRunner.Run("-r", file, "-T", "fields", "-e", "frame.number");
        var lines = whole.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var bytes = File.ReadAllBytes(file);
        var cutPath = Path.GetTempFileName();
        try
        {
            foreach (int cut in new[] { bytes.Length / 3, bytes.Length / 2, bytes.Length - 7 })
            {
                File.WriteAllBytes(cutPath, bytes.AsSpan(0, cut).ToArray());
                var r = CliRunner.Run("-r", cutPath, "-T", "fields", "-e", "frame.number");
                Assert.Equal(2, r.ExitCode);
                var got = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.True(got.Length > 0 && got.Length < lines.Length);
                Assert.Equal(lines.Take(got.Length), got);
                Assert.Matches(@"at byte offset \d+", r.Stderr);
                Assert.Contains(cutPath, r.Stderr);
            }
        }
        finally { File.Delete(cutPath); }
    }

    [Fact]
    public void FieldsAgreeWithTsharkOracleForNetworkLayer()
    {
        var corpus = TestPaths.Corpus;
        if (corpus is null) return;
        const string name = "ppa__http_espn.pcapng";
        var oracle = File.ReadAllLines(Path.Combine(corpus, "oracle", name + ".fields.tsv"));
        var header = oracle[0].Split('\t');
        string[] fields = { "frame.number", "frame.len", "eth.src", "ip.src", "ip.dst", "ip.ttl", "ip.id", "ip.checksum", "udp.srcport" };
        var args = new List<string> { "-r", Path.Combine(corpus, name), "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=," };
        foreach (var f in fields) { args.Add("-e"); args.Add(f); }
        var r = CliRunner.Run(args.ToArray());
        Assert.Equal(0, r.ExitCode);
        var ours = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(oracle.Length - 1, ours.Length);
        for (int i = 1; i < oracle.Length; i++)
        {
            var want = oracle[i].Split('\t');
            var have = ours[i - 1].Split('\t');
            for (int j = 0; j < fields.Length; j++)
            {
                string expected = want[Array.IndexOf(header, fields[j])];
                Assert.True(expected == have[j], $"frame {i} {fields[j]}: tshark '{expected}' vs '{have[j]}'");
            }
        }
    }
}
