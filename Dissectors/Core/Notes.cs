using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Core;

/// <summary>Adds an expert note to the tree (or the collector) and to the packet's worst severity.</summary>
public static class Notes
{
    public static void Add<TSink>(ref PacketContext ctx, ref TSink sink, ExpertDef expert, int offset, int length, string? message = null)
        where TSink : struct, IFieldSink
    {
        ctx.NoteSeverity(expert.Severity);
        sink.AddExpert(expert, offset, length, message);
    }
}
