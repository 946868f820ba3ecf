using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Link;

/// <summary>What both versions of Linux cooked capture do before their headers differ.</summary>
internal static class SllPreamble
{
    /// <summary>Sets the columns; false (with the status to return) when the header itself was cut short.</summary>
    public static bool Begin<TSink>(ReadOnlySpan<byte> frame, int offset, int end, int headerLength, string label,
        ref PacketContext ctx, ref TSink sink, out DissectStatus cut)
        where TSink : struct, IFieldSink
    {
        ctx.Protocols?.Add("sll");
        if (!ctx.InErrorPacket) ctx.Protocol = "SLL";
        cut = DissectStatus.Complete;
        if (Bounds.Has(frame, offset, headerLength)) return true;
        sink.PushProtocol(SllFields.Sll, offset, Math.Max(0, Math.Min(frame.Length, end) - offset));
        if (sink.WantsTree) sink.SetLabel(label);
        sink.Pop();
        cut = Bounds.Missing(frame, offset, headerLength, end);
        return false;
    }
}
