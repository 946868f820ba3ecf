namespace Sniffer.Tests.Cli;

/// <summary>
/// `sniffer -V` against tshark's own -V text for one protocol subtree (golden files generated once
/// from tshark 4.0; see tests/Dissectors.Tests/Golden/README.md).
/// </summary>
public class GoldenTreeTests
{
    private static string Golden(string name) => Path.Combine(TestPaths.RepoRoot, "tests", "Dissectors.Tests", "Golden", name);

    [Theory]
    [InlineData("dns-response.ppa__dns.pcap.3.txt", "corpus:ppa__dns.pcap", 3, "Domain Name System")]
    [InlineData("http-response.ppa__http_google.pcapng.12.txt", "corpus:ppa__http_google.pcapng", 12, "Hypertext Transfer Protocol")]
    [InlineData("tls13-server-hello.tls12-tls13-handshakes.pcap.6.txt", "tests/Dissectors.Tests/Tls/tls12-tls13-handshakes.pcap", 6, "Transport Layer Security")]
    [InlineData("dns-records.dns-records.pcap.1.txt", "tests/Dissectors.Tests/Dns/dns-records.pcap", 1, "Domain Name System")]
    [InlineData("dns-records.dns-records.pcap.2.txt", "tests/Dissectors.Tests/Dns/dns-records.pcap", 2, "Multicast Domain Name System")]
    [InlineData("dns-records.dns-records.pcap.3.txt", "tests/Dissectors.Tests/Dns/dns-records.pcap", 3, "Domain Name System")]
    [InlineData("dns-records.dns-records.pcap.4.txt", "tests/Dissectors.Tests/Dns/dns-records.pcap", 4, "Domain Name System")]
    [InlineData("dns-tcp-response.tcpdump__dns_tcp.pcap.6.txt", "corpus:tcpdump__dns_tcp.pcap", 6, "Domain Name System")]
    [InlineData("quic-server-initial.tcpdump__quic_handshake.pcap.2.txt", "corpus:tcpdump__quic_handshake.pcap", 2, "QUIC IETF")]
    [InlineData("quic-retry.tcpdump__quic_retry.pcap.2.txt", "corpus:tcpdump__quic_retry.pcap", 2, "QUIC IETF")]
    [InlineData("quic-vn-initial.tcpdump__quic_vn.pcap.1.txt", "corpus:tcpdump__quic_vn.pcap", 1, "QUIC IETF")]
    public void Subtree_matches_tshark(string golden, string capture, int frame, string protocolLine)
    {
        string? path = capture.StartsWith("corpus:")
            ? TestPaths.Corpus is { } corpus ? Path.Combine(corpus, capture["corpus:".Length..]) : null
            : Path.Combine(TestPaths.RepoRoot, capture);
        if (path is null || !File.Exists(path)) return; // corpus absent
        var result = CliRunner.Run("-r", path, "-V", "-Y", $"frame.number == {frame}");
        Assert.Equal(0, result.ExitCode);
        var expected = File.ReadAllText(Golden(golden)).TrimEnd('\n');
        Assert.Equal(expected, Subtree(result.Stdout, protocolLine));
    }

    /// <summary>From the protocol's top-level line to the next top-level line (or blank line).</summary>
    private static string Subtree(string text, string protocolLine)
    {
        var lines = text.Split('\n');
        int start = Array.FindIndex(lines, l => l.StartsWith(protocolLine, StringComparison.Ordinal));
        if (start < 0) return "";
        int end = start + 1;
        while (end < lines.Length && lines[end].StartsWith(' ')) end++;
        return string.Join('\n', lines[start..end]);
    }
}
