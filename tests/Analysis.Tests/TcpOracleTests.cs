using System.Globalization;
using Sniffer.Analysis.Tcp;
using Xunit.Abstractions;

namespace Sniffer.Tests.Analysis;

/// <summary>
/// Every corpus capture against tshark 4.0's answers (corpus/oracle), field by field, on the frames where
/// our dissectors reach TCP (link layers and tunnels that other parts do not decode yet are not scored here).
/// </summary>
public sealed class TcpOracleTests(ITestOutputHelper output)
{
    private static readonly string[] Fields =
    [
        "tcp.srcport", "tcp.dstport", "tcp.stream", "tcp.len", "tcp.seq", "tcp.nxtseq", "tcp.ack", "tcp.hdr_len", "tcp.flags",
        "tcp.window_size_value", "tcp.window_size", "tcp.options.mss_val", "tcp.options.wscale.shift", "tcp.option_kind",
        "tcp.analysis.retransmission", "tcp.analysis.fast_retransmission", "tcp.analysis.spurious_retransmission",
        "tcp.analysis.out_of_order", "tcp.analysis.lost_segment", "tcp.analysis.ack_lost_segment", "tcp.analysis.duplicate_ack",
        "tcp.analysis.duplicate_ack_num", "tcp.analysis.duplicate_ack_frame", "tcp.analysis.zero_window", "tcp.analysis.window_full",
        "tcp.analysis.window_update", "tcp.analysis.keep_alive", "tcp.analysis.keep_alive_ack", "tcp.analysis.acks_frame",
        "tcp.analysis.ack_rtt", "tcp.analysis.initial_rtt", "tcp.analysis.bytes_in_flight",
    ];

    [Fact]
    public void Tcp_fields_agree_with_tshark_on_the_corpus()
    {
        if (Corpus.Directory_ is null) { output.WriteLine(Corpus.SkipReason); return; }
        var agree = new Dictionary<string, int>();
        var cells = new Dictionary<string, int>();
        foreach (var path in Directory.EnumerateFiles(Corpus.Directory_).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(path);
            if (!(name.EndsWith(".pcap") || name.EndsWith(".pcapng"))) continue;
            var oracle = Corpus.Oracle(name);
            if (oracle is null || oracle.Count == 0 || !oracle[0].ContainsKey("tcp.srcport")) continue;
            if (!oracle.Exists(r => r["tcp.srcport"].Length > 0)) continue;
            var ours = Corpus.Dissect(path, Fields, new TcpAnalyzer());
            for (int i = 0; i < Math.Min(ours.Count, oracle.Count); i++)
            {
                if (ours[i]["tcp.srcport"].Length == 0) continue;
                foreach (var f in Fields)
                {
                    string theirs = oracle[i].GetValueOrDefault(f, ""), mine = ours[i][f];
                    if (theirs.Length == 0 && mine.Length == 0) continue;
                    cells[f] = cells.GetValueOrDefault(f) + 1;
                    if (Normalize(theirs) == Normalize(mine)) agree[f] = agree.GetValueOrDefault(f) + 1;
                    else if (cells[f] - agree.GetValueOrDefault(f) <= 3) output.WriteLine($"{f} {name} #{i + 1}: tshark '{theirs}' vs '{mine}'");
                }
            }
        }
        Assert.NotEmpty(cells);
        foreach (var f in Fields)
        {
            if (!cells.TryGetValue(f, out int n)) continue;
            double pct = 100.0 * agree.GetValueOrDefault(f) / n;
            output.WriteLine($"{f,-40} {agree.GetValueOrDefault(f),6}/{n,6} {pct,7:F2}%");
            // Fields with few cells get a lower bar: one cell of them is several percent (see docs/tcp.md).
            Assert.True(pct >= (n < 50 ? 95.0 : 99.0), $"{f}: {pct:F2}%");
        }
    }

    private static string Normalize(string v)
    {
        var parts = v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (int i = 0; i < parts.Length; i++)
        {
            string p = parts[i];
            if (p.StartsWith("0x", StringComparison.Ordinal) && ulong.TryParse(p.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong h)) parts[i] = h.ToString(CultureInfo.InvariantCulture);
            else if (p.Contains('.') && double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) parts[i] = Math.Round(d, 6).ToString("R", CultureInfo.InvariantCulture);
        }
        return string.Join(',', parts);
    }
}
