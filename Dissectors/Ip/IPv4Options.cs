using System.Buffers.Binary;
using System.Text;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Ip;

/// <summary>
/// IPv4 options (RFC 791 and later), one item each as Wireshark shows them: type (copy/class/number),
/// length and the known bodies (routes, time stamps, router alert). A length that runs past the
/// options gets a note and ends the list.
/// </summary>
public static class IPv4Options
{
    // | Type (copy 1 | class 2 | number 5) | Length | data ...   — except EOL (0) and NOP (1), one byte each.
    // Routes (RR 7, LSRR 131, SSRR 137): | type | len | pointer | addresses (4 bytes each) |
    // Time stamp (68):                   | type | len | pointer | overflow 4 | flag 4 | [address] time stamp ... |
    // Router alert (148):                | 148  |  4  | value (2) |
    private const byte Eol = 0, Nop = 1;

    public static void Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int length, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        var options = frame.Slice(offset, length);
        sink.AddBytes(IPv4Fields.Options, offset, length, options);
        if (sink.WantsTree) sink.SetLabel($"Options: ({length} bytes){Summary(options)}");
        sink.Push();
        int p = 0;
        while (p < length)
        {
            byte type = options[p];
            var known = IPv4OptionFields.Describe(type);
            if (type is Eol or Nop)
            {
                AddOptionItem(known!.Value.Item, offset + p, 1, null, ref sink);
                AddType(type, offset + p, ref sink);
                sink.Pop();
                p++;
                // After EOL the rest is padding, which Wireshark does not itemize.
                if (type == Eol) break;
                continue;
            }
            int optionLength = p + 1 < length ? options[p + 1] : -1;
            if (optionLength < 2 || p + optionLength > length)
            {
                string name = known?.Name ?? $"Unknown (0x{type:x2})";
                string message = optionLength < 0 ? $"{name} (length byte past end of options)"
                    : optionLength < 2 ? $"{name} (with too-short option length = {optionLength} byte{(optionLength == 1 ? "" : "s")})"
                    : $"{name} (option length = {optionLength} bytes says option goes past end of options)";
                Notes.Add(ref ctx, ref sink, IPv4Experts.OptionLengthInvalid, offset + p, length - p, sink.WantsTree ? message : null);
                break;
            }
            var body = options.Slice(p, optionLength);
            string? value = type == 148 && optionLength == 4 ? RouterAlertText(BinaryPrimitives.ReadUInt16BigEndian(body[2..])) : null;
            if (known is { } k)
            {
                AddOptionItem(k.Item, offset + p, optionLength, value, ref sink);
            }
            else
            {
                sink.AddText($"Unknown (0x{type:x2}) ({optionLength} bytes)", offset + p, optionLength);
                sink.Push();
            }
            AddType(type, offset + p, ref sink);
            sink.AddUInt(IPv4OptionFields.Length, offset + p + 1, 1, (ulong)optionLength);
            switch (type)
            {
                case 7 or 131 or 137: AddRoute(body, offset + p, type, ref ctx, ref sink); break;
                case 68: AddTimestamp(body, offset + p, ref ctx, ref sink); break;
                case 148 when optionLength == 4: sink.AddUInt(IPv4OptionFields.RouterAlert, offset + p + 2, 2, BinaryPrimitives.ReadUInt16BigEndian(body[2..])); break;
            }
            sink.Pop();
            p += optionLength;
        }
        sink.Pop();
    }

    private static void AddOptionItem<TSink>(FieldDef item, int offset, int length, string? value, ref TSink sink) where TSink : struct, IFieldSink
    {
        sink.AddNone(item, offset, length);
        if (sink.WantsTree && length > 1) sink.SetLabel($"{item.DisplayName} ({length} bytes){(value is null ? "" : ": " + value)}");
        sink.Push();
    }

    private static void AddType<TSink>(byte type, int offset, ref TSink sink) where TSink : struct, IFieldSink
    {
        sink.AddUInt(IPv4OptionFields.Type, offset, 1, type);
        sink.Push();
        sink.AddUInt(IPv4OptionFields.TypeCopy, offset, 1, type);
        sink.AddUInt(IPv4OptionFields.TypeClass, offset, 1, type);
        sink.AddUInt(IPv4OptionFields.TypeNumber, offset, 1, type);
        sink.Pop();
    }

    /// <summary>Addresses before the pointer were recorded (or passed); the one it points at is next.</summary>
    private static void AddRoute<TSink>(ReadOnlySpan<byte> body, int offset, byte type, ref PacketContext ctx, ref TSink sink) where TSink : struct, IFieldSink
    {
        if (body.Length < 3) return;
        byte pointer = body[2];
        sink.AddUInt(IPv4OptionFields.Pointer, offset + 2, 1, pointer);
        if (pointer < 4) Notes.Add(ref ctx, ref sink, IPv4Experts.PointerBeforeAddress, offset + 2, 1);
        else if ((pointer - 4) % 4 != 0) Notes.Add(ref ctx, ref sink, IPv4Experts.PointerMiddleAddress, offset + 2, 1);
        for (int i = 3; i + 4 <= body.Length; i += 4)
        {
            int position = i + 1;   // 1-based, as the pointer counts
            FieldDef field = position < pointer ? IPv4OptionFields.RecordedRoute
                : type == 7 ? IPv4OptionFields.EmptyRoute
                : position == pointer ? IPv4OptionFields.CurrentRoute : IPv4OptionFields.SourceRoute;
            sink.AddBytes(field, offset + i, 4, body.Slice(i, 4));
            if (sink.WantsTree && position == pointer) sink.SetLabel($"{field.DisplayName}: {FieldFormatter.IPv4(body.Slice(i, 4))} <- (next)");
        }
    }

    private static void AddTimestamp<TSink>(ReadOnlySpan<byte> body, int offset, ref PacketContext ctx, ref TSink sink) where TSink : struct, IFieldSink
    {
        if (body.Length < 4) return;
        sink.AddUInt(IPv4OptionFields.Pointer, offset + 2, 1, body[2]);
        sink.AddUInt(IPv4OptionFields.Overflow, offset + 3, 1, body[3]);
        sink.AddUInt(IPv4OptionFields.Flag, offset + 3, 1, body[3]);
        bool withAddress = (body[3] & 0x0F) is 1 or 3;
        int step = withAddress ? 8 : 4;
        int i = 4;
        for (; i + step <= body.Length; i += step)
        {
            if (withAddress) sink.AddBytes(IPv4OptionFields.TimeStampAddress, offset + i, 4, body.Slice(i, 4));
            sink.AddUInt(IPv4OptionFields.TimeStamp, offset + i + (withAddress ? 4 : 0), 4, BinaryPrimitives.ReadUInt32BigEndian(body[(i + (withAddress ? 4 : 0))..]));
        }
        if (i < body.Length && sink.WantsTree) sink.AddText("Suboption would go past end of option", offset + i, body.Length - i);
    }

    private static string RouterAlertText(ushort value) => value == 0 ? "Router shall examine packet (0)" : $"Reserved ({value})";

    /// <summary>", Router Alert" style list of the options other than EOL and NOP, as in Wireshark's "Options" label.</summary>
    private static string Summary(ReadOnlySpan<byte> options)
    {
        var text = new StringBuilder();
        int p = 0;
        while (p < options.Length)
        {
            byte type = options[p];
            if (type == Eol) break;
            if (type == Nop) { p++; continue; }
            if (p + 1 >= options.Length || options[p + 1] < 2 || p + options[p + 1] > options.Length) break;
            if (IPv4OptionFields.Describe(type) is { } known) text.Append(", ").Append(known.Name);
            p += options[p + 1];
        }
        return text.ToString();
    }
}
