using System.Globalization;

namespace Sniffer.Filters.Literals;

/// <summary>
/// Byte strings as Wireshark writes them: hex groups separated by ':', '-' or '.' (00:1b:21, aa-bb-cc,
/// aabb.ccdd, 0.1.0.d) or one run of hex pairs (00010203). A group of one digit is one byte.
/// </summary>
internal static class ByteStringLiteral
{
    public static byte[]? TryParse(string text)
    {
        if (text.Length == 0) return null;
        var bytes = new List<byte>(text.Length / 2 + 1);
        int groupStart = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] is not (':' or '-' or '.')) continue;
            if (!AddGroup(text.AsSpan(groupStart, i - groupStart), bytes)) return null;
            groupStart = i + 1;
        }
        return bytes.ToArray();
    }

    private static bool AddGroup(ReadOnlySpan<char> group, List<byte> into)
    {
        if (group.IsEmpty) return false;
        foreach (char c in group) if (!char.IsAsciiHexDigit(c)) return false;
        if (group.Length == 1)
        {
            into.Add(byte.Parse(group, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
            return true;
        }
        if (group.Length % 2 != 0) return false;
        for (int i = 0; i < group.Length; i += 2)
            into.Add(byte.Parse(group.Slice(i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        return true;
    }
}
