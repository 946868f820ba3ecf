using System.Text;

namespace Sniffer.Filters.Syntax;

/// <summary>
/// Decodes the body of a quoted string or character constant into bytes, as Wireshark does:
/// \xNN and \NNN give raw bytes (so "\xff" can match binary payloads), \u and \U give UTF-8.
/// </summary>
internal static class StringEscapes
{
    /// <summary>Decodes text[start..end). Throws for an unknown escape, pointing at the backslash.</summary>
    public static byte[] Decode(string text, int start, int end)
    {
        var bytes = new List<byte>(end - start);
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = start; i < end; i++)
        {
            char c = text[i];
            if (c != '\\')
            {
                if (c < 0x80) { bytes.Add((byte)c); continue; }
                int n;
                if (char.IsHighSurrogate(c) && i + 1 < end)
                {
                    n = Encoding.UTF8.GetBytes(text.AsSpan(i, 2), utf8);
                    i++;
                }
                else n = Encoding.UTF8.GetBytes(text.AsSpan(i, 1), utf8);
                for (int k = 0; k < n; k++) bytes.Add(utf8[k]);
                continue;
            }
            if (i + 1 >= end) throw Invalid(text, i, 1);
            char e = text[i + 1];
            switch (e)
            {
                case '\'': bytes.Add((byte)'\''); i++; break;
                case '"': bytes.Add((byte)'"'); i++; break;
                case '\\': bytes.Add((byte)'\\'); i++; break;
                case 'a': bytes.Add(7); i++; break;
                case 'b': bytes.Add(8); i++; break;
                case 'f': bytes.Add(12); i++; break;
                case 'n': bytes.Add(10); i++; break;
                case 'r': bytes.Add(13); i++; break;
                case 't': bytes.Add(9); i++; break;
                case 'v': bytes.Add(11); i++; break;
                case 'x':
                {
                    int j = i + 2, value = 0;
                    while (j < end && j < i + 4 && Uri.IsHexDigit(text[j])) value = value * 16 + HexValue(text[j++]);
                    if (j == i + 2) throw Invalid(text, i, 2);
                    bytes.Add((byte)value);
                    i = j - 1;
                    break;
                }
                case 'u' or 'U':
                {
                    int digits = e == 'u' ? 4 : 8, value = 0, j = i + 2;
                    for (; j < i + 2 + digits; j++)
                    {
                        if (j >= end || !Uri.IsHexDigit(text[j])) throw Invalid(text, i, 2);
                        value = value * 16 + HexValue(text[j]);
                    }
                    if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) throw Invalid(text, i, j - i);
                    int n = new Rune(value).EncodeToUtf8(utf8);
                    for (int k = 0; k < n; k++) bytes.Add(utf8[k]);
                    i = j - 1;
                    break;
                }
                case >= '0' and <= '7':
                {
                    int j = i + 1, value = 0;
                    while (j < end && j < i + 4 && text[j] is >= '0' and <= '7') value = value * 8 + (text[j++] - '0');
                    if (value > 0xFF) throw Invalid(text, i, j - i);
                    bytes.Add((byte)value);
                    i = j - 1;
                    break;
                }
                default:
                    throw Invalid(text, i, 2);
            }
        }
        return bytes.ToArray();
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static FilterException Invalid(string text, int at, int length)
    {
        string seq = text.Substring(at, Math.Min(length, text.Length - at));
        return new FilterException($"{seq} is not a valid character escape sequence", at, seq.Length);
    }
}
