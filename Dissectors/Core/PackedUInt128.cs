namespace Sniffer.Dissectors.Core;

/// <summary>
/// A 128-bit address held as two 64-bit halves, for keys of large tables. UInt128 is 16-byte aligned
/// since .NET 8, so a key of two addresses and a few ports pads to 48 bytes (64 with a leading byte) and
/// a Dictionary entry holding it to 80 or more; as halves the key packs to 40 and the entry to 56.
/// </summary>
public readonly record struct PackedUInt128(ulong Upper, ulong Lower)
{
    public PackedUInt128(UInt128 value) : this((ulong)(value >> 64), (ulong)value) { }

    public UInt128 Value => new(Upper, Lower);
}
