using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Link;

[FieldTable]
public static class NullFields
{
    public static readonly FieldDef Null = FieldDef.Protocol("null", "Null/Loopback");
    public static readonly FieldDef Family = new("null.family", "Family", FieldType.UInt32, FieldBase.Dec, strings: Families);
    public static readonly FieldDef Type = new("null.type", "Type", FieldType.UInt16, FieldBase.Hex, strings: EtherTypes.Names);

    public const uint AfInet = 2, AfIso = 7, AfIpx = 23, AfInet6Bsd = 24, AfInet6FreeBsd = 28, AfInet6Darwin = 30;

    public static ValueStrings Families => s_families ??= new(
        (AfInet, "IP"), (AfIso, "OSI"), (16, "Appletalk"), (AfIpx, "Netware IPX/SPX"), (AfInet6Bsd, "IPv6"),
        (AfInet6FreeBsd, "IPv6"), (AfInet6Darwin, "IPv6"));

    private static ValueStrings? s_families;
}
