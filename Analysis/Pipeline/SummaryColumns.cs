using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Analysis.Pipeline;

/// <summary>The Source and Destination columns, formatted from the offsets the dissectors left in the context.</summary>
public static class SummaryColumns
{
    public static string Source(ReadOnlySpan<byte> frame, in PacketContext ctx) => Address(frame, ctx.Layers.AddressKind, ctx.Layers.SrcAddressOffset);

    public static string Destination(ReadOnlySpan<byte> frame, in PacketContext ctx) => Address(frame, ctx.Layers.AddressKind, ctx.Layers.DstAddressOffset);

    private static string Address(ReadOnlySpan<byte> frame, AddressKind kind, int offset)
    {
        int length = kind switch { AddressKind.Ether => 6, AddressKind.IPv4 => 4, AddressKind.IPv6 => 16, _ => 0 };
        if (length == 0 || offset < 0 || offset + length > frame.Length) return "";
        var bytes = frame.Slice(offset, length);
        return kind switch
        {
            AddressKind.Ether => FieldFormatter.Ether(bytes),
            AddressKind.IPv4 => FieldFormatter.IPv4(bytes),
            _ => FieldFormatter.IPv6(bytes),
        };
    }
}
