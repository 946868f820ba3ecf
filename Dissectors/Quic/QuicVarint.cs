namespace Sniffer.Dissectors.Quic;

/// <summary>QUIC variable-length integers (RFC 9000 §16): the top two bits of the first byte give the length.</summary>
public static class QuicVarint
{
    //  2MSB  Length  Usable bits
    //  00    1       6
    //  01    2       14
    //  10    4       30
    //  11    8       62
    /// <summary>Reads one at <paramref name="offset"/>; returns its length in bytes, or 0 when it does not fit.</summary>
    public static int Read(ReadOnlySpan<byte> data, int offset, out ulong value)
    {
        value = 0;
        if ((uint)offset >= (uint)data.Length) return 0;
        int length = 1 << (data[offset] >> 6);
        if (offset + length > data.Length) return 0;
        value = (ulong)(data[offset] & 0x3F);
        for (int i = 1; i < length; i++) value = value << 8 | data[offset + i];
        return length;
    }
}
