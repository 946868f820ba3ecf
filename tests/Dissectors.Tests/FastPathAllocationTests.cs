using Sniffer.Analysis.Pipeline;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Tests.Dissectors;

/// <summary>The fast path (summary columns, -T fields, filters) must not allocate per packet.</summary>
public sealed class FastPathAllocationTests
{
    private static List<CorpusFrames.LoadedFrame> Frames()
    {
        var frames = new List<CorpusFrames.LoadedFrame>();
        foreach (var path in TestPaths.CorpusCaptures().Take(60)) frames.AddRange(CorpusFrames.Load(path, 200));
        return frames;
    }

    [Fact]
    public void NullSinkWithColumnsAllocatesNothingPerPacket()
    {
        var frames = Frames();
        if (frames.Count == 0) return; // corpus absent: nothing to measure
        double perPacket = Measure(frames, (p, f) =>
        {
            var ctx = p.Next(f.Info, wantColumns: true, wantProtocols: false);
            var sink = new NullSink();
            PacketProcessor.Dissect(f.Data, ref ctx, ref sink);
        });
        Assert.True(perPacket < 1.0, $"fast path allocated {perPacket:F2} bytes per packet");
    }

    [Fact]
    public void CollectorSinkAllocatesNothingPerPacketInSteadyState()
    {
        var frames = Frames();
        if (frames.Count == 0) return;
        var values = new FieldValueSet();
        foreach (var name in new[] { "frame.number", "ip.src", "ip.dst", "udp.srcport", "eth.src", "ip.ttl", "ip.host" })
            values.Want(FieldRegistry.Find(name)!);
        double perPacket = Measure(frames, (p, f) =>
        {
            var ctx = p.Next(f.Info, wantColumns: false, wantProtocols: false);
            values.Clear();
            var sink = new CollectorSink(values);
            PacketProcessor.Dissect(f.Data, ref ctx, ref sink);
        });
        Assert.True(perPacket < 1.0, $"collector path allocated {perPacket:F2} bytes per packet");
    }

    private static double Measure(List<CorpusFrames.LoadedFrame> frames, Action<PacketProcessor, CorpusFrames.LoadedFrame> body)
    {
        var warm = new PacketProcessor();
        for (int round = 0; round < 3; round++) foreach (var f in frames) body(warm, f);
        var processor = new PacketProcessor();
        foreach (var f in frames) body(processor, f); // let buffers reach their steady size
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 5; round++) foreach (var f in frames) body(processor, f);
        long after = GC.GetAllocatedBytesForCurrentThread();
        return (after - before) / (5.0 * frames.Count);
    }
}
