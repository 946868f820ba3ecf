using System.Globalization;
using System.Net;
using System.Text;
using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Tree;

/// <summary>Turns stored values into text the way Wireshark prints them: labels for the tree, values for -T fields.</summary>
public static class FieldFormatter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>tshark -T fields representation of one occurrence.</summary>
    public static string FieldsValue(FieldDef field, ValueKind kind, ulong bits, double number, ReadOnlySpan<byte> data) => field.Type switch
    {
        FieldType.None => "1",
        FieldType.Protocol => field.DisplayName,
        FieldType.Boolean => bits != 0 ? "1" : "0",
        FieldType.Double => number.ToString("R", Inv),
        FieldType.RelativeTime => RelativeTime((long)bits),
        FieldType.AbsoluteTime => AbsoluteTime((long)bits),
        FieldType.Ether => Ether(data),
        FieldType.IPv4 => IPv4(data),
        FieldType.IPv6 => IPv6(data),
        FieldType.Bytes => HexNoSeparator(data),
        FieldType.String => Text(data),
        _ when field.Type.IsSigned() => ((long)bits).ToString(Inv),
        _ when kind == ValueKind.Int => ((long)bits).ToString(Inv),
        _ => Integer(field, bits, forLabel: false),
    };

    public static string FieldsValue(FieldNode node) =>
        node.Field is null ? node.Label : FieldsValue(node.Field, node.Kind, node.Bits, node.Number, node.Data);

    public static string FieldsValue(FieldValueSet set, int index)
    {
        var v = set[index];
        return FieldsValue(v.Field, v.Kind, v.Bits, v.Number, set.Bytes(index));
    }

    /// <summary>
    /// <see cref="FieldsValue(FieldValueSet, int)"/> without a string, for the kinds -T fields prints most
    /// (integers, booleans, IPv4 addresses): false for the others, which the caller formats as a string.
    /// </summary>
    public static bool TryWriteFieldsValue(FieldValueSet set, int index, Span<char> destination, out int written)
    {
        var v = set[index];
        var f = v.Field;
        written = 0;
        switch (f.Type)
        {
            case FieldType.None:
                return TryWrite("1", destination, out written);
            case FieldType.Boolean:
                return TryWrite(v.Bits != 0 ? "1" : "0", destination, out written);
            case FieldType.IPv4:
                return TryWriteIPv4(set.Bytes(index), destination, out written);
            case FieldType.Protocol or FieldType.Double or FieldType.RelativeTime or FieldType.AbsoluteTime or FieldType.Ether
                or FieldType.IPv6 or FieldType.Bytes or FieldType.String:
                return false;
        }
        if (f.Type.IsSigned() || v.Kind == ValueKind.Int) return ((long)v.Bits).TryFormat(destination, out written, default, Inv);
        switch (f.Base)
        {
            case FieldBase.Hex or FieldBase.HexDec:
                int bits = f.Type == FieldType.UInt24 ? 24 : f.Type.BitWidth();
                return TryWriteHex(v.Bits, Math.Max(1, (bits + 3) / 4), destination, out written);
            case FieldBase.Oct:
                return false;
            default:
                return v.Bits.TryFormat(destination, out written, default, Inv);
        }
    }

    private static bool TryWrite(string text, Span<char> destination, out int written)
    {
        written = text.Length;
        return text.AsSpan().TryCopyTo(destination);
    }

    private static bool TryWriteIPv4(ReadOnlySpan<byte> address, Span<char> destination, out int written)
    {
        written = 0;
        if (address.Length < 4 || destination.Length < 15) return false;
        for (int i = 0; i < 4; i++)
        {
            if (i > 0) destination[written++] = '.';
            address[i].TryFormat(destination[written..], out int n, default, Inv);
            written += n;
        }
        return true;
    }

    /// <summary>"0x" and at least <paramref name="minDigits"/> lower-case hex digits, as v.ToString("x" + minDigits).</summary>
    private static bool TryWriteHex(ulong value, int minDigits, Span<char> destination, out int written)
    {
        written = 0;
        Span<char> format = stackalloc char[3];
        format[0] = 'x';
        minDigits.TryFormat(format[1..], out int n, default, Inv);
        if (destination.Length < 2 || !value.TryFormat(destination[2..], out written, format[..(n + 1)], Inv)) return false;
        destination[0] = '0';
        destination[1] = 'x';
        written += 2;
        return true;
    }

    /// <summary>The label Wireshark shows in the packet details pane.</summary>
    public static string Label(FieldNode node)
    {
        var f = node.Field;
        if (f is null) return "";
        string text = f.Type switch
        {
            FieldType.Protocol or FieldType.None => f.DisplayName,
            _ => LimitLabel(LabelWithValue(f, node), NamePosition(f, node)),
        };
        return node.IsGenerated ? "[" + text + "]" : text;
    }

    /// <summary>Where the field's name ends in its label (before ": value"), as proto.c's name_pos.</summary>
    private static int NamePosition(FieldDef f, FieldNode node)
    {
        int prefix = f.Bitmask != 0 ? BitPattern(f.Bitmask, node.Raw, f.BitWidth).Length + 3 : 0;
        return prefix + Encoding.UTF8.GetByteCount(f.DisplayName);
    }

    /// <summary>proto.c's ITEM_LABEL_LENGTH: a label holds 239 bytes (and its terminator).</summary>
    public const int MaxLabelBytes = 240;

    /// <summary>
    /// Cuts a label the way proto.c's label_mark_truncated does when it does not fit in
    /// <see cref="MaxLabelBytes"/>: " [truncated]" goes in at <paramref name="namePos"/> (after the field's
    /// name, or first for a dissector's own text) and the rest is cut at a character boundary.
    /// </summary>
    public static string LimitLabel(string label, int namePos)
    {
        if (label.Length < MaxLabelBytes / 4 || Encoding.UTF8.GetByteCount(label) < MaxLabelBytes) return label;
        const string mark = " [truncated]";
        byte[] bytes = Encoding.UTF8.GetBytes(label);
        if (namePos >= MaxLabelBytes - mark.Length)
        {
            if (namePos >= MaxLabelBytes) return Encoding.UTF8.GetString(bytes, 0, MaxLabelBytes - 2);
            string head = Encoding.UTF8.GetString(bytes, 0, namePos);
            return head + mark[..Math.Min(mark.Length, MaxLabelBytes - namePos - 2)];
        }
        var buffer = new byte[MaxLabelBytes];
        Array.Copy(bytes, buffer, namePos);
        Encoding.ASCII.GetBytes(mark, 0, mark.Length, buffer, namePos);
        Array.Copy(bytes, namePos, buffer, namePos + mark.Length, Math.Min(bytes.Length - namePos, MaxLabelBytes - namePos - mark.Length));
        // The terminator replaces the character the buffer's last byte belongs to (tshark keeps 238 bytes).
        int end = MaxLabelBytes - 2;
        while (end > 0 && (buffer[end] & 0xC0) == 0x80) end--;
        return Encoding.UTF8.GetString(buffer, 0, end);
    }

    private static string LabelWithValue(FieldDef f, FieldNode node)
    {
        string value = f.Type switch
        {
            FieldType.Boolean => node.Bits != 0 ? f.TrueFalse!.True : f.TrueFalse!.False,
            FieldType.Double => node.Number.ToString("R", Inv),
            FieldType.RelativeTime => RelativeTime((long)node.Bits) + " seconds",
            FieldType.AbsoluteTime => AbsoluteTime((long)node.Bits),
            FieldType.Ether => Ether(node.Data),
            FieldType.IPv4 => IPv4(node.Data),
            FieldType.IPv6 => IPv6(node.Data),
            FieldType.Bytes => BytesLabel(node.Data),
            FieldType.String => Text(node.Data),
            _ when f.Type.IsSigned() || node.Kind == ValueKind.Int => SignedLabel(f, (long)node.Bits),
            _ => IntegerLabel(f, node.Bits),
        };
        if (f.Unit is not null && f.Type != FieldType.RelativeTime) value += f.Unit;
        string label = f.DisplayName + ": " + value;
        if (f.Bitmask != 0) label = BitPattern(f.Bitmask, node.Raw, f.BitWidth) + " = " + label;
        return label;
    }

    private static string IntegerLabel(FieldDef f, ulong v)
    {
        string num = Integer(f, v, forLabel: true);
        string? name = f.Strings?.Find(v);
        if (f.Base == FieldBase.None) return name ?? (f.Strings is null ? num : $"Unknown ({num})");
        if (f.Strings is null) return num;
        // A value_string without an entry for the value reads "Unknown (n)" in Wireshark.
        return $"{name ?? "Unknown"} ({num})";
    }

    private static string SignedLabel(FieldDef f, long v)
    {
        string num = v.ToString(Inv);
        string? name = v >= 0 ? f.Strings?.Find((ulong)v) : null;
        if (f.Base == FieldBase.None && f.Strings is not null) return name ?? $"Unknown ({num})";
        if (f.Strings is null) return num;
        // A value_string without an entry for the value reads "Unknown (n)" in Wireshark.
        return $"{name ?? "Unknown"} ({num})";
    }

    private static string Integer(FieldDef f, ulong v, bool forLabel)
    {
        // Tree labels size hex by the mask when there is one (hfinfo_hex_digits: a 20-bit flow label is
        // 0x00000, tcp.flags 0x002); -T fields and JSON size it by the field's type (0x079cdd, 0x0002).
        int bits = forLabel && f.Bitmask != 0
            ? 64 - System.Numerics.BitOperations.LeadingZeroCount(f.Bitmask >> f.Shift)
            : f.Type == FieldType.UInt24 ? 24 : f.Type.BitWidth();
        int digits = Math.Max(1, (bits + 3) / 4);
        string Hex() => "0x" + v.ToString("x" + digits, Inv);
        return f.Base switch
        {
            FieldBase.Hex => Hex(),
            FieldBase.HexDec => forLabel ? $"{Hex()} ({v.ToString(Inv)})" : Hex(),
            FieldBase.DecHex => forLabel ? $"{v.ToString(Inv)} ({Hex()})" : v.ToString(Inv),
            FieldBase.Oct => "0" + Convert.ToString((long)v, 8),
            _ => v.ToString(Inv),
        };
    }

    /// <summary>"..0. ...." style: the bits under the mask, dots elsewhere, grouped by four.</summary>
    public static string BitPattern(ulong mask, ulong raw, int width)
    {
        var sb = new StringBuilder(width + width / 4);
        for (int bit = width - 1; bit >= 0; bit--)
        {
            ulong m = 1UL << bit;
            sb.Append((mask & m) == 0 ? '.' : (raw & m) != 0 ? '1' : '0');
            if (bit > 0 && bit % 4 == 0) sb.Append(' ');
        }
        return sb.ToString();
    }

    public static string RelativeTime(long ns)
    {
        string sign = ns < 0 ? "-" : "";
        ulong a = (ulong)Math.Abs(ns);
        return $"{sign}{(a / 1_000_000_000).ToString(Inv)}.{(a % 1_000_000_000).ToString("D9", Inv)}";
    }

    /// <summary>tshark's absolute time: "Nov 25, 2026 04:47:00.123456789 UTC".</summary>
    public static string AbsoluteTime(long ns)
    {
        var t = DateTime.UnixEpoch.AddTicks(Math.DivRem(ns, 1_000_000_000, out long frac) * TimeSpan.TicksPerSecond);
        if (frac < 0) { frac += 1_000_000_000; t = t.AddSeconds(-1); }
        return t.ToString("MMM ", Inv) + t.Day.ToString(Inv).PadLeft(2) + t.ToString(", yyyy HH:mm:ss", Inv) + "." + frac.ToString("D9", Inv) + " UTC";
    }

    /// <summary>Seconds since the epoch with nine decimals (frame.time_epoch).</summary>
    public static string EpochTime(long ns) => RelativeTime(ns);

    public static string Ether(ReadOnlySpan<byte> b) => Hex(b, ':');

    public static string IPv4(ReadOnlySpan<byte> b) =>
        b.Length < 4 ? Hex(b, ':') : $"{b[0]}.{b[1]}.{b[2]}.{b[3]}";

    public static string IPv6(ReadOnlySpan<byte> b) =>
        b.Length < 16 ? Hex(b, ':') : new IPAddress(b).ToString();

    public static string Hex(ReadOnlySpan<byte> b, char separator)
    {
        if (b.IsEmpty) return "";
        var chars = new char[b.Length * 3 - 1];
        for (int i = 0, j = 0; i < b.Length; i++)
        {
            if (i > 0) chars[j++] = separator;
            chars[j++] = "0123456789abcdef"[b[i] >> 4];
            chars[j++] = "0123456789abcdef"[b[i] & 15];
        }
        return new string(chars);
    }

    public static string HexNoSeparator(ReadOnlySpan<byte> b) => Convert.ToHexStringLower(b);

    // tshark cuts a bytes label at 72 hex digits (36 bytes) and adds an ellipsis.
    private static string BytesLabel(ReadOnlySpan<byte> b) =>
        b.Length <= 36 ? HexNoSeparator(b) : HexNoSeparator(b[..36]) + "…";

    /// <summary>A string field's text, with control characters escaped the way Wireshark does.</summary>
    public static string Text(ReadOnlySpan<byte> b)
    {
        string s = Encoding.UTF8.GetString(b);
        bool clean = true;
        foreach (char c in s) if (c < 0x20 || c == 0x7f) { clean = false; break; }
        if (clean) return s;
        var sb = new StringBuilder(s.Length + 8);
        foreach (char c in s)
        {
            switch (c)
            {
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    if (c < 0x20 || c == 0x7f) sb.Append("\\x").Append(((int)c).ToString("x2", Inv));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }
}
