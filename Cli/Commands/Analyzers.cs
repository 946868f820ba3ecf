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
    /// <param name="keepConnections">Keep a summary of every finished connection (only -z conn reads them).</param>
    /// <param name="shareOf">
    /// The analyzer is one of this many shards of a parallel read: its stream caps are this share of the
    /// single pass's, so that the shards together hold what one pass would.
    /// </param>
    public static IPacketAnalyzer? Create(bool rememberFrames = false, bool keepConnections = true, int shareOf = 1)
    {
        var defaults = new TcpAnalyzerOptions();
        return new AnalyzerSet(new TcpAnalyzer(new TcpAnalyzerOptions
        {
            RememberFrames = rememberFrames,
            KeepConnections = keepConnections,
            MaxStreams = (rememberFrames ? defaults.MaxStreams : SinglePassMaxStreams) / shareOf,
            MaxClosedStreams = defaults.MaxClosedStreams / shareOf,
        }), rememberFrames, shareOf);
    }

    /// <summary>
    /// TCP streams a single pass tracks at once (about 1 KB each); past it the longest idle are released.
    /// Chosen so that all the tables together stay well under 200 MB (bench/README.md).
    /// </summary>
    public const int SinglePassMaxStreams = 30_000;

    /// <summary>Whether any -z report needs the finished connections' summaries.</summary>
    public static bool NeedsConnections(IEnumerable<string> statistics)
    {
        foreach (var spec in statistics) if (spec == "conn") return true;
        return false;
    }

    /// <summary>The TCP analyzer of what <see cref="Create"/> made, for -z conv/follow/conn.</summary>
    public static TcpAnalyzer? TcpOf(IPacketAnalyzer? analyzer) => analyzer switch
    {
        TcpAnalyzer tcp => tcp,
        AnalyzerSet set => set.Tcp as TcpAnalyzer,
        _ => null,
    };
}
