namespace Sniffer.Tests.Cli;

/// <summary>
/// `sniffer -V` against `tshark -n -V` (4.0.17) for frames of our own samples: the expected text was
/// produced once by tshark and stored in Golden/, so the test needs no tshark at run time.
/// </summary>
public sealed class SampleGoldenTreeTests
{
    [Theory]
    [InlineData("handshakes", 1)]    // SYN with MSS, SACK_PERM, timestamps, window scale
    [InlineData("handshakes", 2)]    // SYN/ACK
    [InlineData("handshakes", 9)]    // FIN/ACK
    [InlineData("handshakes", 12)]   // RST/ACK from a closed port
    [InlineData("handshakes", 14)]   // retransmitted SYN
    [InlineData("lossy-download", 5)]
    [InlineData("ipv6", 1)]          // SYN over IPv6
    [InlineData("website-load", 5)]
    [InlineData("website-load", 11)] // HTTP GET
    [InlineData("website-load", 13)] // HTTP 200 with its text/html body
    [InlineData("dns-zoo", 2)]       // DNS response, with udp.stream and its timestamps
    public void TreeMatchesTshark(string sample, int frame)
    {
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", $"{sample}-{frame}.tshark-V.txt"));
        var result = CliRunner.Run("-r", TestPaths.Sample(sample + ".pcapng"), "-n", "-V", "-Y", $"frame.number == {frame}");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, result.Stdout);
    }
}

/// <summary>`sniffer -T json` against `tshark -n -T json`, minus the *.oui_resolved names (Sniffer ships no manufacturer database).</summary>
public sealed class SampleGoldenJsonTests
{
    [Fact]
    public void JsonMatchesTshark()
    {
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "handshakes-1-3.tshark-json.txt"));
        var result = CliRunner.Run("-r", TestPaths.Sample("handshakes.pcapng"), "-n", "-T", "json", "-c", "3");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, result.Stdout);
    }
}

/// <summary>`-2` fills forward references (http.response_in) and keeps the first pass's TCP analysis, as tshark -2 does.</summary>
public sealed class TwoPassTests
{
    [Fact]
    public void TwoPassMatchesTshark()
    {
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "website-load.tshark-2-fields.txt"));
        var result = CliRunner.Run("-r", TestPaths.Sample("website-load.pcapng"), "-2", "-T", "fields",
            "-e", "frame.number", "-e", "tcp.seq", "-e", "http.response_in", "-e", "dns.response_in");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, result.Stdout);
    }
}
