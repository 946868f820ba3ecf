using Sniffer.Analysis.Tcp;
using Xunit.Abstractions;

namespace Sniffer.Tests.Analysis;

/// <summary>
/// Our TCP analysis against tshark 4.0.17 on two real recordings of samples/pcaps: a 1 MB download through a
/// router that drops ~3 % of the server's segments (retransmissions, fast retransmissions, lost segments,
/// duplicate ACKs, SACK) and the handshake set (a normal exchange, a refused SYN, a dropped SYN retried).
/// The goldens in Golden/*.tcp-analysis.tsv are tshark's own -T fields output (command in Golden/README.md).
/// </summary>
public sealed class TcpLossyGoldenTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("lossy-download.pcapng")]
    [InlineData("handshakes.pcapng")]
    public void Every_tcp_analysis_cell_equals_tsharks(string capture)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Golden", Path.GetFileNameWithoutExtension(capture) + ".tcp-analysis.tsv"));
        var header = lines[0].Split('\t');
        var fields = header[1..];   // header[0] is frame.number
        var ours = Corpus.Dissect(TestPaths.Sample(capture), fields, new TcpAnalyzer());
        Assert.Equal(lines.Length - 1, ours.Count);

        int cells = 0, differ = 0, flagged = 0;
        for (int i = 1; i < lines.Length; i++)
        {
            var expected = lines[i].Split('\t');
            for (int c = 1; c < header.Length; c++)
            {
                string theirs = c < expected.Length ? expected[c] : "", mine = ours[i - 1][header[c]];
                cells++;
                if (header[c].StartsWith("tcp.analysis.", StringComparison.Ordinal) && theirs.Length > 0) flagged++;
                if (theirs == mine) continue;
                if (++differ <= 10) output.WriteLine($"#{i} {header[c]}: tshark '{theirs}' vs ours '{mine}'");
            }
        }
        output.WriteLine($"{capture}: {cells - differ}/{cells} cells equal, {flagged} non-empty analysis cells");
        Assert.True(flagged > 0, "the golden has no analysis values: regenerate it");
        Assert.Equal(0, differ);
    }
}
