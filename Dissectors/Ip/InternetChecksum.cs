using System.Buffers.Binary;

namespace Sniffer.Dissectors.Ip;

/// <summary>The RFC 1071 ones'-complement sum, with the IPv6 pseudo-header (RFC 8200 §8.1) for ICMPv6.</summary>
public static class InternetChecksum
{
    /// <summary>Adds 16-bit big-endian words to a running 32-bit sum (an odd last byte is padded with zero).</summary>
    public static uint Add(uint sum, ReadOnlySpan<byte> data)
    {
        int i = 0;
        for (; i + 1 < data.Length; i += 2) sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if (i < data.Length) sum += (uint)(data[i] << 8);
        return sum;
    }

    public static ushort Fold(uint sum)
    {
        while ((sum >> 16) != 0) sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }

    /// <summary>Checksum of a message with no pseudo-header (ICMPv4). Zero means the stored checksum is right.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => Fold(Add(0, data));

    /// <summary>Checksum over the IPv6 pseudo-header (source, destination, length, next header) and the message.</summary>
    public static ushort ComputeIPv6(ReadOnlySpan<byte> src, ReadOnlySpan<byte> dst, byte nextHeader, ReadOnlySpan<byte> message)
    {
        uint sum = Add(0, src);
        sum = Add(sum, dst);
        sum += (uint)(message.Length >> 16) + (uint)(message.Length & 0xFFFF);
        sum += nextHeader;
        return Fold(Add(sum, message));
    }

    /// <summary>The value the checksum field should hold: the sum computed with the field itself taken as zero.</summary>
    public static ushort Expected(ushort stored, ushort computedWithStored)
    {
        // computed = ~(S + stored) where S is the sum without the field; so the right value is ~S.
        uint s = (ushort)~computedWithStored;
        s += (ushort)~stored;
        while ((s >> 16) != 0) s = (s & 0xFFFF) + (s >> 16);
        return (ushort)~s;
    }
}
