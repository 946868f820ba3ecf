using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Ip;

[FieldTable]
public static class GreFields
{
    public static readonly FieldDef Gre = FieldDef.Protocol("gre", "Generic Routing Encapsulation");
    public static readonly FieldDef FlagsAndVersion = new("gre.flags_and_version", "Flags and Version", FieldType.UInt16, FieldBase.Hex);
    public static readonly FieldDef FlagChecksum = new("gre.flags.checksum", "Checksum Bit", FieldType.Boolean, bitmask: 0x8000, bitWidth: 16, trueFalse: TrueFalse.YesNo);
    public static readonly FieldDef FlagRouting = new("gre.flags.routing", "Routing Bit", FieldType.Boolean, bitmask: 0x4000, bitWidth: 16, trueFalse: TrueFalse.YesNo);
    public static readonly FieldDef FlagKey = new("gre.flags.key", "Key Bit", FieldType.Boolean, bitmask: 0x2000, bitWidth: 16, trueFalse: TrueFalse.YesNo);
    public static readonly FieldDef FlagSequence = new("gre.flags.sequence_number", "Sequence Number Bit", FieldType.Boolean, bitmask: 0x1000, bitWidth: 16, trueFalse: TrueFalse.YesNo);
    public static readonly FieldDef FlagStrictRoute = new("gre.flags.strict_source_route", "Strict Source Route Bit", FieldType.Boolean, bitmask: 0x0800, bitWidth: 16, trueFalse: TrueFalse.YesNo);
    public static readonly FieldDef FlagRecursion = new("gre.flags.recursion_control", "Recursion control", FieldType.UInt16, bitmask: 0x0700);
    public static readonly FieldDef FlagAck = new("gre.flags.ack", "Acknowledgment", FieldType.Boolean, bitmask: 0x0080, bitWidth: 16, trueFalse: TrueFalse.YesNo);
    public static readonly FieldDef FlagsReserved = new("gre.flags.reserved", "Flags (Reserved)", FieldType.UInt16, bitmask: 0x00F8);
    public static readonly FieldDef Version = new("gre.flags.version", "Version", FieldType.UInt16, FieldBase.Dec, bitmask: 0x0007,
        strings: new ValueStrings((0, "GRE"), (1, "Enhanced GRE")));
    public static readonly FieldDef Proto = new("gre.proto", "Protocol Type", FieldType.UInt16, FieldBase.Hex, strings: GreProtocols.Names);
    public static readonly FieldDef Checksum = new("gre.checksum", "Checksum", FieldType.UInt16, FieldBase.Hex);
    public static readonly FieldDef ChecksumStatus = new("gre.checksum.status", "Checksum Status", FieldType.UInt8, strings: ChecksumStatusNames.Names);
    public static readonly FieldDef Offset = new("gre.offset", "Offset", FieldType.UInt16);
    public static readonly FieldDef Key = new("gre.key", "Key", FieldType.UInt32, FieldBase.Hex);
    public static readonly FieldDef KeyPayloadLength = new("gre.key.payload_length", "Payload Length", FieldType.UInt16);
    public static readonly FieldDef KeyCallId = new("gre.key.call_id", "Call ID", FieldType.UInt16);
    public static readonly FieldDef Sequence = new("gre.sequence_number", "Sequence Number", FieldType.UInt32);
    public static readonly FieldDef Ack = new("gre.ack_number", "Acknowledgment Number", FieldType.UInt32);
    public static readonly FieldDef Routing = new("gre.routing", "Routing", FieldType.None);
    public static readonly FieldDef RoutingAddressFamily = new("gre.routing.address_family", "Address Family", FieldType.UInt16);
    public static readonly FieldDef RoutingSreOffset = new("gre.routing.sre_offset", "SRE Offset", FieldType.UInt8);
    public static readonly FieldDef RoutingSreLength = new("gre.routing.src_length", "SRE Length", FieldType.UInt8);
    public static readonly FieldDef RoutingInformation = new("gre.routing.information", "Routing Information", FieldType.Bytes);
    public static readonly FieldDef WccpRedirectHeader = new("gre.wccp.redirect_header", "Redirect Header", FieldType.None);
    public static readonly FieldDef WccpDynamicService = new("gre.wccp.dynamic_service", "Dynamic Service", FieldType.Boolean, bitmask: 0x01, bitWidth: 8);
    public static readonly FieldDef WccpAlternativeBucketUsed = new("gre.wccp.alternative_bucket_used", "Alternative bucket used", FieldType.Boolean, bitmask: 0x02, bitWidth: 8);
    public static readonly FieldDef WccpRedirectHeaderValid = new("gre.wccp.redirect_header_valid", "WCCP Redirect header is valid", FieldType.Boolean, bitmask: 0x04, bitWidth: 8);
    public static readonly FieldDef WccpServiceId = new("gre.wccp.service_id", "Service ID", FieldType.UInt8);
    public static readonly FieldDef WccpAlternativeBucket = new("gre.wccp.alternative_bucket", "Alternative Bucket", FieldType.UInt8);
    public static readonly FieldDef WccpPrimaryBucket = new("gre.wccp.primary_bucket", "Primary Bucket", FieldType.UInt8);
}

/// <summary>The values of the GRE Protocol Type field: EtherTypes, plus a few only GRE uses.</summary>
public static class GreProtocols
{
    public const ushort Keepalive = 0x0000, Cdp = 0x2000, ErspanIII = 0x22eb, Wccp = 0x883e, Ppp = 0x880b,
        ErspanI_II = 0x88be, CiscoMetaData = 0x8909;

    public static readonly ValueStrings Names = new(
        (Keepalive, "Possible GRE keepalive packet"), (0x0800, "IP"), (0x86dd, "IPv6"), (0x0806, "ARP"),
        (0x6558, "Transparent Ethernet bridging"), (0x8847, "MPLS label switched packet"), (0x8848, "MPLS multicast label switched packet"),
        (Cdp, "CDP (Cisco)"), (ErspanIII, "ERSPAN III"), (ErspanI_II, "ERSPAN"), (Wccp, "WCCP"), (Ppp, "PPP"),
        (CiscoMetaData, "CiscoMetaData"), (0x8100, "802.1Q Virtual LAN"), (0x88a8, "802.1ad Provider Bridge (Q-in-Q)"),
        (0x8137, "Netware IPX/SPX"), (0x88cc, "802.1 Link Layer Discovery Protocol (LLDP)"), (0x894f, "Network Service Header"));
}
