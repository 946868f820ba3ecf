using Sniffer.Analysis.Pipeline;
using Sniffer.Dissectors.Core;

namespace Sniffer.Cli.Commands;

/// <summary>Creates the stateful analysis for one pass over a capture.</summary>
public static class Analyzers
{
    public static IPacketAnalyzer? Create() => new AnalyzerSet();
}
