using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Data;

/// <summary>Bytes no dissector claimed, shown as Wireshark's "Data" protocol.</summary>
public static class DataDissector
{
    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        int available = Math.Min(end, frame.Length) - offset;
        if (available <= 0) return DissectStatus.Complete;
        ctx.Protocols?.Add("data");
        if (sink.WantsTree || sink.Wants(CommonFields.Data) || sink.Wants(CommonFields.DataData) || sink.Wants(CommonFields.DataLen))
        {
            sink.PushProtocol(CommonFields.Data, offset, available);
            if (sink.WantsTree) sink.SetLabel($"Data ({available} bytes)");
            sink.AddBytes(CommonFields.DataData, offset, available, frame.Slice(offset, available));
            sink.AddInt(CommonFields.DataLen, offset, 0, available, Fields.FieldFlags.Generated);
            sink.Pop();
        }
        return DissectStatus.Complete;
    }
}
