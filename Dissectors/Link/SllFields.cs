using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Link;

/// <summary>Linux cooked capture v1 and v2 share Wireshark's "sll" field names.</summary>
[FieldTable]
public static class SllFields
{
    public static readonly FieldDef Sll = FieldDef.Protocol("sll", "Linux cooked capture");
    public static readonly FieldDef PktType = new("sll.pkttype", "Packet type", FieldType.UInt16, FieldBase.Dec, strings: PacketTypes);
    public static readonly FieldDef HaType = new("sll.hatype", "Link-layer address type", FieldType.UInt16, FieldBase.Dec, strings: HardwareTypes);
    public static readonly FieldDef HaLen = new("sll.halen", "Link-layer address length", FieldType.UInt16);
    public static readonly FieldDef SrcEth = new("sll.src.eth", "Source", FieldType.Ether);
    public static readonly FieldDef SrcIpv4 = new("sll.src.ipv4", "Source", FieldType.IPv4);
    public static readonly FieldDef SrcOther = new("sll.src.other", "Source", FieldType.Bytes);
    public static readonly FieldDef Unused = new("sll.unused", "Unused", FieldType.Bytes);
    public static readonly FieldDef LType = new("sll.ltype", "Protocol", FieldType.UInt16, FieldBase.Hex, strings: LinuxProtocols);
    public static readonly FieldDef GreType = new("sll.gretype", "Protocol", FieldType.UInt16, FieldBase.Hex, strings: EtherTypes.Names);
    public static readonly FieldDef EtherType = new("sll.etype", "Protocol", FieldType.UInt16, FieldBase.Hex, strings: EtherTypes.Names);
    public static readonly FieldDef Trailer = new("sll.trailer", "Trailer", FieldType.Bytes);
    public static readonly FieldDef Reserved = new("sll.reserved", "Reserved", FieldType.UInt16, FieldBase.Hex);
    public static readonly FieldDef IfIndex = new("sll.ifindex", "Interface index", FieldType.UInt32);

    public const ushort ProtoLlc = 0x0004;

    public static ValueStrings PacketTypes => s_packetTypes ??= new(
        (0, "Unicast to us"), (1, "Broadcast"), (2, "Multicast"), (3, "Unicast to another host"), (4, "Sent by us"));

    public static ValueStrings LinuxProtocols => s_linuxProtocols ??= new(
        (0x1, "Raw 802.3"), (0x3, "Ethernet"), (0x4, "802.2 LLC"), (0x7, "PPP (HDLC)"), (0xc, "CAN"), (0xd, "CAN FD"),
        (0x17, "IrDA LAP"), (0xf5, "ISI"), (0xf6, "IEEE 802.15.4"));

    /// <summary>Linux ARPHRD_* values.</summary>
    public static ValueStrings HardwareTypes => s_hardwareTypes ??= new(
        (0, "NET/ROM pseudo"), (1, "Ethernet"), (2, "Experimental Ethernet"), (3, "AX.25"), (4, "ProNET"), (5, "Chaos"), (6, "IEEE 802"), (7, "ARCNET"), (8, "Hyperchannel"), (9, "Lanstar"), (10, "Autonet Short Address"), (11, "Localtalk"), (12, "LocalNet"), (13, "Ultra link"), (14, "SMDS"), (15, "Frame Relay DLCI"), (16, "ATM"), (17, "HDLC"), (18, "Fibre Channel"), (19, "ATM (RFC 2225)"), (20, "Serial Line"), (21, "ATM"), (22, "MIL-STD-188-220"), (23, "Metricom STRIP"), (24, "IEEE 1394.1995"), (25, "MAPOS"), (26, "Twinaxial"), (27, "EUI-64"), (28, "HIPARP"), (29, "IP and ARP over ISO 7816-3"), (30, "ARPSec"), (31, "IPsec tunnel"), (32, "InfiniBand"), (33, "TIA-102 Project 25 CAI"), (34, "Wiegand Interface"), (35, "Pure IP"), (36, "Experimental 1"), (37, "HFI"), (256, "Experimental 2"), (257, "AEthernet"), (260, "Notional KISS type"), (264, "ADAPT"), (270, "ROSE"), (271, "CCITT X.25"), (272, "Boards with X.25 in firmware"), (280, "Controller Area Network"), (512, "PPP"), (513, "Cisco HDLC"), (516, "LAPB"), (517, "Digital's DDCMP protocol"), (518, "Raw HDLC"), (519, "Raw IP"), (768, "IPIP tunnel"), (769, "IP6IP6 tunnel"), (770, "Frame Relay Access Device"), (771, "SKIP vif"), (772, "Loopback"), (774, "Fiber Distributed Data Interface"), (775, "AP1000 BIF"), (776, "sit0 device - IPv6-in-IPv4"), (777, "IP over DDP tunneller"), (778, "GRE over IP"), (779, "PIMSM register interface"), (780, "High Performance Parallel Interface"), (781, "Nexus 64Mbps Ash"), (782, "Acorn Econet"), (783, "Linux-IrDA"), (784, "Point to point fibrechannel"), (785, "Fibrechannel arbitrated loop"), (786, "Fibrechannel public loop"), (787, "Fibrechannel fabric"), (800, "Magic type ident for TR"), (801, "IEEE 802.11"), (802, "IEEE 802.11 + Prism2 header"), (803, "IEEE 802.11 + radiotap header"), (804, "IEEE 802.15.4"), (805, "IEEE 802.15.4 network monitor"), (820, "PhoNet media type"), (821, "PhoNet pipe header"), (822, "CAIF media type"), (823, "GRE over IPv6"), (824, "Netlink"), (825, "IPv6 over LoWPAN"), (826, "Vsock monitor header"), (65535, "Void type, nothing is known"), (65534, "zero header length"));

    private static ValueStrings? s_packetTypes, s_linuxProtocols, s_hardwareTypes;
}
