using Sniffer.Analysis.Pipeline;
using Sniffer.Capture;
using Sniffer.Dissectors.Frame;
using Sniffer.Dissectors.Tree;
using Sniffer.Fuzz;

namespace Sniffer.Tests.Fuzz;

/// <summary>
/// Inputs the long fuzz runs found (saved reproducers, in Findings/), replayed as the fuzzer ran them:
/// each must now dissect without a dissector exception.
/// </summary>
public sealed class FindingsReplayTests
{
    public static TheoryData<string> Findings()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Findings")).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    [Theory]
    [MemberData(nameof(Findings))]
    public void A_saved_finding_dissects_without_a_dissector_exception(string file)
    {
        long before = FrameDissector.InternalErrors;
        var values = new FieldValueSet();
        values.WantAll();
        var processor = new PacketProcessor(Sniffer.Cli.Commands.Analyzers.Create());
        using var reader = CaptureFile.Open(Path.Combine(AppContext.BaseDirectory, "Findings", file));
        int frames = 0;
        while (reader.TryRead(out var info, out var data))
        {
            FrameDissection.Full(processor, new FuzzFrame(info.LinkType, data.ToArray(), info.OriginalLength), values);
            frames++;
        }
        Assert.True(frames > 0);
        Assert.True(before == FrameDissector.InternalErrors, $"{FrameDissector.LastInternalError}");
    }
}
