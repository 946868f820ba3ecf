using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Analysis.Pipeline;

/// <summary>The Source and Destination columns, formatted from the offsets the dissectors left in the context.</summary>
public static class SummaryColumns
{
    public static string Source(ReadOnlySpan<byte> frame, in PacketContext ctx) => Address(frame, ctx.Layers.AddressKind, ctx.Layers.SrcAddressOffset);

    public static string Destination(ReadOnlySpan<byte> frame, in PacketContext ctx) => Address(frame, ctx.Layers.AddressKind, ctx.Layers.DstAddressOffset);

    /// <summary>
    /// The Source or Destination column written into <paramref name="destination"/> without a string
    /// (IPv4 and Ethernet, the common cases); false when the caller must fall back to the string form.
    /// </summary>
    public static bool TryFormat(ReadOnlySpan<byte> frame, in PacketContext ctx, bool source, Span<char> destination, out int written)
    {
        written = 0;
        var kind = ctx.Layers.AddressKind;
        int offset = source ? ctx.Layers.SrcAddressOffset : ctx.Layers.DstAddressOffset;
        int length = kind switch { AddressKind.Ether => 6, AddressKind.IPv4 => 4, _ => 0 };
        if (length == 0 || offset < 0 || offset + length > frame.Length || destination.Length < 17) return false;
        var bytes = frame.Slice(offset, length);
        for (int i = 0; i < length; i++)
        {
            if (i > 0) destination[written++] = kind == AddressKind.IPv4 ? '.' : ':';
            if (kind == AddressKind.IPv4)
            {
                bytes[i].TryFormat(destination[written..], out int n);
                written += n;
            }
            else
            {
                destination[written++] = HexDigits[bytes[i] >> 4];
                destination[written++] = HexDigits[bytes[i] & 0xF];
            }
        }
        return true;
    }

    private const string HexDigits = "0123456789abcdef";

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
