using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Link;

[FieldTable]
public static class VlanFields
{
    public static readonly FieldDef Vlan = FieldDef.Protocol("vlan", "802.1Q Virtual LAN");
    public static readonly FieldDef Priority = new("vlan.priority", "Priority", FieldType.UInt16, FieldBase.Dec, bitmask: 0xE000, strings: PriorityNames);
    public static readonly FieldDef Dei = new("vlan.dei", "DEI", FieldType.Boolean, bitmask: 0x1000, bitWidth: 16, trueFalse: new("Eligible", "Ineligible"));
    public static readonly FieldDef Id = new("vlan.id", "ID", FieldType.UInt16, bitmask: 0x0FFF);
    public static readonly FieldDef EtherType = new("vlan.etype", "Type", FieldType.UInt16, FieldBase.Hex, strings: EtherTypes.Names);
    public static readonly FieldDef Len = new("vlan.len", "Length", FieldType.UInt16);
    public static readonly FieldDef Trailer = new("vlan.trailer", "Trailer", FieldType.Bytes);

    // 802.1ad service tags (S-TAG), which Wireshark files under its own protocol.
    public static readonly FieldDef Ieee8021ad = FieldDef.Protocol("ieee8021ad", "IEEE 802.1ad");
    public static readonly FieldDef AdPriority = new("ieee8021ad.priority", "Priority", FieldType.UInt16, bitmask: 0xE000);
    public static readonly FieldDef AdDei = new("ieee8021ad.cfi", "DEI", FieldType.UInt16, bitmask: 0x1000);
    public static readonly FieldDef AdId = new("ieee8021ad.id", "ID", FieldType.UInt16, bitmask: 0x0FFF);
    public static readonly FieldDef AdEtherType = new("ieee8021ad.type", "Type", FieldType.UInt16, FieldBase.Hex, strings: EtherTypes.Names);
    public static readonly FieldDef AdTrailer = new("ieee8021ad.trailer", "Trailer", FieldType.Bytes);

    public static ValueStrings PriorityNames => s_priority ??= new(
        (0, "Best Effort (default)"), (1, "Background"), (2, "Excellent Effort"), (3, "Critical Applications"),
        (4, "Video, < 100ms latency and jitter"), (5, "Voice, < 10ms latency and jitter"), (6, "Internetwork Control"), (7, "Network Control"));

    private static ValueStrings? s_priority;
}
