using Sniffer.Analysis.Pipeline;
using Sniffer.Analysis.Tcp;
using Sniffer.Dissectors.Core;

namespace Sniffer.Cli.Commands;

/// <summary>Creates the stateful analysis for one pass over a capture: TCP, and DNS/HTTP matching beside it.</summary>
public static class Analyzers
{
    /// <summary>
    /// A single pass reads a capture once, front to back, and never revisits a frame, so nothing is kept
    /// per frame. Two passes (-2) revisit every frame in the second, so they keep what the first found.
    /// </summary>
    public static IPacketAnalyzer? Create(bool rememberFrames = false) =>
        new AnalyzerSet(new TcpAnalyzer(new TcpAnalyzerOptions { RememberFrames = rememberFrames }), rememberFrames);

    /// <summary>The TCP analyzer of what <see cref="Create"/> made, for -z conv/follow/conn.</summary>
    public static TcpAnalyzer? TcpOf(IPacketAnalyzer? analyzer) => analyzer switch
    {
        TcpAnalyzer tcp => tcp,
        AnalyzerSet set => set.Tcp as TcpAnalyzer,
        _ => null,
    };
}
