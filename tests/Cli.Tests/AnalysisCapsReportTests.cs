using System.Text;
using Xunit.Abstractions;
using static Sniffer.Tests.Cli.CraftedTraffic;

namespace Sniffer.Tests.Cli;

/// <summary>
/// Each analysis cap that cuts something is said on stderr at the end of `-r` (AnalysisCapsReport):
/// a capture crafted to hit exactly one cap, read by the command line, must name that cap with its count,
/// and an ordinary capture must name none.
/// </summary>
[Collection(nameof(BoundedResourceTests))] // large crafted captures: not beside the memory measurements
public sealed class AnalysisCapsReportTests(ITestOutputHelper output)
{
    private const string CapPrefix = "sniffer: analysis cap:";
    private static readonly uint Client = Address(10, 0, 0, 1), Server = Address(10, 0, 0, 2);

    private CliResult ReadCrafted(string name, IEnumerable<byte[]> frames, params string[] options)
    {
        string dir = Directory.CreateTempSubdirectory("sniffer-caps-").FullName;
        try
        {
            string path = Path.Combine(dir, name);
            WritePcap(path, frames);
            var result = CliRunner.Run(["-r", path, .. options]);
            output.WriteLine("stderr: " + result.Stderr.Trim());
            Assert.Equal(0, result.ExitCode);
            return result;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static IEnumerable<byte[]> Handshake(ushort port)
    {
        yield return Tcp(Client, Server, 40000, port, 1000, 0, Syn, default);
        yield return Tcp(Server, Client, port, 40000, 5000, 1001, Syn | Ack, default);
        yield return Tcp(Client, Server, 40000, port, 1001, 5001, Ack, default);
    }

    private static string[] CapLines(CliResult result) =>
        result.Stderr.Split('\n').Where(l => l.StartsWith(CapPrefix, StringComparison.Ordinal)).ToArray();

    [Fact]
    public void Segments_past_the_unacknowledged_limit_of_a_direction_are_counted()
    {
        // 10 250 data segments that the server never acknowledges: the first 10 000 are listed, 250 are not.
        var payload = new byte[10];
        IEnumerable<byte[]> Frames()
        {
            foreach (var f in Handshake(9000)) yield return f;
            for (int i = 0; i < 10_250; i++)
                yield return Tcp(Client, Server, 40000, 9000, 1001 + (uint)(i * payload.Length), 5001, Ack | Psh, payload);
        }
        var result = ReadCrafted("unacked.pcap", Frames(), "-q", "-Y", "tcp");
        Assert.Equal([$"{CapPrefix} 250 TCP segments not tracked past the 10,000 unacknowledged segments limit of their direction (retransmissions and RTTs of them are not analysed)"],
            CapLines(result));
    }

    [Fact]
    public void A_pdu_over_32_MiB_dropped_from_reassembly_is_counted()
    {
        // An HTTP request announcing a 40 MB body, then 33 MiB of it in 60 000-byte segments: reassembly gives up at 32 MiB.
        var head = Encoding.ASCII.GetBytes("POST /upload HTTP/1.1\r\nHost: example.test\r\nContent-Length: 40000000\r\n\r\n");
        var body = new byte[60_000];
        Array.Fill(body, (byte)'B');
        IEnumerable<byte[]> Frames()
        {
            foreach (var f in Handshake(80)) yield return f;
            uint seq = 1001;
            yield return Tcp(Client, Server, 40000, 80, seq, 5001, Ack | Psh, head);
            seq += (uint)head.Length;
            for (int sent = 0; sent < 33 << 20; sent += body.Length, seq += (uint)body.Length)
                yield return Tcp(Client, Server, 40000, 80, seq, 5001, Ack | Psh, body);
        }
        var result = ReadCrafted("oversized.pcap", Frames(), "-q", "-Y", "tcp");
        Assert.Equal([$"{CapPrefix} 1 PDUs over 32 MiB dropped from TCP reassembly (their segments are shown as they came)"], CapLines(result));
    }

    [Fact]
    public void A_packet_tree_cut_at_the_node_cap_is_counted_when_a_tree_is_printed()
    {
        // A chunked HTTP response of 40 000 one-byte chunks (240 kB over TCP): four tree items a chunk, past 100 000.
        var text = new StringBuilder("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < 40_000; i++) text.Append("1\r\nx\r\n");
        text.Append("0\r\n\r\n");
        var message = Encoding.ASCII.GetBytes(text.ToString());
        IEnumerable<byte[]> Frames()
        {
            foreach (var f in Handshake(80)) yield return f;
            yield return Tcp(Client, Server, 40000, 80, 1001, 5001, Ack | Psh, "GET / HTTP/1.1\r\nHost: example.test\r\n\r\n"u8);
            for (int at = 0; at < message.Length; at += 60_000)
                yield return Tcp(Server, Client, 80, 40000, 5001 + (uint)at, 1001 + 38, Ack | Psh, message.AsSpan(at, Math.Min(60_000, message.Length - at)));
        }
        var frames = Frames().ToList();
        // Only the frame that completes the response has the big tree; -O frame prints just the frame layer of each tree.
        var printed = ReadCrafted("chunks.pcap", frames, "-O", "frame");
        Assert.Equal([$"{CapPrefix} 1 packets' trees cut at 100,000 items (the rest of each is not shown)"], CapLines(printed));
        // No tree printed (summary lines): nothing was cut from what the user sees.
        Assert.Empty(CapLines(ReadCrafted("chunks.pcap", frames)));
    }

    [Fact]
    public void Http_connections_forgotten_with_a_request_waiting_are_counted()
    {
        // 60 000 connections, each one request that is never answered: past 50 000 connections waiting ones are forgotten.
        var request = "GET / HTTP/1.1\r\nHost: example.test\r\n\r\n"u8.ToArray();
        IEnumerable<byte[]> Frames()
        {
            for (int i = 0; i < 60_000; i++)
                yield return Tcp(Address(10, 1, (byte)(i >> 8), (byte)i), Server, (ushort)(1024 + i % 50_000), 80, 1, 1, Ack | Psh, request);
        }
        var lines = CapLines(ReadCrafted("waiting.pcap", Frames(), "-q", "-Y", "tcp"));
        // How many each sweep forgets is the tables' business; that the user hears of it, with the limit, is this test's.
        int limit = Sniffer.Analysis.Http.HttpTransactionTable.MaxConnections;
        Assert.True(60_000 > limit, $"the crafted capture no longer passes the {limit} connection cap");
        Assert.Single(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l,
            $"^{CapPrefix} [1-9][0-9]* HTTP connections with a request waiting forgotten to stay under {limit:N0} connections \\(their responses are not matched\\)$"));
        Assert.Single(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l,
            $"^{CapPrefix} [1-9][0-9]* idle TCP directions' reassembly state forgotten to stay under {Sniffer.Analysis.Pipeline.AnalyzerSet.MaxPduStreams:N0} directions$"));
    }

    [Fact]
    public void An_ordinary_capture_names_no_cap()
    {
        string sample = Path.Combine(TestPaths.RepoRoot, "samples", "pcaps", "website-load.pcapng");
        var result = CliRunner.Run("-r", sample, "-V");
        Assert.Equal(0, result.ExitCode);
        Assert.Empty(CapLines(result));
    }
}
