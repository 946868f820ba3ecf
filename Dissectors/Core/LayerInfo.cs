namespace Sniffer.Dissectors.Core;

public enum AddressKind : byte { None, Ether, IPv4, IPv6 }

public enum TransportKind : byte { None, Tcp, Udp, Icmp, Icmpv6, Other }

/// <summary>
/// What the fast path learned about a packet's layers, as offsets into the frame: enough for the
/// summary columns, conversations and TCP analysis without building a tree (gopacket's DecodingLayerParser).
/// </summary>
public struct LayerInfo
{
    /// <summary>Source/Destination columns: the innermost network addresses (or Ethernet when there is no IP).</summary>
    public AddressKind AddressKind;
    public int SrcAddressOffset;
    public int DstAddressOffset;

    /// <summary>Innermost IP header (the one carrying the transport below), -1 if none.</summary>
    public int IpOffset;
    public byte IpVersion;
    public byte IpProtocol;

    public TransportKind Transport;
    public int TransportOffset;
    public ushort SrcPort;
    public ushort DstPort;

    /// <summary>Transport payload (TCP/UDP data) in the frame.</summary>
    public int PayloadOffset;
    public int PayloadLength;

    public static LayerInfo Empty => new() { IpOffset = -1, TransportOffset = -1, PayloadOffset = -1 };

    public readonly int AddressLength => AddressKind switch { AddressKind.Ether => 6, AddressKind.IPv4 => 4, AddressKind.IPv6 => 16, _ => 0 };
}
