using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Link;

namespace Sniffer.Dissectors.Tunnels;

[FieldTable]
public static class GeneveFields
{
    public static readonly FieldDef Geneve = FieldDef.Protocol("geneve", "Generic Network Virtualization Encapsulation");
    public static readonly FieldDef Version = new("geneve.version", "Version", FieldType.UInt8);
    public static readonly FieldDef Flags = new("geneve.flags", "Flags", FieldType.UInt8, FieldBase.Hex);
    public static readonly FieldDef FlagOam = new("geneve.flags.oam", "Operations, Administration and Management Frame", FieldType.Boolean,
        bitmask: 0x80, bitWidth: 8, trueFalse: TrueFalse.TrueFalseText);
    public static readonly FieldDef FlagCritical = new("geneve.flags.critical", "Critical Options Present", FieldType.Boolean,
        bitmask: 0x40, bitWidth: 8, trueFalse: TrueFalse.TrueFalseText);
    public static readonly FieldDef FlagsReserved = new("geneve.flags.reserved", "Reserved", FieldType.Boolean,
        bitmask: 0x3F, bitWidth: 8, trueFalse: TrueFalse.TrueFalseText);
    public static readonly FieldDef ProtoType = new("geneve.proto_type", "Protocol Type", FieldType.UInt16, FieldBase.Hex, strings: EtherTypes.Names);
    public static readonly FieldDef Vni = new("geneve.vni", "Virtual Network Identifier (VNI)", FieldType.UInt24, FieldBase.HexDec);
    public static readonly FieldDef Reserved = new("geneve.reserved", "Reserved", FieldType.UInt8, FieldBase.Hex);
    public static readonly FieldDef Options = new("geneve.options", "Geneve Options", FieldType.Bytes);
    public static readonly FieldDef Option = new("geneve.option", "Option", FieldType.Bytes);
    public static readonly FieldDef OptionClass = new("geneve.option.class", "Class", FieldType.UInt16, FieldBase.Hex, strings: OptionClasses);
    public static readonly FieldDef OptionType = new("geneve.option.type", "Type", FieldType.UInt8, FieldBase.Hex);
    public static readonly FieldDef OptionTypeCritical = new("geneve.option.type.critical", "Critical Option", FieldType.Boolean, bitmask: 0x80, bitWidth: 8);
    public static readonly FieldDef OptionFlags = new("geneve.option.flags", "Flags", FieldType.UInt8, FieldBase.Hex);
    public static readonly FieldDef OptionFlagsReserved = new("geneve.option.flags.reserved", "Reserved", FieldType.Boolean, bitmask: 0xE0, bitWidth: 8);
    public static readonly FieldDef OptionLength = new("geneve.option.length", "Length", FieldType.UInt8, unit: " bytes");
    public static readonly FieldDef OptionUnknownData = new("geneve.option.unknown.data", "Unknown Option Data", FieldType.Bytes);

    public static ValueStrings OptionClasses => s_classes ??= new(
        (0x0000, "Standard"), (0x0001, "Linux"), (0x0002, "Open vSwitch"), (0x0003, "Open Virtual Networking (OVN)"),
        (0x0004, "In-band Network Telemetry (INT)"), (0x0005, "VMware, Inc."), (0x0006, "Amazon.com, Inc."), (0x0007, "Cisco Systems, Inc."),
        (0x0008, "Oracle Corporation"), (0x0132, "Google LLC"), (0xFFFF, "Experimental"));

    private static ValueStrings? s_classes;
}

[FieldTable]
public static class GeneveExperts
{
    public static readonly Expert.ExpertDef UnknownVersion = new("geneve.version.unknown", Expert.ExpertGroup.Protocol, Expert.ExpertSeverity.Error, "Unknown version");
    public static readonly Expert.ExpertDef OptionLengthInvalid = new("geneve.option.length.invalid", Expert.ExpertGroup.Malformed, Expert.ExpertSeverity.Error, "Invalid length for option");
}
