using Sniffer.Analysis.Ip;
using Sniffer.Analysis.Pipeline;
using Sniffer.Analysis.Tcp;
using Sniffer.Dissectors.Core;

namespace Sniffer.Cli.Commands;

/// <summary>Creates the stateful analysis for one pass over a capture.</summary>
public static class Analyzers
{
    public static IPacketAnalyzer? Create() => new CombinedAnalyzer(new TcpAnalyzer(), new FragmentTable());

    /// <summary>The TCP analysis inside what <see cref="Create"/> made (for -z statistics).</summary>
    public static TcpAnalyzer? Tcp(IPacketAnalyzer? analyzer) => analyzer switch
    {
        TcpAnalyzer tcp => tcp,
        CombinedAnalyzer combined => combined.Tcp as TcpAnalyzer,
        _ => null,
    };
}
