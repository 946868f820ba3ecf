using Sniffer.Cli;

namespace Sniffer.Tests.Filters;

/// <summary>
/// Runs `sniffer -r CAPTURE -n -Y FILTER -T fields -e frame.number` (in process) for every row of
/// Golden/sample-filters.tsv and expects the frames tshark 4.0 selected there. The rows cover the whole
/// filter language over our own captures (samples/pcaps, plus Golden/icmp-errors.pcapng for ICMP errors,
/// whose quoted IP and UDP headers make ip.*, udp.* occur twice). Regenerate with Golden/make-sample-filters.py.
/// </summary>
public class SampleFilterTests
{
    private static readonly string Golden = Path.Combine(AppContext.BaseDirectory, "Golden");

    public static TheoryData<string, string, string> Rows()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadAllLines(Path.Combine(Golden, "sample-filters.tsv")))
        {
            if (line.Length == 0) continue;
            var cells = line.Split('\t');
            data.Add(cells[0], cells[1], cells.Length > 2 ? cells[2] : "");
        }
        return data;
    }

    [Fact]
    public void Golden_data_has_at_least_a_hundred_filters() => Assert.True(Rows().Count >= 100, $"{Rows().Count} rows");

    [Theory]
    [MemberData(nameof(Rows))]
    public void Selects_tsharks_frames(string capture, string filter, string expected)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int rc = CliApp.Run(["-r", CapturePath(capture), "-n", "-Y", filter, "-T", "fields", "-e", "frame.number"], stdout, stderr);
        Assert.True(rc == 0, $"exit {rc}: {stderr}");
        string actual = string.Join(",", stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal(expected, actual);
    }

    private static string CapturePath(string capture)
    {
        string beside = Path.Combine(Golden, capture);
        if (File.Exists(beside)) return beside;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "samples", "pcaps", capture);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("samples/pcaps not found above " + AppContext.BaseDirectory, capture);
    }
}
