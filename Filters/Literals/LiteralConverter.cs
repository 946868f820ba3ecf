using System.Globalization;
using System.Text;
using Sniffer.Dissectors.Fields;
using Sniffer.Filters.Evaluation;
using Sniffer.Filters.Syntax;

namespace Sniffer.Filters.Literals;

/// <summary>A literal as written: a word (possibly with a folded leading minus), a quoted string or a char constant.</summary>
internal readonly record struct LiteralText(TokenKind Kind, string Text, byte[]? Bytes, int Position, int Length)
{
    public bool IsQuoted => Kind is TokenKind.String or TokenKind.RawString;
    public string Decoded => Bytes is null ? Text : Encoding.UTF8.GetString(Bytes);
}

/// <summary>
/// Turns a literal into a value of the type it is compared with, done once at compile time.
/// As in Wireshark, the same text means different things by type: "10.0" is an address for ip.src
/// but the bytes 10:00 for a slice. The messages are tshark 4.0's.
/// </summary>
internal static class LiteralConverter
{
    public static Value Convert(in LiteralText lit, FieldType target, FieldDef? field)
    {
        switch (target)
        {
            case FieldType.Boolean: return Boolean(lit, field);
            case FieldType.Double: return Real(lit, target);
            case FieldType.RelativeTime: return RelativeTime(lit, target);
            case FieldType.AbsoluteTime: return AbsoluteTime(lit);
            case FieldType.Ether: return Ether(lit, target);
            case FieldType.IPv4: return IPv4(lit, target);
            case FieldType.IPv6: return IPv6(lit, target);
            case FieldType.Bytes or FieldType.Protocol: return Bytes(lit);
            case FieldType.String: return Value.Bytes(lit.Bytes ?? Encoding.UTF8.GetBytes(lit.Text));
            case FieldType.None: throw new FilterException($"{lit.Text} cannot be compared with a field of type Label.", lit.Position, lit.Length);
            default: return Integer(lit, target, field);
        }
    }

    private static FilterException NotFromString(in LiteralText lit, FieldType target) =>
        new($"{TypeNames.Describe(target)} cannot be converted from a string (\"{lit.Decoded}\").", lit.Position, lit.Length);

    private static Value Integer(in LiteralText lit, FieldType target, FieldDef? field)
    {
        if (lit.Kind == TokenKind.CharConst) return Value.Integer(lit.Bytes![0]);
        if (lit.IsQuoted) throw NotFromString(lit, target);
        string text = lit.Text;
        if (!IntegerLiteral.TryParse(text, out ulong magnitude, out bool negative))
        {
            if (field?.Strings is { } names && names.TryParse(text, out ulong named)) return Value.Integer((long)named);
            if (field?.Strings is not null && !IntegerLiteral.LooksNumeric(text))
                throw new FilterException($"\"{text}\" cannot be found among the possible values for {field.Name}.", lit.Position, lit.Length);
            throw new FilterException($"\"{text}\" is not a valid number.", lit.Position, lit.Length);
        }
        int bits = target.BitWidth();
        if (target.IsSigned())
        {
            long max = bits == 64 ? long.MaxValue : (1L << (bits - 1)) - 1;
            long min = bits == 64 ? long.MinValue : -(1L << (bits - 1));
            if (!negative && magnitude > (ulong)max)
                throw new FilterException($"\"{text}\" too big for this field, maximum {max}.", lit.Position, lit.Length);
            if (negative && magnitude > (ulong)max + 1)
                throw new FilterException($"\"{text}\" too small for this field, minimum {min}.", lit.Position, lit.Length);
            return Value.Integer(negative ? -(long)magnitude : (long)magnitude);
        }
        ulong umax = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        // A negative number for an unsigned field wraps, as strtoull does; tshark accepts it and it never matches a port.
        if (negative) return Value.Integer(-(long)magnitude);
        if (magnitude > umax)
            throw new FilterException($"\"{text}\" too big for this field, maximum {umax}.", lit.Position, lit.Length);
        return Value.Integer((long)magnitude);
    }

    private static Value Boolean(in LiteralText lit, FieldDef? field)
    {
        if (lit.Kind == TokenKind.CharConst) return Value.Integer(lit.Bytes![0] != 0 ? 1 : 0);
        // The field's own true/false labels, in any case and quoted or not, as tshark 4.0 takes them
        // (tcp.flags.syn == Set, tcp.flags.syn == "Not set").
        if (field?.TrueFalse is { } labels)
        {
            string word = lit.IsQuoted ? lit.Decoded : lit.Text;
            if (string.Equals(word, labels.True, StringComparison.OrdinalIgnoreCase)) return Value.Integer(1);
            if (string.Equals(word, labels.False, StringComparison.OrdinalIgnoreCase)) return Value.Integer(0);
        }
        if (lit.IsQuoted) throw NotFromString(lit, FieldType.Boolean);
        switch (lit.Text)
        {
            case "true" or "True" or "TRUE": return Value.Integer(1);
            case "false" or "False" or "FALSE": return Value.Integer(0);
        }
        if (IntegerLiteral.TryParse(lit.Text, out ulong magnitude, out _)) return Value.Integer(magnitude != 0 ? 1 : 0);
        throw new FilterException($"\"{lit.Text}\" cannot be found among the possible values for {field?.Name ?? "this field"}.", lit.Position, lit.Length);
    }

    private static Value Real(in LiteralText lit, FieldType target)
    {
        if (lit.Kind == TokenKind.CharConst) return Value.Double(lit.Bytes![0]);
        if (lit.IsQuoted) throw NotFromString(lit, target);
        if (double.TryParse(lit.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return Value.Double(d);
        if (IntegerLiteral.TryParse(lit.Text, out ulong m, out bool neg)) return Value.Double(neg ? -(double)m : m);
        throw new FilterException($"\"{lit.Text}\" is not a valid number.", lit.Position, lit.Length);
    }

    private static Value RelativeTime(in LiteralText lit, FieldType target)
    {
        if (lit.IsQuoted) throw NotFromString(lit, target);
        if (TimeLiterals.TryParseSeconds(lit.Text, out long ns)) return Value.Integer(ns);
        throw new FilterException($"\"{lit.Text}\" is not a valid time.", lit.Position, lit.Length);
    }

    private static Value AbsoluteTime(in LiteralText lit)
    {
        string text = lit.Decoded;
        if (TimeLiterals.TryParseAbsolute(text, out long ns)) return Value.Integer(ns);
        throw new FilterException(
            $"\"{text}\" is not a valid absolute time. Example: \"Nov 12, 1999 08:55:44.123\" or \"2011-07-04 12:34:56\"",
            lit.Position, lit.Length);
    }

    private static Value Ether(in LiteralText lit, FieldType target)
    {
        if (lit.IsQuoted || lit.Kind == TokenKind.CharConst) throw NotFromString(lit, target);
        var bytes = ByteStringLiteral.TryParse(lit.Text)
            ?? throw new FilterException($"\"{lit.Text}\" is not a valid Ethernet address.", lit.Position, lit.Length);
        if (bytes.Length < 6)
            throw new FilterException($"\"{lit.Text}\" contains too few bytes to be a valid Ethernet address.", lit.Position, lit.Length);
        if (bytes.Length > 6)
            throw new FilterException($"\"{lit.Text}\" contains too many bytes to be a valid Ethernet address.", lit.Position, lit.Length);
        return Value.Bytes(bytes);
    }

    private static Value IPv4(in LiteralText lit, FieldType target)
    {
        if (lit.IsQuoted || lit.Kind == TokenKind.CharConst) throw NotFromString(lit, target);
        switch (AddressLiterals.TryParseIPv4(lit.Text, out var address, out int prefix))
        {
            case AddressLiterals.Result.Ok:
                return Value.Bytes(address, prefix);
            case AddressLiterals.Result.BadPrefix:
                throw new FilterException($"Netmask bits in a CIDR IPv4 address should be <= 32, not {prefix}", lit.Position, lit.Length);
            default:
                throw new FilterException($"\"{lit.Text}\" is not a valid hostname or IPv4 address.", lit.Position, lit.Length);
        }
    }

    private static Value IPv6(in LiteralText lit, FieldType target)
    {
        if (lit.IsQuoted || lit.Kind == TokenKind.CharConst) throw NotFromString(lit, target);
        switch (AddressLiterals.TryParseIPv6(lit.Text, out var address, out int prefix))
        {
            case AddressLiterals.Result.Ok:
                return Value.Bytes(address, prefix);
            case AddressLiterals.Result.BadPrefix:
                throw new FilterException($"Prefix in a IPv6 address should be <= 128, not {prefix}", lit.Position, lit.Length);
            default:
                throw new FilterException($"\"{lit.Text}\" is not a valid hostname or IPv6 address.", lit.Position, lit.Length);
        }
    }

    /// <summary>Byte strings, quoted strings (their bytes), char constants and one-byte hex integers (0x41).</summary>
    private static Value Bytes(in LiteralText lit)
    {
        if (lit.Bytes is not null) return Value.Bytes(lit.Bytes);
        string text = lit.Text;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            if (IntegerLiteral.TryParse(text, out ulong v, out _) && v <= 0xFF) return Value.Bytes([(byte)v]);
            throw new FilterException($"\"{text}\" is not a valid byte string.", lit.Position, lit.Length);
        }
        var bytes = ByteStringLiteral.TryParse(text)
            ?? throw new FilterException($"\"{text}\" is not a valid byte string.", lit.Position, lit.Length);
        return Value.Bytes(bytes);
    }
}
