namespace Sniffer.Dissectors.Dns;

/// <summary>RFC 5952 text for an IPv6 address, written into a span (IPAddress would allocate).</summary>
internal static class Ipv6Text
{
    /// <param name="output">At least 39 characters.</param>
    public static int Format(ReadOnlySpan<byte> a, Span<char> output)
    {
        Span<ushort> groups = stackalloc ushort[8];
        for (int i = 0; i < 8; i++) groups[i] = (ushort)(a[2 * i] << 8 | a[2 * i + 1]);
        // The longest run of two or more zero groups becomes "::" (the first one on a tie).
        int bestStart = -1, bestLength = 1;
        for (int i = 0; i < 8;)
        {
            if (groups[i] != 0) { i++; continue; }
            int j = i;
            while (j < 8 && groups[j] == 0) j++;
            if (j - i > bestLength) { bestStart = i; bestLength = j - i; }
            i = j;
        }
        int n = 0;
        for (int i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                output[n++] = ':';
                output[n++] = ':';
                i += bestLength - 1;
                continue;
            }
            if (n > 0 && output[n - 1] != ':') output[n++] = ':';
            groups[i].TryFormat(output[n..], out int w, "x");
            n += w;
        }
        return n;
    }
}
