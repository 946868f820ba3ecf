using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Mpls;

[FieldTable]
public static class MplsFields
{
    public static readonly FieldDef Mpls = FieldDef.Protocol("mpls", "MultiProtocol Label Switching Header");
    public static readonly FieldDef Label = new("mpls.label", "MPLS Label", FieldType.UInt32, FieldBase.DecHex, bitmask: 0xFFFFF000, strings: SpecialLabels);
    public static readonly FieldDef Exp = new("mpls.exp", "MPLS Experimental Bits", FieldType.UInt32, FieldBase.Dec, bitmask: 0x00000E00);
    public static readonly FieldDef Bottom = new("mpls.bottom", "MPLS Bottom Of Label Stack", FieldType.UInt32, FieldBase.Dec, bitmask: 0x00000100);
    public static readonly FieldDef Ttl = new("mpls.ttl", "MPLS TTL", FieldType.UInt32, FieldBase.Dec, bitmask: 0x000000FF);

    public static ValueStrings SpecialLabels => s_special ??= new(
        (0, "IPv4 Explicit-Null"), (1, "Router Alert"), (2, "IPv6 Explicit-Null"), (3, "Implicit-Null"),
        (7, "Entropy Label Indicator"), (13, "Generic Associated Channel Label (GAL)"), (14, "OAM Alert"), (15, "Extension"));

    private static ValueStrings? s_special;
}
