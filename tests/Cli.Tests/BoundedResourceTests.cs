using System.Text;
using Sniffer.Analysis.Pipeline;
using Sniffer.Analysis.Tcp;
using Sniffer.Capture;
using Sniffer.Cli.Commands;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Frame;
using Sniffer.Dissectors.Tree;
using Xunit.Abstractions;
using static Sniffer.Tests.Cli.CraftedTraffic;

namespace Sniffer.Tests.Cli;

/// <summary>Alone, so that what the heap holds after a collection is this test's and not a neighbour's.</summary>
[CollectionDefinition(nameof(BoundedResourceTests), DisableParallelization = true)]
public sealed class BoundedResourceCollection;

/// <summary>
/// Crafted hostile traffic, made in the test: the analysis must keep its memory bounded (measured as
/// what the heap retains after a full collection while the analysis is still alive, printed, and
/// asserted against generous bounds; time is printed, never asserted) and say what its caps cut.
/// </summary>
[Collection(nameof(BoundedResourceTests))]
public sealed class BoundedResourceTests(ITestOutputHelper output)
{
    private const long MiB = 1 << 20;

    private sealed record Outcome(IPacketAnalyzer? Analyzer, long Frames, long RetainedBytes, long AllocatedBytes, TimeSpan Elapsed);

    /// <summary>Runs frames through the single-pass CLI pipeline (analysis on, every field collected or the tree built).</summary>
    private Outcome Run(string what, IEnumerable<byte[]> frames, bool tree = false)
    {
        long errorsBefore = FrameDissector.InternalErrors;
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long allocatedBefore = GC.GetTotalAllocatedBytes();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var analyzer = Analyzers.Create();
        var processor = new PacketProcessor(analyzer);
        var values = new FieldValueSet();
        values.WantAll();
        long n = 0, ts = 1_700_000_000_000_000_000;
        foreach (var frame in frames)
        {
            var info = new FrameInfo(ts += 1000, LinkType.Ethernet, frame.Length, frame.Length, 0, 0);
            var ctx = processor.Next(info, wantColumns: tree, wantProtocols: tree);
            if (tree)
            {
                var sink = new TreeSink(new FieldTreeBuilder());
                PacketProcessor.Dissect(frame, ref ctx, ref sink);
            }
            else
            {
                values.Clear();
                var sink = new CollectorSink(values);
                PacketProcessor.Dissect(frame, ref ctx, ref sink);
            }
            n++;
        }
        var elapsed = started.Elapsed;
        long retained = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        long allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        GC.KeepAlive(processor);
        output.WriteLine($"{what}: {n:N0} frames, retained {retained / (double)MiB:F1} MiB after GC, allocated {allocated / (double)MiB:F0} MiB, {elapsed.TotalSeconds:F1} s (machine shared: not a benchmark)");
        Assert.True(errorsBefore == FrameDissector.InternalErrors, $"a dissector threw: {FrameDissector.LastInternalError}");
        return new Outcome(analyzer, n, retained, allocated, elapsed);
    }

    private static IEnumerable<byte[]> HalfOpen(int count)
    {
        uint server = Address(10, 200, 0, 1);
        for (int i = 0; i < count; i++)
            yield return Tcp(Address(10, (byte)(i >> 16), (byte)(i >> 8), (byte)i), server, (ushort)(1024 + i % 60000), 80, (uint)i * 7919, 0, Syn, default);
    }

    [Fact]
    public void A_million_half_open_connections_keep_memory_bounded_and_the_cli_says_streams_were_released()
    {
        var outcome = Run("1M SYNs", HalfOpen(1_000_000));
        var tcp = Analyzers.TcpOf(outcome.Analyzer)!;
        output.WriteLine($"  streams released at the cap: {tcp.ReleasedStreams:N0}");
        Assert.True(tcp.ReleasedStreams >= 1_000_000 - new TcpAnalyzerOptions().MaxStreams);
        Assert.True(outcome.RetainedBytes < 1536 * MiB, $"{outcome.RetainedBytes / MiB} MiB retained");

        // The user is told: the CLI names the cap on stderr at the end.
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "half-open.pcap");
        WritePcap(path, HalfOpen(300_000));
        // A filter on TCP fields: plain -q reads nothing past the frame records, so no analysis would run.
        var result = CliRunner.Run("-r", path, "-q", "-Y", "tcp.analysis.flags");
        output.WriteLine("  stderr: " + result.Stderr.Trim());
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("TCP streams released", result.Stderr);
    }

    [Fact]
    public void Endlessly_overlapping_out_of_order_segments_on_one_stream_keep_memory_bounded()
    {
        uint client = Address(10, 0, 0, 1), server = Address(10, 0, 0, 2);
        var payload = new byte[1000];
        Array.Fill(payload, (byte)'A');
        IEnumerable<byte[]> Frames()
        {
            yield return Tcp(client, server, 40000, 80, 1000, 0, Syn, default);
            yield return Tcp(server, client, 80, 40000, 5000, 1001, Syn | Ack, default);
            var random = new Random(11);
            for (int i = 0; i < 300_000; i++)
            {
                // Anywhere within 4 MB ahead of the hole at the start: overlaps, duplicates, reordering, never in order.
                uint seq = 1001 + 1 + (uint)random.Next(4 << 20);
                yield return Tcp(client, server, 40000, 80, seq, 5001, Ack | Psh, payload.AsSpan(0, 1 + random.Next(payload.Length)));
            }
        }
        var outcome = Run("300k overlapping segments", Frames());
        // Never acknowledged: past the first 10 000 of the direction they are counted, for the CLI's cap line.
        Assert.Equal(300_000 - 10_000, Analyzers.TcpOf(outcome.Analyzer)!.UntrackedUnackedSegments);
        Assert.True(outcome.RetainedBytes < 256 * MiB, $"{outcome.RetainedBytes / MiB} MiB retained");
    }

    [Fact]
    public void A_dns_name_compression_loop_is_cut_and_named_as_tshark_names_it()
    {
        // A question whose name is a pointer to itself (offset 12), and an answer whose name is a label, then a pointer back to that label.
        var dns = Convert.FromHexString("1234" + "8180" + "0001" + "0001" + "0000" + "0000" + "c00c" + "00010001" + "03777777c010" + "00010001" + "0000003c" + "0004" + "7f000001");
        var frame = Udp(Address(10, 0, 0, 53), Address(10, 0, 0, 1), 53, 5353 + 1, dns);
        var tree = new FieldTreeBuilder();
        var treeSink = new TreeSink(tree);
        var info = new FrameInfo(1, LinkType.Ethernet, frame.Length, frame.Length, 0, 0);
        var ctx = PacketContext.Create(1, info, 1, 1);
        FrameDissector.Dissect(frame, ref ctx, ref treeSink);
        // tshark 4.0 shows such a name as "<Name contains a pointer that loops>" (no expert note), and so do we.
        var loops = tree.Root.Descendants().Where(n => n.Label.Contains("pointer that loops")).Select(n => n.Label).ToList();
        output.WriteLine("  " + string.Join(" | ", loops));
        Assert.True(loops.Count >= 2, string.Join("\n", tree.Root.Descendants().Select(n => n.Label)));
        var outcome = Run("100k looping DNS names", Enumerable.Repeat(frame, 100_000));
        Assert.True(outcome.RetainedBytes < 64 * MiB, $"{outcome.RetainedBytes / MiB} MiB retained");
    }

    [Fact]
    public void An_http_message_with_a_hundred_thousand_headers_over_tcp_keeps_memory_bounded()
    {
        var text = new StringBuilder("GET / HTTP/1.1\r\nHost: example.test\r\n");
        for (int i = 0; i < 100_000; i++) text.Append("X-Header-").Append(i).Append(": value\r\n");
        text.Append("\r\n");
        var head = Encoding.ASCII.GetBytes(text.ToString());
        uint client = Address(10, 0, 0, 1), server = Address(10, 0, 0, 2);
        IEnumerable<byte[]> Frames()
        {
            yield return Tcp(client, server, 40001, 80, 100, 0, Syn, default);
            yield return Tcp(server, client, 80, 40001, 900, 101, Syn | Ack, default);
            yield return Tcp(client, server, 40001, 80, 101, 901, Ack, default);
            for (int at = 0; at < head.Length; at += 1400)
                yield return Tcp(client, server, 40001, 80, (uint)(101 + at), 901, Ack | Psh, head.AsSpan(at, Math.Min(1400, head.Length - at)));
        }
        output.WriteLine($"  head: {head.Length:N0} bytes in {(head.Length + 1399) / 1400} segments");
        var outcome = Run("HTTP with 100k headers (tree)", Frames(), tree: true);
        Assert.True(outcome.RetainedBytes < 128 * MiB, $"{outcome.RetainedBytes / MiB} MiB retained");
    }

    [Fact]
    public void A_tls_record_claiming_sixteen_megabytes_keeps_memory_bounded()
    {
        uint client = Address(10, 0, 0, 1), server = Address(10, 0, 0, 2);
        IEnumerable<byte[]> Frames()
        {
            yield return Tcp(client, server, 40002, 443, 100, 0, Syn, default);
            yield return Tcp(server, client, 443, 40002, 900, 101, Syn | Ack, default);
            // A handshake record whose ClientHello claims 16 MB - 1, then 16 MB of records that never complete it... and never end.
            var first = Convert.FromHexString("160301" + "0578" + "01ffffff" + "0303").Concat(new byte[1400 - 11]).ToArray();
            uint seq = 101;
            yield return Tcp(client, server, 40002, 443, seq, 901, Ack | Psh, first);
            seq += (uint)first.Length;
            var more = Convert.FromHexString("160301" + "0575").Concat(new byte[1397 - 2]).ToArray();
            for (int i = 0; i < 12_500; i++)
            {
                yield return Tcp(client, server, 40002, 443, seq, 901, Ack | Psh, more);
                seq += (uint)more.Length;
            }
        }
        var outcome = Run("TLS handshake claiming 16 MB, 17 MB sent", Frames());
        Assert.True(outcome.RetainedBytes < 96 * MiB, $"{outcome.RetainedBytes / MiB} MiB retained");
    }

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("sniffer-resources-").FullName;
        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
