using Sniffer.Analysis.Pipeline;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Cli.Commands;

/// <summary>
/// What the analysis caps kept out of a pass over a capture, said on stderr at the end so that a
/// hostile or huge capture is never mistaken for a complete analysis (nothing is printed when no cap was hit).
/// Caps whose effect is shown in the packet itself (a DNS name whose pointers loop, an HTTP head past
/// <see cref="Sniffer.Dissectors.Http.HttpFramer.MaxHeaderLines"/> lines: an expert note) are not repeated here.
/// </summary>
public static class AnalysisCapsReport
{
    /// <param name="treesCut">Packets whose printed tree stopped at <see cref="FieldTreeBuilder.MaxNodes"/> items.</param>
    public static void Write(IPacketAnalyzer? analyzer, TextWriter stderr, long treesCut = 0) => Write([analyzer], stderr, treesCut);

    /// <summary>The caps hit by the analyzers of a pass that was split across several (a parallel read), added up.</summary>
    public static void Write(IReadOnlyList<IPacketAnalyzer?> analyzers, TextWriter stderr, long treesCut = 0)
    {
        long forgottenHttp = 0, releasedStreams = 0, forgottenDirections = 0, untrackedSegments = 0, oversizedPdus = 0;
        int maxUnacked = 0;
        foreach (var analyzer in analyzers)
        {
            var tcp = Analyzers.TcpOf(analyzer);
            var set = analyzer as AnalyzerSet;
            forgottenHttp += set?.Http.ForgottenWaitingConnections ?? 0;
            releasedStreams += tcp?.ReleasedStreams ?? 0;
            forgottenDirections += set?.ForgottenPduStreams ?? 0;
            untrackedSegments += tcp?.UntrackedUnackedSegments ?? 0;
            oversizedPdus += set?.OversizedPdus ?? 0;
            maxUnacked = Math.Max(maxUnacked, tcp?.MaxUnackedSegments ?? 0);
        }
        Say(stderr, forgottenHttp,
            $"HTTP connections with a request waiting forgotten to stay under {Sniffer.Analysis.Http.HttpTransactionTable.MaxConnections:N0} connections (their responses are not matched)");
        Say(stderr, releasedStreams,
            "TCP streams released to stay under the stream limit (later packets of one start a new stream; sequence analysis restarts)");
        Say(stderr, forgottenDirections,
            $"idle TCP directions' reassembly state forgotten to stay under {AnalyzerSet.MaxPduStreams:N0} directions");
        Say(stderr, untrackedSegments,
            $"TCP segments not tracked past the {maxUnacked:N0} unacknowledged segments limit of their direction (retransmissions and RTTs of them are not analysed)");
        Say(stderr, oversizedPdus,
            $"PDUs over {PduStream.MaxPduBytes >> 20} MiB dropped from TCP reassembly (their segments are shown as they came)");
        Say(stderr, treesCut, $"packets' trees cut at {FieldTreeBuilder.MaxNodes:N0} items (the rest of each is not shown)");
    }

    // Once, at the end of a pass: the interpolated texts cost nothing that matters.
    private static void Say(TextWriter stderr, long count, string what)
    {
        if (count > 0) stderr.WriteLine($"sniffer: analysis cap: {count} {what}");
    }
}
