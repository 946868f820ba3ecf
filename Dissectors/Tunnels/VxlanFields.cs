using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Tunnels;

[FieldTable]
public static class VxlanFields
{
    public static readonly FieldDef Vxlan = FieldDef.Protocol("vxlan", "Virtual eXtensible Local Area Network");
    public static readonly FieldDef Flags = new("vxlan.flags", "Flags", FieldType.UInt16, FieldBase.Hex);
    public static readonly FieldDef FlagG = new("vxlan.flag_g", "GBP Extension", FieldType.Boolean, bitmask: 0x8000, bitWidth: 16, trueFalse: new("Defined", "Not defined"));
    public static readonly FieldDef FlagI = new("vxlan.flag_i", "VXLAN Network ID (VNI)", FieldType.Boolean, bitmask: 0x0800, bitWidth: 16, trueFalse: new("True", "False"));
    public static readonly FieldDef FlagD = new("vxlan.flag_d", "Don't Learn", FieldType.Boolean, bitmask: 0x0040, bitWidth: 16, trueFalse: new("True", "False"));
    public static readonly FieldDef FlagA = new("vxlan.flag_a", "Policy Applied", FieldType.Boolean, bitmask: 0x0008, bitWidth: 16, trueFalse: new("True", "False"));
    public static readonly FieldDef FlagsReserved = new("vxlan.flags_reserved", "Reserved(R)", FieldType.UInt16, FieldBase.Hex, bitmask: 0x77b7);
    public static readonly FieldDef Gbp = new("vxlan.gbp", "Group Policy ID", FieldType.UInt16);
    public static readonly FieldDef Vni = new("vxlan.vni", "VXLAN Network Identifier (VNI)", FieldType.UInt24);
    public static readonly FieldDef Reserved8 = new("vxlan.reserved8", "Reserved", FieldType.UInt8);
}
