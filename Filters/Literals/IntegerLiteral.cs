using System.Globalization;

namespace Sniffer.Filters.Literals;

/// <summary>C-style integers as strtoull(…, 0) reads them: 0x1f, 017 (octal), 0b101, 42, with an optional sign.</summary>
internal static class IntegerLiteral
{
    public static bool TryParse(string text, out ulong magnitude, out bool negative)
    {
        magnitude = 0;
        negative = false;
        var s = text.AsSpan();
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s.IsEmpty) return false;
        if (s.Length > 1 && s[0] == '0' && (s[1] | 0x20) == 'x')
            return s.Length > 2 && ulong.TryParse(s[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out magnitude);
        if (s.Length > 1 && s[0] == '0' && (s[1] | 0x20) == 'b')
            return s.Length > 2 && ulong.TryParse(s[2..], NumberStyles.AllowBinarySpecifier, CultureInfo.InvariantCulture, out magnitude);
        if (s.Length > 1 && s[0] == '0')
        {
            foreach (char c in s[1..])
            {
                if (c is < '0' or > '7') return false;
                if (magnitude > ulong.MaxValue / 8) return false;
                magnitude = magnitude * 8 + (ulong)(c - '0');
            }
            return true;
        }
        foreach (char c in s) if (!char.IsAsciiDigit(c)) return false;
        return ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out magnitude);
    }

    /// <summary>True for text that starts like a number, so a failed parse is "not a valid number" rather than a name.</summary>
    public static bool LooksNumeric(string text) => text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] == '-' && text.Length > 1);
}
