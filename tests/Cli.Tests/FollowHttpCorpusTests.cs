using System.Security.Cryptography;
using System.Text;
using Xunit.Abstractions;

namespace Sniffer.Tests.Cli;

/// <summary>
/// `-z follow,tcp,ascii,N` on every TCP stream of the corpus' HTTP captures, byte for byte against tshark 4.0.17.
/// tshark's outputs are stored as length and SHA-256 (Golden/follow-tcp-ascii-http.sha256.tsv, 49 streams), not
/// as text: the espn streams alone are megabytes. Skipped when the shared corpus is absent.
/// </summary>
public sealed class FollowHttpCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void Follow_ascii_equals_tshark_on_every_stream_of_the_http_captures()
    {
        var corpus = TestPaths.Corpus;
        if (corpus is null) { output.WriteLine("shared conformance corpus absent: skipped"); return; }
        int streams = 0;
        var differ = new List<string>();
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Golden", "follow-tcp-ascii-http.sha256.tsv")))
        {
            if (line.StartsWith('#')) continue;
            var cells = line.Split('\t');   // capture, stream, bytes, sha256
            string capture = Path.Combine(corpus, cells[0]);
            if (!File.Exists(capture)) continue;
            var result = CliRunner.Run("-r", capture, "-n", "-q", "-z", "follow,tcp,ascii," + cells[1]);
            Assert.Equal(0, result.ExitCode);
            byte[] bytes = Encoding.UTF8.GetBytes(result.Stdout);
            string hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            streams++;
            if (bytes.Length.ToString() != cells[2] || hash != cells[3])
                differ.Add($"{cells[0]} stream {cells[1]}: {bytes.Length} bytes vs tshark's {cells[2]}");
        }
        output.WriteLine($"{streams} streams compared, {differ.Count} differ");
        foreach (var d in differ) output.WriteLine(d);
        Assert.True(streams > 0);
        Assert.Empty(differ);
    }
}
