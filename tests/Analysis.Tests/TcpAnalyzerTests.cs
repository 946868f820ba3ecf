using Sniffer.Analysis.Flows;
using Sniffer.Analysis.Tcp;
using Sniffer.Dissectors.Core;
using Xunit.Abstractions;
using static Sniffer.Tests.Analysis.SyntheticTcp;

namespace Sniffer.Tests.Analysis;

public sealed class TcpAnalyzerTests(ITestOutputHelper output)
{
    private const uint Client = 0x0A000001, Server = 0x0A000002;

    [Fact]
    public void Sequence_comparisons_wrap()
    {
        Assert.True(TcpSeq.Lt(0xFFFFFFF0, 0x10));
        Assert.True(TcpSeq.Gt(0x10, 0xFFFFFFF0));
        Assert.True(TcpSeq.Le(5, 5) && TcpSeq.Ge(5, 5));
        Assert.Equal(0x20u, TcpSeq.Distance(0xFFFFFFF0, 0x10));
    }

    [Fact]
    public void Flow_key_is_the_same_both_ways()
    {
        var k1 = FlowKey.Create(AddressKind.IPv4, 1, 80, 2, 5000, out bool aFirst);
        var k2 = FlowKey.Create(AddressKind.IPv4, 2, 5000, 1, 80, out bool aSecond);
        Assert.Equal(k1, k2);
        Assert.NotEqual(aFirst, aSecond);
    }

    [Fact]
    public void Handshake_gives_relative_numbers_scaling_and_rtt()
    {
        var t = new SyntheticTcp(new TcpAnalyzer());
        var syn = t.Send(Client, 40000, Server, 80, Syn, 1000, 0, wscale: 6);
        var synAck = t.Send(Server, 80, Client, 40000, Syn | Ack, 5000, 1001, wscale: 2);
        var ack = t.Send(Client, 40000, Server, 80, Ack, 1001, 5001, window: 100);
        Assert.Equal(0u, syn.RelSeq);
        Assert.Equal(1u, synAck.RelAck);
        Assert.Equal(1u, ack.RelSeq);
        Assert.Equal(6400, ack.WindowSize);
        Assert.Equal(64, ack.ScaleFactor);
        Assert.Equal(2u, ack.AcksFrame);
        Assert.Equal(2_000_000, ack.InitialRttNs);
        Assert.Equal((byte)3, ack.Completeness);
    }

    [Fact]
    public void Retransmission_and_duplicate_acks_are_flagged()
    {
        var t = new SyntheticTcp(new TcpAnalyzer());
        t.Send(Client, 40000, Server, 80, Syn, 0, 0);
        t.Send(Server, 80, Client, 40000, Syn | Ack, 0, 1);
        t.Send(Client, 40000, Server, 80, Ack, 1, 1);
        t.Send(Client, 40000, Server, 80, Ack | Psh, 1, 1, 100);
        var ack = t.Send(Server, 80, Client, 40000, Ack, 1, 101);
        var dup = t.Send(Server, 80, Client, 40000, Ack, 1, 101);
        t.TimeNs += 500_000_000;
        var again = t.Send(Client, 40000, Server, 80, Ack | Psh, 1, 1, 100);
        Assert.Equal(TcpAnalysisFlags.None, ack.Flags);
        Assert.Equal(TcpAnalysisFlags.DuplicateAck, dup.Flags);
        Assert.Equal(1u, dup.DuplicateAckNum);
        Assert.Equal(5u, dup.DuplicateAckFrame);
        Assert.True((again.Flags & TcpAnalysisFlags.SpuriousRetransmission) != 0);
    }

    [Fact]
    public void A_syn_with_a_new_isn_on_a_used_tuple_starts_a_new_stream()
    {
        var analyzer = new TcpAnalyzer();
        var t = new SyntheticTcp(analyzer);
        var first = t.Send(Client, 40000, Server, 80, Syn, 100, 0);
        t.Send(Server, 80, Client, 40000, Rst | Ack, 0, 101);
        var retry = t.Send(Client, 40000, Server, 80, Syn, 100, 0);
        var reuse = t.Send(Client, 40000, Server, 80, Syn, 9000, 0);
        Assert.Equal(0u, first.Stream);
        Assert.Equal(0u, retry.Stream);
        Assert.True((retry.Flags & TcpAnalysisFlags.Retransmission) != 0);
        Assert.Equal(1u, reuse.Stream);
        Assert.True((reuse.Flags & TcpAnalysisFlags.ReusedPorts) != 0);
        var conns = analyzer.Connections();
        Assert.Equal("REJ", conns[0].State);
        Assert.Equal("SrT", conns[0].History);   // the repeated SYN counts as a retransmission (T)
    }

    [Fact]
    public void Revisits_return_the_first_pass_answer_without_changing_state()
    {
        var analyzer = new TcpAnalyzer();
        var t = new SyntheticTcp(analyzer);
        var answers = new List<TcpAnalysis>
        {
            t.Send(Client, 40000, Server, 80, Syn, 0, 0),
            t.Send(Server, 80, Client, 40000, Syn | Ack, 0, 1),
            t.Send(Client, 40000, Server, 80, Ack | Psh, 1, 1, 10),
            t.Send(Client, 40000, Server, 80, Ack | Psh, 1, 1, 10),
        };
        for (uint frame = 4; frame >= 1; frame--)
        {
            Assert.True(analyzer.Frames.TryGet(frame, 0, out var stored));
            var expected = answers[(int)frame - 1];
            Assert.Equal(expected.RelSeq, stored.RelSeq);
            Assert.Equal(expected.Flags, stored.Flags);
            Assert.Equal(expected.BytesInFlight, stored.BytesInFlight);
            Assert.Equal(expected.TimeDeltaNs, stored.TimeDeltaNs);
        }
    }

    [Fact]
    public void Steady_state_analysis_allocates_nothing_per_packet()
    {
        var t = new SyntheticTcp(new TcpAnalyzer(new TcpAnalyzerOptions { RememberFrames = false }));
        t.Send(Client, 40000, Server, 80, Syn, 0, 0);
        t.Send(Server, 80, Client, 40000, Syn | Ack, 0, 1);
        uint seq = 1;
        for (int i = 0; i < 1000; i++) Exchange(t, ref seq);   // warm up: lists reach their size, JIT settles
        // Best of three: a tier-up compilation on this thread can allocate once while we measure.
        const int rounds = 20_000;
        long perPacket = long.MaxValue;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < rounds; i++) Exchange(t, ref seq);
            perPacket = Math.Min(perPacket, (GC.GetAllocatedBytesForCurrentThread() - before) / (rounds * 2));
        }
        output.WriteLine($"allocated per packet: {perPacket} bytes");
        Assert.True(perPacket == 0, $"{perPacket} bytes per packet");
    }

    private static void Exchange(SyntheticTcp t, ref uint seq)
    {
        t.Send(Client, 40000, Server, 80, Ack | Psh, seq, 1, 500);
        seq += 500;
        t.Send(Server, 80, Client, 40000, Ack, 1, seq);
    }

    [Fact]
    public void A_million_short_connections_stay_within_the_stream_cap()
    {
        const int cap = 20_000;
        var analyzer = new TcpAnalyzer(new TcpAnalyzerOptions { MaxStreams = cap, RememberFrames = false, KeepConnections = false });
        var t = new SyntheticTcp(analyzer);
        GC.Collect();
        long baseline = GC.GetTotalMemory(true), peak = 0;
        int peakStreams = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            uint client = 0x0B000000u + (uint)(i >> 16);
            ushort port = (ushort)(1024 + (i & 0xFFFF) % 60000);
            t.Send(client, port, Server, 80, Syn, 7, 0);
            t.Send(Server, 80, client, port, Syn | Ack, 9, 8);
            t.Send(client, port, Server, 80, Rst, 8, 0);
            peakStreams = Math.Max(peakStreams, analyzer.TrackedStreams);
            // Live memory, after a collection: what the analyzer retains, not garbage waiting for the GC
            // (other test classes allocate in parallel in this process).
            if ((i & 0x3FFF) == 0) peak = Math.Max(peak, GC.GetTotalMemory(true) - baseline);
        }
        output.WriteLine($"streams seen {analyzer.StreamCount}, peak tracked {peakStreams}, released {analyzer.ReleasedStreams}, closed and retired {analyzer.RetiredClosedStreams}, peak heap growth {peak / 1024 / 1024} MiB");
        Assert.True(peakStreams <= cap);
        // Reset streams are closed: most leave through the closed-stream queue, the rest through the cap.
        Assert.True(analyzer.ReleasedStreams + analyzer.RetiredClosedStreams >= analyzer.StreamCount - cap);
        Assert.True(analyzer.RetiredClosedStreams > 0);
        Assert.True(peak < 200L * 1024 * 1024, $"peak {peak / 1024 / 1024} MiB");
    }
}
