using Sniffer.Analysis.Pipeline;
using Sniffer.Analysis.Tcp;
using Sniffer.Dissectors.Core;

namespace Sniffer.Cli.Commands;

/// <summary>Creates the stateful analysis for one pass over a capture: TCP, and DNS/HTTP matching beside it.</summary>
public static class Analyzers
{
    public static IPacketAnalyzer? Create() => new AnalyzerSet(new TcpAnalyzer());

    /// <summary>The TCP analyzer of what <see cref="Create"/> made, for -z conv/follow/conn.</summary>
    public static TcpAnalyzer? TcpOf(IPacketAnalyzer? analyzer) => analyzer switch
    {
        TcpAnalyzer tcp => tcp,
        AnalyzerSet set => set.Tcp as TcpAnalyzer,
        _ => null,
    };
}
