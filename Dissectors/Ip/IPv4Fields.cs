using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Ip;

[FieldTable]
public static class IPv4Fields
{
    public static readonly FieldDef Ip = FieldDef.Protocol("ip", "Internet Protocol Version 4");
    public static readonly FieldDef Version = new("ip.version", "Version", FieldType.UInt8, bitmask: 0xF0);
    public static readonly FieldDef HdrLen = new("ip.hdr_len", "Header Length", FieldType.UInt8);
    public static readonly FieldDef DsField = new("ip.dsfield", "Differentiated Services Field", FieldType.UInt8, FieldBase.Hex);
    public static readonly FieldDef Dscp = new("ip.dsfield.dscp", "Differentiated Services Codepoint", FieldType.UInt8, FieldBase.Dec, bitmask: 0xFC, strings: DscpNames);
    public static readonly FieldDef Ecn = new("ip.dsfield.ecn", "Explicit Congestion Notification", FieldType.UInt8, FieldBase.Dec, bitmask: 0x03, strings: EcnNames);
    public static readonly FieldDef Len = new("ip.len", "Total Length", FieldType.UInt16);
    public static readonly FieldDef Id = new("ip.id", "Identification", FieldType.UInt16, FieldBase.HexDec);
    public static readonly FieldDef Flags = new("ip.flags", "Flags", FieldType.UInt8, FieldBase.Hex, bitmask: 0xE0);
    public static readonly FieldDef FlagRb = new("ip.flags.rb", "Reserved bit", FieldType.Boolean, bitmask: 0x80, bitWidth: 8);
    public static readonly FieldDef FlagDf = new("ip.flags.df", "Don't fragment", FieldType.Boolean, bitmask: 0x40, bitWidth: 8);
    public static readonly FieldDef FlagMf = new("ip.flags.mf", "More fragments", FieldType.Boolean, bitmask: 0x20, bitWidth: 8);
    public static readonly FieldDef FragOffset = new("ip.frag_offset", "Fragment Offset", FieldType.UInt16, bitmask: 0x1FFF);
    public static readonly FieldDef Ttl = new("ip.ttl", "Time to Live", FieldType.UInt8);
    public static readonly FieldDef Proto = new("ip.proto", "Protocol", FieldType.UInt8, FieldBase.Dec, strings: IpProtocols.Names);
    public static readonly FieldDef Checksum = new("ip.checksum", "Header Checksum", FieldType.UInt16, FieldBase.Hex);
    public static readonly FieldDef ChecksumStatus = new("ip.checksum.status", "Header checksum status", FieldType.UInt8, strings: ChecksumStatusNames.Names);
    public static readonly FieldDef Src = new("ip.src", "Source Address", FieldType.IPv4);
    public static readonly FieldDef Dst = new("ip.dst", "Destination Address", FieldType.IPv4);
    public static readonly FieldDef Addr = new("ip.addr", "Source or Destination Address", FieldType.IPv4);
    public static readonly FieldDef SrcHost = new("ip.src_host", "Source Host", FieldType.String);
    public static readonly FieldDef DstHost = new("ip.dst_host", "Destination Host", FieldType.String);
    public static readonly FieldDef Host = new("ip.host", "Source or Destination Host", FieldType.String);
    public static readonly FieldDef Options = new("ip.options", "Options", FieldType.Bytes);

    public static ValueStrings DscpNames => s_dscp ??= new(
        (0, "Default"), (1, "Lower Effort"), (8, "Class Selector 1"), (10, "Assured Forwarding 11"), (12, "Assured Forwarding 12"),
        (14, "Assured Forwarding 13"), (16, "Class Selector 2"), (18, "Assured Forwarding 21"), (20, "Assured Forwarding 22"),
        (22, "Assured Forwarding 23"), (24, "Class Selector 3"), (26, "Assured Forwarding 31"), (28, "Assured Forwarding 32"),
        (30, "Assured Forwarding 33"), (32, "Class Selector 4"), (34, "Assured Forwarding 41"), (36, "Assured Forwarding 42"),
        (38, "Assured Forwarding 43"), (40, "Class Selector 5"), (44, "Voice Admit"), (46, "Expedited Forwarding"),
        (48, "Class Selector 6"), (56, "Class Selector 7"));

    public static ValueStrings DscpShortNames => s_dscpShort ??= new(
        (0, "CS0"), (1, "LE"), (8, "CS1"), (10, "AF11"), (12, "AF12"), (14, "AF13"), (16, "CS2"), (18, "AF21"), (20, "AF22"),
        (22, "AF23"), (24, "CS3"), (26, "AF31"), (28, "AF32"), (30, "AF33"), (32, "CS4"), (34, "AF41"), (36, "AF42"),
        (38, "AF43"), (40, "CS5"), (44, "VA"), (46, "EF"), (48, "CS6"), (56, "CS7"));

    public static ValueStrings EcnNames => s_ecn ??= new(
        (0, "Not ECN-Capable Transport"), (1, "ECN-Capable Transport codepoint '01'"),
        (2, "ECN-Capable Transport codepoint '10'"), (3, "Congestion Experienced"));

    public static ValueStrings EcnShortNames => s_ecnShort ??= new((0, "Not-ECT"), (1, "ECT(1)"), (2, "ECT(0)"), (3, "CE"));

    private static ValueStrings? s_dscp, s_dscpShort, s_ecn, s_ecnShort;
}

public static class ChecksumStatusNames
{
    public const byte Bad = 0, Good = 1, Unverified = 2;
    public static readonly ValueStrings Names = new((Bad, "Bad"), (Good, "Good"), (Unverified, "Unverified"));
}
