using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Tunnels;

[FieldTable]
public static class NshFields
{
    public static readonly FieldDef Nsh = FieldDef.Protocol("nsh", "Network Service Header");
    public static readonly FieldDef Version = new("nsh.version", "Version", FieldType.UInt16, FieldBase.DecHex, bitmask: 0xC000);
    public static readonly FieldDef OBit = new("nsh.Obit", "O Bit", FieldType.UInt8, FieldBase.Dec, bitmask: 0x20);
    public static readonly FieldDef CBit = new("nsh.CBit", "C Bit", FieldType.UInt8, FieldBase.Dec, bitmask: 0x10);
    public static readonly FieldDef Ttl = new("nsh.ttl", "Time to live", FieldType.UInt16, FieldBase.Hex, bitmask: 0x0FC0);
    public static readonly FieldDef Length = new("nsh.length", "Length", FieldType.UInt8, FieldBase.DecHex, bitmask: 0x3F);
    public static readonly FieldDef MdType = new("nsh.mdtype", "MD Type", FieldType.UInt8, FieldBase.DecHex);
    public static readonly FieldDef NextProto = new("nsh.nextproto", "Next Protocol", FieldType.UInt8, FieldBase.Dec, strings: new ValueStrings(
        (1, "IPv4"), (2, "IPv6"), (3, "Ethernet"), (4, "NSH"), (5, "MPLS"), (0xFE, "Experiment 1"), (0xFF, "Experiment 2")));
    public static readonly FieldDef Spi = new("nsh.spi", "SPI", FieldType.UInt24, FieldBase.DecHex);
    public static readonly FieldDef Si = new("nsh.si", "SI", FieldType.UInt8, FieldBase.DecHex);
    public static readonly FieldDef ContextHeader = new("nsh.context_header", "Context Header", FieldType.Bytes);
}
