using Sniffer.Capture;
using Sniffer.Dissectors.Tree;
using Sniffer.Tui.Model;
using Sniffer.Tui.Model.Filtering;

namespace Sniffer.Tests.Tui;

/// <summary>
/// The filter pass reads frames through a sequential <see cref="FrameCursor"/> (and the analysis spill
/// files through their read-ahead); it must find exactly what the per-frame random-access path finds.
/// </summary>
public sealed class SequentialFilterTests
{
    private static readonly string[] Filters =
    [
        "tcp.flags.syn == 1 && tcp.flags.ack == 1",
        "tcp.flags.reset == 1",
        "tcp.analysis.retransmission",
        "tcp.analysis.flags",
        "tcp.analysis.duplicate_ack || tcp.analysis.out_of_order",
        "tcp.analysis.ack_rtt > 0.01",
        "tcp.len > 0 and not tcp.analysis.retransmission",
        "tcp.stream == 1",
        "tcp.port in {80,443,8080}",
        "udp.length < 100 && !dns",
        "dns",
        "dns.flags.response == 0",
        "dns.qry.name contains \"com\"",
        "http",
        "http.request.method == \"GET\"",
        "http.response.code >= 300",
        "tls",
        "frame.len > 1000",
        "frame.time_delta > 0.01",
        "frame.time_delta_displayed > 0.01",
        "frame.time_relative > 1",
        "ip.flags.mf == 1 || ip.frag_offset > 0",
        "ipv6",
        "arp or icmp or icmpv6",
    ];

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(TestPaths.Samples, "*.pcap*").Order()) data.Add(f);
        foreach (var name in new[]
        {
            "ppa__http_espn.pcapng", "ppa__ratinfected.pcapng", "ppa__http_post.pcapng", "ppa__ipv6_fragments.pcapng",
            "tcpdump__bigtcp-ipv4-vxlan-ipv4.pcap", "tcpdump__sflow-print-v6.pcap", "tcpdump__dns_fwdptr.pcap",
            "tcpdump__mptcp-v1.pcap", "tcpdump__quic_handshake.pcap", "tcpdump__nfs-seg-fault-1.pcapng",
        })
        {
            data.Add(Captures.Corpus(name));
        }
        return data;
    }

    private static CaptureIndexer Indexed(string file)
    {
        var indexer = new CaptureIndexer(file);
        indexer.RunToCompletion();
        return indexer;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_filter_run_matches_what_the_per_frame_path_matches(string file)
    {
        using var indexer = Indexed(file);
        Assert.True(indexer.Index.Count > 0);
        foreach (var text in Filters)
        {
            Assert.True(FilterCompiler.TryCompile(text, out var filter, out var problem), $"{text}: {problem?.Message}");
            using var run = new FilterRun(indexer, filter!);
            run.RunToCompletion();
            var expected = PerFrameMatches(indexer, filter!);
            var actual = new List<int>();
            for (int i = 0; i < run.Matches.Count; i++) actual.Add(run.Matches[i]);
            Assert.True(expected.SequenceEqual(actual), $"{Path.GetFileName(file)}, {text}: per-frame {expected.Count} matches, sequential {actual.Count}");
        }
    }

    /// <summary>The reference: each frame read on its own (FrameStore.TryRead) and dissected by a session of its own.</summary>
    private static List<int> PerFrameMatches(CaptureIndexer indexer, PacketFilter filter)
    {
        var session = new PacketSession(indexer, foreground: false);
        var values = new FieldValueSet();
        foreach (var f in filter.Fields) values.Want(f);
        var matches = new List<int>();
        for (int i = 0; i < indexer.Index.Count; i++)
        {
            if (!session.Collect(i, values, out var ctx, out var data)) continue;
            var entry = indexer.Index[i];
            var conversation = entry.Conversation >= 0 ? indexer.Conversations[entry.Conversation] : null;
            if (filter.Matches(new FilterInput(values, ctx, data, entry, conversation))) matches.Add(i);
        }
        return matches;
    }

    [Fact]
    public void A_run_started_while_indexing_follows_the_index_and_finds_the_same_frames()
    {
        var file = TestPaths.Sample("lossy-download.pcapng");
        using var indexer = new CaptureIndexer(file);
        Assert.True(FilterCompiler.TryCompile("tcp.analysis.flags && !tcp.analysis.window_update", out var filter, out _));
        using var run = new FilterRun(indexer, filter!);
        indexer.Start();
        run.Start();
        indexer.WaitForCompletion(TimeSpan.FromSeconds(60));
        run.WaitForCompletion(TimeSpan.FromSeconds(60));
        Assert.True(run.Completed);
        Assert.Equal(indexer.Index.Count, run.Examined);
        var actual = new List<int>();
        for (int i = 0; i < run.Matches.Count; i++) actual.Add(run.Matches[i]);
        Assert.Equal(PerFrameMatches(indexer, filter!), actual);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_cursor_reads_every_frame_as_the_capture_reader_did(string file)
    {
        using var indexer = Indexed(file);
        var cursor = indexer.Store!.OpenCursor();
        using var reader = CaptureFile.Open(file);
        int i = 0;
        while (reader.TryRead(out var expected, out var bytes))
        {
            Assert.True(cursor.TryRead(indexer.Index[i], out var info, out var data), $"frame {i + 1}");
            Assert.Equal(expected, info);
            Assert.True(bytes.SequenceEqual(data), $"frame {i + 1}: bytes differ");
            Assert.True(indexer.Store.TryRead(indexer.Index[i], out var single, out var singleBytes));
            Assert.Equal(expected, single);
            Assert.True(bytes.SequenceEqual(singleBytes));
            i++;
        }
        Assert.Equal(indexer.Index.Count, i);
    }

    [Fact]
    public void The_cursor_also_reads_out_of_order_and_refuses_a_record_cut_short()
    {
        var file = TestPaths.Sample("lossy-download.pcapng");
        using var indexer = Indexed(file);
        var store = indexer.Store!;
        var cursor = store.OpenCursor();
        int count = indexer.Index.Count;
        foreach (int i in new[] { count - 1, 0, count / 2, count / 2 - 1, count - 1, 1 })
        {
            Assert.True(cursor.TryRead(indexer.Index[i], out var info, out var data));
            Assert.True(store.TryRead(indexer.Index[i], out var expected, out var bytes));
            Assert.Equal(expected, info);
            Assert.True(bytes.AsSpan().SequenceEqual(data));
        }

        // A copy of the file cut inside its last record: that frame is unreadable, the one before still reads.
        string cut = Path.Combine(Path.GetTempPath(), $"sniffer-cut-{Guid.NewGuid():N}.pcapng");
        try
        {
            var last = indexer.Index[count - 1];
            File.WriteAllBytes(cut, File.ReadAllBytes(file).AsSpan(0, (int)last.FileOffset + 40).ToArray());
            using var cutStore = new FrameStore(cut, isPcapng: true);
            cutStore.UpdateInterfaces(store.Interfaces);
            var cutCursor = cutStore.OpenCursor();
            Assert.True(cutCursor.TryRead(indexer.Index[count - 2], out _, out _));
            Assert.False(cutCursor.TryRead(last, out _, out _));
            Assert.False(cutStore.TryRead(last, out _, out _));
        }
        finally { File.Delete(cut); }
    }
}
