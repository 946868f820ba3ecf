using System.Buffers.Binary;
using Sniffer.Analysis.Pipeline;
using Sniffer.Capture;
using Sniffer.Cli.Commands;
using Sniffer.Cli.Commands.Parallel;
using Sniffer.Cli.Options;

namespace Sniffer.Tests.Cli;

/// <summary>
/// A large `-r` read is split by host pair across cores (Cli/Commands/Parallel). Its output must be the
/// single pass's, byte for byte: same lines, same order, same errors.
/// </summary>
public sealed class ShardedReadTests
{
    public static IEnumerable<object[]> Captures()
    {
        foreach (var path in Directory.GetFiles(TestPaths.Samples, "*.pcap*").OrderBy(p => p, StringComparer.Ordinal))
            yield return [path];
        // Corpus captures with many frames and hosts; a fixed, ordered choice keeps the run short and repeatable.
        var corpus = TestPaths.CorpusCaptures()
            .Where(p => new FileInfo(p).Length is > 20_000 and < 3_000_000)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Where((_, i) => i % 4 == 0)
            .Take(40);
        foreach (var path in corpus) yield return [path];
    }

    private static readonly string[][] Outputs =
    [
        ["-n"],
        ["-n", "-Y", "tcp.analysis.flags || dns.response_in || http.response_in"],
        ["-T", "fields", "-E", "header=y", "-e", "frame.number", "-e", "frame.time_relative", "-e", "frame.time_delta", "-e", "ip.src",
            "-e", "tcp.seq", "-e", "tcp.analysis.ack_rtt", "-e", "tcp.analysis.flags", "-e", "dns.qry.name", "-e", "dns.time",
            "-e", "http.request.uri", "-e", "http.time", "-e", "tls.handshake.extensions_server_name", "-e", "_ws.col.Info"],
        ["-n", "-x", "-c", "40", "-Y", "http || dns || tls"],
    ];

    [Theory]
    [MemberData(nameof(Captures))]
    public void Splitting_the_read_across_shards_prints_what_the_single_pass_prints(string capture)
    {
        foreach (var output in Outputs)
        {
            string[] args = ["-r", capture, .. output];
            var single = Single(args);
            foreach (int shards in new[] { 2, 3 })
            {
                var split = Sharded(args, shards);
                Assert.True(single == split, $"{Path.GetFileName(capture)} {string.Join(' ', output)} with {shards} shards:\n{FirstDifference(single, split)}");
            }
        }
    }

    [Fact]
    public void The_samples_frames_are_spread_over_both_shards()
    {
        // Otherwise the equality above would hold trivially.
        var seen = new HashSet<int>();
        using var reader = CaptureFile.Open(TestPaths.Sample("p2p-overlay.pcapng"));
        while (reader.TryRead(out var info, out var data)) seen.Add(ShardKey.Of(data, info.LinkType, 2));
        Assert.Equal([0, 1], seen.Order());
    }

    [Fact]
    public void A_truncated_capture_gives_the_same_frames_and_the_same_error_split_or_not()
    {
        var whole = File.ReadAllBytes(TestPaths.Sample("website-load.pcapng"));
        string cut = Path.Combine(Path.GetTempPath(), $"sniffer-shard-cut-{Environment.ProcessId}.pcapng");
        File.WriteAllBytes(cut, whole.AsSpan(0, whole.Length * 2 / 3).ToArray());
        try
        {
            var single = Single(["-r", cut, "-n"]);
            var split = Sharded(["-r", cut, "-n"], 2);
            Assert.Equal(2, single.ExitCode);
            Assert.Equal(single, split);
            Assert.Contains("at byte offset", split.Stderr);
        }
        finally
        {
            File.Delete(cut);
        }
    }

    [Theory]
    [InlineData("-n")]
    [InlineData("-n -Y tcp.analysis.retransmission")]
    [InlineData("-T fields -e frame.number -e ip.src -e tcp.srcport")]
    [InlineData("-n -x -c 100 -f tcp")]
    public void Outputs_that_count_nothing_across_connections_are_split(string args) =>
        Assert.True(ShardPlan.Splittable(OptionParser.Parse(["-r", "x.pcap", .. args.Split(' ')])));

    [Theory]
    [InlineData("-V")]
    [InlineData("-n -O tcp")]
    [InlineData("-T json")]
    [InlineData("-n -2")]
    [InlineData("-n -z conv,tcp")]
    [InlineData("-n -w out.pcap")]
    [InlineData("-n -Y tcp.stream==3")]
    [InlineData("-T fields -e udp.stream")]
    [InlineData("-T fields -e frame.time_delta_displayed")]
    [InlineData("-T fields -e frame.number -e frame.len")]
    public void Outputs_that_need_the_whole_capture_in_one_analysis_or_no_dissection_are_not_split(string args) =>
        Assert.False(ShardPlan.Splittable(OptionParser.Parse(["-r", "x.pcap", .. args.Split(' ')])));

    [Fact]
    public void Both_directions_of_a_host_pair_land_in_the_same_shard_and_pairs_spread_evenly()
    {
        var random = new Random(7);
        int[] perShard = new int[3];
        for (int i = 0; i < 3000; i++)
        {
            uint a = (uint)random.Next(), b = (uint)random.Next();
            int there = ShardKey.Of(Ipv4Frame(a, b, vlan: false), LinkType.Ethernet, 3);
            Assert.Equal(there, ShardKey.Of(Ipv4Frame(b, a, vlan: false), LinkType.Ethernet, 3));
            Assert.Equal(there, ShardKey.Of(Ipv4Frame(b, a, vlan: true), LinkType.Ethernet, 3));
            perShard[there]++;
        }
        Assert.All(perShard, n => Assert.InRange(n, 800, 1200));
    }

    [Fact]
    public void Frames_without_an_IP_header_go_to_the_first_shard()
    {
        var arp = new byte[42];
        arp[12] = 0x08; arp[13] = 0x06;
        Assert.Equal(0, ShardKey.Of(arp, LinkType.Ethernet, 4));
        Assert.Equal(0, ShardKey.Of(arp.AsSpan(0, 10), LinkType.Ethernet, 4));
        Assert.Equal(0, ShardKey.Of(Ipv4Frame(1, 2, vlan: false).AsSpan(0, 20), LinkType.Ethernet, 4)); // cut inside the IP header
        Assert.Equal(0, ShardKey.Of(new byte[100], 147, 4)); // a link type without IP
    }

    private static byte[] Ipv4Frame(uint source, uint destination, bool vlan)
    {
        int ip = vlan ? 18 : 14;
        var frame = new byte[ip + 20];
        if (vlan) { frame[12] = 0x81; frame[13] = 0x00; }
        frame[ip - 2] = 0x08;
        frame[ip] = 0x45;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(ip + 12), source);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(ip + 16), destination);
        return frame;
    }

    // Without SNIFFER_SHARDS the command line reads in one pass.
    private static CliResult Single(string[] args) => CliRunner.Run(args);

    private static CliResult Sharded(string[] args, int shards)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var options = OptionParser.Parse(args);
        int code = new ShardedReadCommand(options, stdout, stderr, shards).Run(options.ReadFile ?? options.PositionalFile!);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    private static string FirstDifference(CliResult a, CliResult b)
    {
        if (a.ExitCode != b.ExitCode) return $"exit {a.ExitCode} vs {b.ExitCode}";
        if (a.Stderr != b.Stderr) return $"stderr:\n{a.Stderr}\nvs\n{b.Stderr}";
        var x = a.Stdout.Split('\n');
        var y = b.Stdout.Split('\n');
        for (int i = 0; i < Math.Min(x.Length, y.Length); i++)
            if (x[i] != y[i]) return $"line {i + 1}:\n{x[i]}\n{y[i]}";
        return $"{x.Length} vs {y.Length} lines";
    }
}
