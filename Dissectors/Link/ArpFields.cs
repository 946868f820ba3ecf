using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Link;

[FieldTable]
public static class ArpFields
{
    public static readonly FieldDef Arp = FieldDef.Protocol("arp", "Address Resolution Protocol");
    public static readonly FieldDef HwType = new("arp.hw.type", "Hardware type", FieldType.UInt16, FieldBase.Dec, strings: HardwareTypes);
    public static readonly FieldDef ProtoType = new("arp.proto.type", "Protocol type", FieldType.UInt16, FieldBase.Hex, strings: EtherTypes.Names);
    public static readonly FieldDef HwSize = new("arp.hw.size", "Hardware size", FieldType.UInt8);
    public static readonly FieldDef ProtoSize = new("arp.proto.size", "Protocol size", FieldType.UInt8);
    public static readonly FieldDef Opcode = new("arp.opcode", "Opcode", FieldType.UInt16, FieldBase.Dec, strings: Opcodes);
    public static readonly FieldDef IsGratuitous = new("arp.isgratuitous", "Is gratuitous", FieldType.Boolean, trueFalse: TrueFalse.TrueFalseText);
    public static readonly FieldDef IsProbe = new("arp.isprobe", "Is probe", FieldType.Boolean, trueFalse: TrueFalse.TrueFalseText);
    public static readonly FieldDef IsAnnouncement = new("arp.isannouncement", "Is announcement", FieldType.Boolean, trueFalse: TrueFalse.TrueFalseText);
    public static readonly FieldDef SrcHwMac = new("arp.src.hw_mac", "Sender MAC address", FieldType.Ether);
    public static readonly FieldDef SrcHw = new("arp.src.hw", "Sender hardware address", FieldType.Bytes);
    public static readonly FieldDef SrcProtoIpv4 = new("arp.src.proto_ipv4", "Sender IP address", FieldType.IPv4);
    public static readonly FieldDef SrcProto = new("arp.src.proto", "Sender protocol address", FieldType.Bytes);
    public static readonly FieldDef DstHwMac = new("arp.dst.hw_mac", "Target MAC address", FieldType.Ether);
    public static readonly FieldDef DstHw = new("arp.dst.hw", "Target hardware address", FieldType.Bytes);
    public static readonly FieldDef DstProtoIpv4 = new("arp.dst.proto_ipv4", "Target IP address", FieldType.IPv4);
    public static readonly FieldDef DstProto = new("arp.dst.proto", "Target protocol address", FieldType.Bytes);

    public const ushort Request = 1, Reply = 2, ReverseRequest = 3, ReverseReply = 4, InverseRequest = 8, InverseReply = 9;

    public static ValueStrings Opcodes => s_opcodes ??= new(
        (0, "reserved"), (Request, "request"), (Reply, "reply"), (ReverseRequest, "reverse request"), (ReverseReply, "reverse reply"),
        (5, "drarp request"), (6, "drarp reply"), (7, "drarp error"), (InverseRequest, "inverse request"), (InverseReply, "inverse reply"),
        (10, "arp nak"), (11, "MARS request"), (12, "MARS multi"), (13, "MARS mserv"), (14, "MARS join"), (15, "MARS leave"),
        (16, "MARS nak"), (17, "MARS unserv"), (18, "MARS sjoin"), (19, "MARS sleave"), (20, "MARS grouplist request"),
        (21, "MARS grouplist reply"), (22, "MARS redirect map"), (23, "MAPOS UNARP"), (24, "experimental 1"), (25, "experimental 2"),
        (65535, "reserved"));

    public static ValueStrings HardwareTypes => s_hardware ??= new(
        (0, "Reserved"), (1, "Ethernet"), (2, "Experimental Ethernet"), (3, "AX.25"), (4, "ProNET"), (5, "Chaos"), (6, "IEEE 802"),
        (7, "ARCNET"), (8, "Hyperchannel"), (9, "Lanstar"), (10, "Autonet"), (11, "Localtalk"), (12, "LocalNet"), (13, "Ultra link"),
        (14, "SMDS"), (15, "Frame Relay"), (16, "ATM"), (17, "HDLC"), (18, "Fibre Channel"), (19, "ATM"), (20, "Serial Line"),
        (21, "ATM"), (22, "MIL-STD-188-220"), (23, "Metricom"), (24, "IEEE 1394.1995"), (25, "MAPOS"), (26, "Twinaxial"),
        (27, "EUI-64"), (28, "HIPARP"), (29, "IP and ARP over ISO 7816-3"), (30, "ARPSec"), (31, "IPsec tunnel"),
        (32, "Infiniband"), (33, "TIA-102 Project 25 Common Air Interface"), (34, "Wiegand Interface"), (35, "Pure IP"),
        (36, "HW_EXP1"), (37, "HFI"), (256, "HW_EXP2"), (257, "AEthernet"), (65535, "Reserved"));

    private static ValueStrings? s_opcodes, s_hardware;
}
