using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Link;

namespace Sniffer.Dissectors.Tunnels;

[FieldTable]
public static class CiscoMetaDataFields
{
    public static readonly FieldDef Cmd = FieldDef.Protocol("cmd", "Cisco MetaData");
    public static readonly FieldDef Version = new("cmd.version", "Version", FieldType.UInt8);
    public static readonly FieldDef Length = new("cmd.length", "Length", FieldType.UInt8);
    public static readonly FieldDef Options = new("cmd.options", "Options", FieldType.UInt16, FieldBase.Hex);
    public static readonly FieldDef Sgt = new("cmd.sgt", "SGT", FieldType.UInt16);
    public static readonly FieldDef Type = new("cmd.type", "Type", FieldType.UInt16, FieldBase.Hex, strings: EtherTypes.Names);
}
