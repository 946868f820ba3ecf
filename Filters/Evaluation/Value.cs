namespace Sniffer.Filters.Evaluation;

/// <summary>
/// One value flowing through an evaluation: an integer, a double, or a byte range that points into
/// the packet's FieldValueSet, the frame, a literal's array or the scratch arena. Nothing is copied
/// to read a field, which keeps <see cref="DisplayFilter.Matches"/> free of allocation.
/// </summary>
internal struct Value
{
    /// <summary><see cref="Entry"/> value meaning the bytes are in the frame (protocol values and their slices).</summary>
    public const int FrameEntry = -2;
    public const int NoEntry = -1;

    /// <summary>Integers (two's complement), booleans (0/1), times in nanoseconds.</summary>
    public long Int;
    public double Real;
    /// <summary>Bytes held by a literal or the scratch arena (checked before <see cref="Entry"/>).</summary>
    public byte[]? Array;
    /// <summary>FieldValueSet entry that holds the bytes, <see cref="FrameEntry"/>, or <see cref="NoEntry"/>.</summary>
    public int Entry;
    public int Start;
    /// <summary>Byte length of a byte-like value; for integers the field's length on the wire (for len()).</summary>
    public int Length;
    /// <summary>Leading bits that take part in comparisons (CIDR literals); -1 for all.</summary>
    public int PrefixBits;

    public static Value Integer(long value, int wireLength = 0) =>
        new() { Int = value, Length = wireLength, Entry = NoEntry, PrefixBits = -1 };

    public static Value Double(double value) => new() { Real = value, Entry = NoEntry, PrefixBits = -1 };

    public static Value Bytes(byte[] array, int prefixBits = -1) =>
        new() { Array = array, Start = 0, Length = array.Length, Entry = NoEntry, PrefixBits = prefixBits };
}
