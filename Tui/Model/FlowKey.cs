using Sniffer.Dissectors.Core;

namespace Sniffer.Tui.Model;

/// <summary>
/// A conversation's identity regardless of direction: the lower endpoint first. IPv4 addresses are
/// held as IPv4-mapped values so one key type serves both versions. The addresses are kept as 64-bit
/// halves (see <see cref="PackedUInt128"/>): the key packs to 40 bytes, and every conversation holds one.
/// </summary>
public readonly record struct FlowKey
{
    private readonly PackedUInt128 _addressA, _addressB;

    public FlowKey(UInt128 addressA, UInt128 addressB, ushort portA, ushort portB, byte protocol, bool isIPv6)
    {
        _addressA = new(addressA);
        _addressB = new(addressB);
        PortA = portA;
        PortB = portB;
        Protocol = protocol;
        IsIPv6 = isIPv6;
    }

    public UInt128 AddressA => _addressA.Value;
    public UInt128 AddressB => _addressB.Value;
    public ushort PortA { get; }
    public ushort PortB { get; }
    public byte Protocol { get; }
    public bool IsIPv6 { get; }

    /// <summary>Builds the key and tells whether the packet travels from A to B.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> frame, in LayerInfo layers, in TransportPeek transport, out FlowKey key, out bool fromA)
    {
        key = default;
        fromA = true;
        int length = layers.AddressKind switch { AddressKind.IPv4 => 4, AddressKind.IPv6 => 16, _ => 0 };
        if (length == 0 || transport.IpProtocol == 0) return false;
        if (layers.SrcAddressOffset < 0 || layers.DstAddressOffset < 0 ||
            layers.SrcAddressOffset + length > frame.Length || layers.DstAddressOffset + length > frame.Length) return false;
        UInt128 src = Address(frame.Slice(layers.SrcAddressOffset, length));
        UInt128 dst = Address(frame.Slice(layers.DstAddressOffset, length));
        fromA = src < dst || (src == dst && transport.SrcPort <= transport.DstPort);
        key = fromA
            ? new FlowKey(src, dst, transport.SrcPort, transport.DstPort, transport.IpProtocol, length == 16)
            : new FlowKey(dst, src, transport.DstPort, transport.SrcPort, transport.IpProtocol, length == 16);
        return true;
    }

    private static UInt128 Address(ReadOnlySpan<byte> bytes)
    {
        UInt128 value = 0;
        foreach (byte b in bytes) value = (value << 8) | b;
        return value;
    }

    public string FormatAddress(UInt128 address)
    {
        if (!IsIPv6) return $"{(byte)(address >> 24)}.{(byte)(address >> 16)}.{(byte)(address >> 8)}.{(byte)address}";
        Span<byte> bytes = stackalloc byte[16];
        for (int i = 0; i < 16; i++) bytes[i] = (byte)(address >> (8 * (15 - i)));
        return new System.Net.IPAddress(bytes).ToString();
    }

    public string ProtocolName => Protocol switch { TransportPeek.Tcp => "TCP", TransportPeek.Udp => "UDP", _ => $"IP proto {Protocol}" };
}
