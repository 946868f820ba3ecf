using Sniffer.Analysis.Pipeline;
using Sniffer.Analysis.Tcp;
using Sniffer.Dissectors.Core;

namespace Sniffer.Cli.Commands;

/// <summary>Creates the stateful analysis for one pass over a capture: TCP, and DNS/HTTP matching beside it.</summary>
public static class Analyzers
{
    public static IPacketAnalyzer? Create() => new AnalyzerSet(new TcpAnalyzer());
}
