using Sniffer.Analysis.Pipeline;
using Sniffer.Capture;
using Sniffer.Dissectors.Frame;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Tests.Dissectors;

/// <summary>Cut and mutated real frames must decode to a status, never to an exception inside a dissector.</summary>
public sealed class CorpusRobustnessTests
{
    [Fact]
    public void EveryPrefixOfRealFramesDissectsWithoutInternalErrors()
    {
        long before = FrameDissector.InternalErrors;
        int frames = 0;
        foreach (var path in TestPaths.CorpusCaptures().Where((_, i) => i % 4 == 0))
        {
            foreach (var f in CorpusFrames.Load(path, 20))
            {
                frames++;
                for (int cut = 0; cut <= f.Data.Length; cut += Math.Max(1, f.Data.Length / 64))
                {
                    var info = f.Info with { CapturedLength = cut };
                    DissectWithTree(info, f.Data.AsSpan(0, cut));
                }
            }
        }
        Assert.True(before == FrameDissector.InternalErrors, $"{FrameDissector.InternalErrors - before} internal errors; last: {FrameDissector.LastInternalError}");
        if (TestPaths.Corpus is not null) Assert.True(frames > 100);
    }

    [Fact]
    public void RandomMutationsOfRealFramesDissectWithoutInternalErrors()
    {
        var random = new Random(20261125);
        long before = FrameDissector.InternalErrors;
        foreach (var path in TestPaths.CorpusCaptures().Where((_, i) => i % 5 == 0))
        {
            foreach (var f in CorpusFrames.Load(path, 10))
            {
                for (int n = 0; n < 40; n++)
                {
                    var bytes = (byte[])f.Data.Clone();
                    int flips = 1 + random.Next(8);
                    for (int k = 0; k < flips && bytes.Length > 0; k++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                    DissectWithTree(f.Info, bytes);
                }
            }
        }
        Assert.True(before == FrameDissector.InternalErrors, $"{FrameDissector.InternalErrors - before} internal errors; last: {FrameDissector.LastInternalError}");
    }

    [Fact]
    public void TreeItemsLieWithinTheFrame()
    {
        foreach (var path in TestPaths.CorpusCaptures().Where((p, i) => i % 7 == 0 || Path.GetFileName(p).Contains("http")))
        {
            var processor = new PacketProcessor(Sniffer.Cli.Commands.Analyzers.Create());
            foreach (var f in CorpusFrames.Load(path, 200))
            {
                var tree = DissectWithTree(f.Info, f.Data, processor);
                foreach (var node in tree.Root.Descendants())
                {
                    // Items of reassembled data point into their own buffer (a data source), not the frame.
                    int limit = node.SourceId == 0 ? f.Data.Length
                        : node.SourceId <= processor.Sources.Count ? processor.Sources[node.SourceId].Data.Length : -1;
                    Assert.True(node.Offset >= 0 && node.Length >= 0 && node.Offset + node.Length <= limit,
                        $"{Path.GetFileName(path)}: {node.Label} at {node.Offset}+{node.Length} outside {limit} bytes of source {node.SourceId}");
                }
            }
        }
    }

    private static FieldTreeBuilder DissectWithTree(FrameInfo info, ReadOnlySpan<byte> data, PacketProcessor? shared = null)
    {
        var processor = shared ?? new PacketProcessor();
        var ctx = processor.Next(info, wantColumns: true, wantProtocols: true);
        var builder = new FieldTreeBuilder();
        var sink = new TreeSink(builder);
        PacketProcessor.Dissect(data, ref ctx, ref sink);
        foreach (var node in builder.Root.Descendants()) _ = node.Label; // labels format lazily: make them
        return builder;
    }
}
