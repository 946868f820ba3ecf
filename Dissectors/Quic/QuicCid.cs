using System.Buffers.Binary;

namespace Sniffer.Dissectors.Quic;

/// <summary>A connection ID (at most 20 bytes, RFC 9000 §17.2) held by value, usable as a dictionary key.</summary>
public readonly struct QuicCid : IEquatable<QuicCid>
{
    public const int MaxLength = 20;

    private readonly UInt128 _head;
    private readonly uint _tail;
    public readonly byte Length;

    public QuicCid(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxLength) bytes = bytes[..MaxLength];
        Span<byte> buffer = stackalloc byte[MaxLength];
        buffer.Clear();
        bytes.CopyTo(buffer);
        _head = BinaryPrimitives.ReadUInt128BigEndian(buffer);
        _tail = BinaryPrimitives.ReadUInt32BigEndian(buffer[16..]);
        Length = (byte)bytes.Length;
    }

    public void CopyTo(Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        BinaryPrimitives.WriteUInt128BigEndian(buffer, _head);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[16..], _tail);
        buffer[..Length].CopyTo(destination);
    }

    /// <summary>quic_cids_has_match: the raw bytes (which may run on past the ID) start with this ID; an empty ID matches anything.</summary>
    public bool IsPrefixOf(ReadOnlySpan<byte> raw)
    {
        if (raw.Length < Length) return false;
        return Equals(new QuicCid(raw[..Length]));
    }

    public QuicCid Truncate(int length)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        CopyTo(buffer);
        return new QuicCid(buffer[..Math.Min(length, Length)]);
    }

    public string ToHex()
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        CopyTo(buffer);
        return Convert.ToHexStringLower(buffer[..Length]);
    }

    public bool Equals(QuicCid other) => Length == other.Length && _head == other._head && _tail == other._tail;
    public override bool Equals(object? obj) => obj is QuicCid other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(_head, _tail, Length);
    public override string ToString() => ToHex();
}
