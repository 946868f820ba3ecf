namespace Sniffer.Filters.Evaluation;

internal static class ValueComparer
{
    /// <summary>Sign of a - b in the order of <paramref name="kind"/>.</summary>
    public static int Compare(CompareClass kind, in Value a, in Value b, in PacketView p) => kind switch
    {
        CompareClass.Unsigned => ((ulong)a.Int).CompareTo((ulong)b.Int),
        CompareClass.Signed => a.Int.CompareTo(b.Int),
        CompareClass.Double => a.Real.CompareTo(b.Real),
        CompareClass.Bytes => CompareBytes(p.Bytes(a), p.Bytes(b), PrefixOf(a, b)),
        _ => 0,
    };

    /// <summary>The CIDR prefix that applies when either side carries one (ip.addr == 10.0.0.0/8).</summary>
    private static int PrefixOf(in Value a, in Value b)
    {
        if (a.PrefixBits < 0) return b.PrefixBits;
        if (b.PrefixBits < 0) return a.PrefixBits;
        return Math.Min(a.PrefixBits, b.PrefixBits);
    }

    public static int CompareBytes(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int prefixBits)
    {
        if (prefixBits < 0) return a.SequenceCompareTo(b);
        int whole = prefixBits >> 3;
        if (a.Length < whole || b.Length < whole) return a.SequenceCompareTo(b);
        int c = a[..whole].SequenceCompareTo(b[..whole]);
        if (c != 0 || (prefixBits & 7) == 0) return c;
        if (a.Length <= whole || b.Length <= whole) return a.Length.CompareTo(b.Length);
        int mask = 0xFF00 >> (prefixBits & 7) & 0xFF;
        return (a[whole] & mask).CompareTo(b[whole] & mask);
    }

    /// <summary>True for a value that makes a bare arithmetic or slice test pass: nonzero, or any nonzero byte.</summary>
    public static bool IsTruthy(CompareClass kind, in Value v, in PacketView p) => kind switch
    {
        CompareClass.Unsigned or CompareClass.Signed => v.Int != 0,
        CompareClass.Double => v.Real != 0,
        CompareClass.Bytes => p.Bytes(v).IndexOfAnyExcept((byte)0) >= 0,
        _ => true,
    };
}
