using Sniffer.Analysis.Pipeline;
using Sniffer.Dissectors.Core;

namespace Sniffer.Cli.Commands;

/// <summary>
/// What the analysis caps kept out of a pass over a capture, said on stderr at the end so that a
/// hostile or huge capture is never mistaken for a complete analysis (nothing is printed when no cap was hit).
/// </summary>
public static class AnalysisCapsReport
{
    public static void Write(IPacketAnalyzer? analyzer, TextWriter stderr)
    {
        long released = Analyzers.TcpOf(analyzer)?.ReleasedStreams ?? 0;
        long forgotten = (analyzer as AnalyzerSet)?.ForgottenPduStreams ?? 0;
        long httpWaiting = (analyzer as AnalyzerSet)?.Http.ForgottenWaitingConnections ?? 0;
        if (httpWaiting > 0)
            stderr.WriteLine($"sniffer: analysis cap: {httpWaiting} HTTP connections with a request waiting forgotten to stay under {Sniffer.Analysis.Http.HttpTransactionTable.MaxConnections} connections (their responses are not matched)");
        if (released > 0)
            stderr.WriteLine($"sniffer: analysis cap: {released} TCP streams released to stay under the stream limit (later packets of one start a new stream; sequence analysis restarts)");
        if (forgotten > 0)
            stderr.WriteLine($"sniffer: analysis cap: {forgotten} idle TCP directions' reassembly state forgotten to stay under {AnalyzerSet.MaxPduStreams} directions");
    }
}
