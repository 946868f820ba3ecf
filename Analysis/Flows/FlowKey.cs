using System.Buffers.Binary;
using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Flows;

/// <summary>
/// A symmetric transport 4-tuple: both directions of a conversation give the same key (gopacket's
/// flows.go). The endpoints are stored in a canonical order (lower address, then lower port, first);
/// <see cref="Create"/> reports whether the packet's source is that first endpoint. No allocation.
/// </summary>
public readonly struct FlowKey : IEquatable<FlowKey>
{
    // Halves, not UInt128: a key of every TCP stream and UDP flow (see PackedUInt128).
    private readonly PackedUInt128 _addressA, _addressB;
    public UInt128 AddressA => _addressA.Value;
    public UInt128 AddressB => _addressB.Value;
    public readonly ushort PortA;
    public readonly ushort PortB;
    public readonly AddressKind Kind;

    private FlowKey(AddressKind kind, UInt128 a, ushort portA, UInt128 b, ushort portB)
    {
        Kind = kind; _addressA = new(a); PortA = portA; _addressB = new(b); PortB = portB;
    }

    /// <summary>Builds the key from the packet's addresses and ports; <paramref name="sourceIsA"/> tells the direction.</summary>
    public static FlowKey Create(AddressKind kind, UInt128 src, ushort srcPort, UInt128 dst, ushort dstPort, out bool sourceIsA)
    {
        int c = src.CompareTo(dst);
        sourceIsA = c < 0 || (c == 0 && srcPort <= dstPort);
        return sourceIsA ? new FlowKey(kind, src, srcPort, dst, dstPort) : new FlowKey(kind, dst, dstPort, src, srcPort);
    }

    /// <summary>Reads an IPv4 (4 bytes) or IPv6 (16 bytes) address as a big-endian number, so numeric order is memcmp order.</summary>
    public static UInt128 ReadAddress(ReadOnlySpan<byte> frame, int offset, AddressKind kind) => kind switch
    {
        AddressKind.IPv4 => BinaryPrimitives.ReadUInt32BigEndian(frame.Slice(offset, 4)),
        AddressKind.IPv6 => BinaryPrimitives.ReadUInt128BigEndian(frame.Slice(offset, 16)),
        AddressKind.Ether => ((UInt128)BinaryPrimitives.ReadUInt32BigEndian(frame.Slice(offset, 4)) << 16) | BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(offset + 4, 2)),
        _ => UInt128.Zero,
    };

    /// <summary>The address in its usual text form (dotted IPv4, RFC 5952 IPv6).</summary>
    public static string FormatAddress(UInt128 address, AddressKind kind)
    {
        Span<byte> bytes = stackalloc byte[16];
        switch (kind)
        {
            case AddressKind.IPv4:
                BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)address);
                return $"{bytes[0]}.{bytes[1]}.{bytes[2]}.{bytes[3]}";
            case AddressKind.IPv6:
                BinaryPrimitives.WriteUInt128BigEndian(bytes, address);
                return new System.Net.IPAddress(bytes).ToString();
            case AddressKind.Ether:
                BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)address);
                return Convert.ToHexStringLower(bytes.Slice(2, 6)) is var h ? string.Join(':', Enumerable.Range(0, 6).Select(i => h.Substring(i * 2, 2))) : "";
            default:
                return "";
        }
    }

    public bool Equals(FlowKey other) =>
        _addressA == other._addressA && _addressB == other._addressB && PortA == other.PortA && PortB == other.PortB && Kind == other.Kind;

    public override bool Equals(object? obj) => obj is FlowKey k && Equals(k);

    public override int GetHashCode() => HashCode.Combine(_addressA, _addressB, PortA, PortB, (byte)Kind);

    public static bool operator ==(FlowKey a, FlowKey b) => a.Equals(b);
    public static bool operator !=(FlowKey a, FlowKey b) => !a.Equals(b);

    public override string ToString() => $"{FormatAddress(AddressA, Kind)}:{PortA} <-> {FormatAddress(AddressB, Kind)}:{PortB}";
}
