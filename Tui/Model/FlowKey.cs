using Sniffer.Dissectors.Core;

namespace Sniffer.Tui.Model;

/// <summary>
/// A conversation's identity regardless of direction: the lower endpoint first. IPv4 addresses are
/// held as IPv4-mapped values so one key type serves both versions. The addresses come first: UInt128
/// is 16-byte aligned, and a byte before them would pad the key (and every table entry) to 64 bytes.
/// </summary>
public readonly record struct FlowKey(UInt128 AddressA, UInt128 AddressB, ushort PortA, ushort PortB, byte Protocol, bool IsIPv6)
{
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
