using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Link;

[FieldTable]
public static class EthernetFields
{
    public static readonly FieldDef Eth = FieldDef.Protocol("eth", "Ethernet II");
    public static readonly FieldDef Dst = new("eth.dst", "Destination", FieldType.Ether);
    public static readonly FieldDef Src = new("eth.src", "Source", FieldType.Ether);
    public static readonly FieldDef Addr = new("eth.addr", "Address", FieldType.Ether);
    public static readonly FieldDef DstResolved = new("eth.dst_resolved", "Destination (resolved)", FieldType.String);
    public static readonly FieldDef SrcResolved = new("eth.src_resolved", "Source (resolved)", FieldType.String);
    public static readonly FieldDef AddrResolved = new("eth.addr_resolved", "Address (resolved)", FieldType.String);
    public static readonly FieldDef DstOui = new("eth.dst.oui", "Destination OUI", FieldType.UInt24, FieldBase.Dec);
    public static readonly FieldDef SrcOui = new("eth.src.oui", "Source OUI", FieldType.UInt24, FieldBase.Dec);
    public static readonly FieldDef AddrOui = new("eth.addr.oui", "Address OUI", FieldType.UInt24, FieldBase.Dec);
    public static readonly FieldDef DstLg = new("eth.dst.lg", "LG bit", FieldType.Boolean, bitmask: 0x020000, bitWidth: 24, trueFalse: LgBit);
    public static readonly FieldDef DstIg = new("eth.dst.ig", "IG bit", FieldType.Boolean, bitmask: 0x010000, bitWidth: 24, trueFalse: IgBit);
    public static readonly FieldDef SrcLg = new("eth.src.lg", "LG bit", FieldType.Boolean, bitmask: 0x020000, bitWidth: 24, trueFalse: LgBit);
    public static readonly FieldDef SrcIg = new("eth.src.ig", "IG bit", FieldType.Boolean, bitmask: 0x010000, bitWidth: 24, trueFalse: IgBit);
    public static readonly FieldDef Lg = new("eth.lg", "LG bit", FieldType.Boolean, bitmask: 0x020000, bitWidth: 24, trueFalse: LgBit);
    public static readonly FieldDef Ig = new("eth.ig", "IG bit", FieldType.Boolean, bitmask: 0x010000, bitWidth: 24, trueFalse: IgBit);
    public static readonly FieldDef Type = new("eth.type", "Type", FieldType.UInt16, FieldBase.Hex, strings: EtherTypes.Names);
    public static readonly FieldDef Len = new("eth.len", "Length", FieldType.UInt16);
    public static readonly FieldDef Padding = new("eth.padding", "Padding", FieldType.Bytes);
    public static readonly FieldDef Trailer = new("eth.trailer", "Trailer", FieldType.Bytes);

    private static TrueFalse LgBit => new("Locally administered address (this is NOT the factory default)", "Globally unique address (factory default)");
    private static TrueFalse IgBit => new("Group address (multicast/broadcast)", "Individual address (unicast)");
}

public static class EtherTypes
{
    public const ushort IPv4 = 0x0800, Arp = 0x0806, Vlan = 0x8100, QinQ = 0x88a8, QinQOld = 0x9100, IPv6 = 0x86dd,
        TransparentEthernet = 0x6558, Mpls = 0x8847, MplsMulticast = 0x8848, Lldp = 0x88cc, PppoeSession = 0x8864, Rarp = 0x8035;

    public static readonly ValueStrings Names = new(
        (IPv4, "IPv4"), (Arp, "ARP"), (Vlan, "802.1Q Virtual LAN"), (QinQ, "802.1ad Provider Bridge (Q-in-Q)"),
        (QinQOld, "QinQ: old non-standard 802.1ad"), (IPv6, "IPv6"), (TransparentEthernet, "Transparent Ethernet bridging"),
        (Mpls, "MPLS label switched packet"), (MplsMulticast, "MPLS multicast label switched packet"), (0xd28b, "Arista Timestamp"), (0x894f, "Network Service Header"), (Lldp, "802.1 Link Layer Discovery Protocol (LLDP)"),
        (PppoeSession, "PPPoE Session"), (Rarp, "RARP"), (0x8863, "PPPoE Discovery"), (0x88e5, "802.1AE (MACsec)"),
        (0x8137, "Netware IPX/SPX"), (0x9000, "Configuration Test Protocol (loopback)"), (0x888e, "802.1X Authentication"));
}
