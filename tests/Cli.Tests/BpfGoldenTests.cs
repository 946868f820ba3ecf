namespace Sniffer.Tests.Cli;

/// <summary>
/// `sniffer -r FILE -f BPF` against tcpdump 4.99 / libpcap 1.10 on our samples: Golden/Bpf/tcpdump-bpf.tsv holds
/// the frames tcpdump selected for each expression (make-bpf-golden.py, run once), so no tcpdump is needed here.
/// A capture filter drops frames before numbering, as in a live capture, so both sides' selections are mapped
/// back to the file's frame numbers by timestamp.
/// </summary>
public sealed class BpfGoldenTests
{
    private static readonly string GoldenPath = Path.Combine(AppContext.BaseDirectory, "Golden", "Bpf", "tcpdump-bpf.tsv");

    public static TheoryData<string, string, int, string> Cases()
    {
        var data = new TheoryData<string, string, int, string>();
        foreach (var line in File.ReadLines(GoldenPath))
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var f = line.Split('\t');
            data.Add(f[0], f[1], int.Parse(f[2]), f[3]);
        }
        return data;
    }

    private static readonly Dictionary<string, string[]> s_allStamps = new();

    private static string[] Stamps(string file, string? bpf)
    {
        var args = new List<string> { "-r", TestPaths.Sample(file), "-n", "-T", "fields", "-e", "frame.time_epoch" };
        if (bpf is not null) { args.Add("-f"); args.Add(bpf); }
        var r = CliRunner.Run([.. args]);
        Assert.True(r.ExitCode == 0, $"-f '{bpf}' on {file}: exit {r.ExitCode}: {r.Stderr}");
        return r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Capture_filter_selects_tcpdumps_frames(string file, string bpf, int count, string frames)
    {
        string[] every;
        lock (s_allStamps)
        {
            if (!s_allStamps.TryGetValue(file, out every!)) s_allStamps[file] = every = Stamps(file, null);
        }
        var chosen = Stamps(file, bpf);
        // The selection is a subsequence of the file: walk both in order.
        var numbers = new List<int>();
        int k = 0;
        foreach (var ts in chosen)
        {
            while (k < every.Length && every[k] != ts) k++;
            Assert.True(k < every.Length, $"{file} -f '{bpf}': selected frame at {ts} is not in the file in order");
            numbers.Add(++k);
        }
        Assert.Equal(count, numbers.Count);
        Assert.Equal(frames, Ranges(numbers));
    }

    [Fact]
    public void Golden_file_covers_every_sample_and_most_expressions_select_frames()
    {
        var cases = Cases().Select(c => ((string)c[0], (string)c[1], (int)c[2])).ToList();
        Assert.True(cases.Select(c => c.Item2).Distinct().Count() >= 20);
        Assert.Equal(Directory.GetFiles(Path.GetDirectoryName(TestPaths.Sample("handshakes.pcapng"))!, "*.pcapng").Length,
            cases.Select(c => c.Item1).Distinct().Count());
        // A golden file of empty selections would test nothing: most expressions select frames in some sample.
        var selecting = cases.Where(c => c.Item3 > 0).Select(c => c.Item2).Distinct().Count();
        Assert.True(selecting >= 20, $"only {selecting} expressions select anything");
    }

    [Theory]
    [InlineData("tcp prot 80", "syntax error", 4)]
    [InlineData("port 99999", "99999", -1)]
    [InlineData("host", "syntax error", -1)]
    [InlineData("tcp[tcpflags] & ", "syntax error", -1)]
    public void Bad_expression_is_a_clear_error_and_no_output(string bpf, string message, int caretColumn)
    {
        var r = CliRunner.Run("-r", TestPaths.Sample("handshakes.pcapng"), "-f", bpf);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Contains(message, r.Stderr);
        Assert.Contains(bpf.Trim(), r.Stderr);
        // The expression is echoed indented by two, with a caret under the offending token.
        if (caretColumn >= 0) Assert.Contains("\n" + new string(' ', 2 + caretColumn) + "^", r.Stderr);
    }

    private static string Ranges(List<int> numbers)
    {
        if (numbers.Count == 0) return "-";
        var parts = new List<string>();
        for (int i = 0; i < numbers.Count;)
        {
            int j = i;
            while (j + 1 < numbers.Count && numbers[j + 1] == numbers[j] + 1) j++;
            parts.Add(i == j ? $"{numbers[i]}" : $"{numbers[i]}-{numbers[j]}");
            i = j + 1;
        }
        return string.Join(',', parts);
    }
}
