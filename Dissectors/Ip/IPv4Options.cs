using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Ip;

/// <summary>IPv4 options. For now the option bytes as one item; individual options are decoded by later work.</summary>
public static class IPv4Options
{
    public static void Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int length, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        sink.AddBytes(IPv4Fields.Options, offset, length, frame.Slice(offset, length));
        if (sink.WantsTree) sink.SetLabel($"Options: ({length} bytes)");
    }
}
