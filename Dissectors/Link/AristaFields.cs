using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Link;

[FieldTable]
public static class AristaFields
{
    public static readonly FieldDef Avsp = FieldDef.Protocol("avsp", "Arista Vendor Specific Protocol");
    public static readonly FieldDef SubType = new("avsp.sub_type", "Sub Type", FieldType.UInt16, FieldBase.Dec, strings: new ValueStrings((1, "timestamp")));
    public static readonly FieldDef Version = new("avsp.ver", "Version", FieldType.UInt16, FieldBase.Hex, strings: new ValueStrings(
        (0x0010, "Version 1"), (0x0020, "Version 2"), (0x0110, "Version 11"), (0x0120, "Version 12")));
    public static readonly FieldDef Timestamp64 = new("avsp.64ts", "Timestamp (TAI)", FieldType.None);
    public static readonly FieldDef Seconds64 = new("avsp.64sec", "Seconds", FieldType.UInt32);
    public static readonly FieldDef Nanoseconds64 = new("avsp.64ns", "Nanoseconds", FieldType.UInt32);
    public static readonly FieldDef Timestamp48 = new("avsp.48ts", "Timestamp (TAI)", FieldType.None);
    public static readonly FieldDef Seconds48 = new("avsp.48sec", "Seconds", FieldType.UInt16);
    public static readonly FieldDef Nanoseconds48 = new("avsp.48ns", "Nanoseconds", FieldType.UInt32);
    public static readonly FieldDef EtherType = new("avsp.etype", "Type", FieldType.UInt16, FieldBase.Hex, strings: EtherTypes.Names);
    public static readonly ExpertDef UnknownVersion = new("avsp.ts.unknown_version", ExpertGroup.Sequence, ExpertSeverity.Warning, "Unknown timestamp version");
}
