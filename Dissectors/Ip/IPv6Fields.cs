using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Ip;

[FieldTable]
public static class IPv6Fields
{
    public static readonly FieldDef Ipv6 = FieldDef.Protocol("ipv6", "Internet Protocol Version 6");
    public static readonly FieldDef Version = new("ipv6.version", "Version", FieldType.UInt8, bitmask: 0xF0);
    public static readonly FieldDef TClass = new("ipv6.tclass", "Traffic Class", FieldType.UInt32, FieldBase.Hex, bitmask: 0x0FF00000);
    public static readonly FieldDef Dscp = new("ipv6.tclass.dscp", "Differentiated Services Codepoint", FieldType.UInt32, FieldBase.Dec, bitmask: 0x0FC00000, strings: IPv4Fields.DscpNames);
    public static readonly FieldDef Ecn = new("ipv6.tclass.ecn", "Explicit Congestion Notification", FieldType.UInt32, FieldBase.Dec, bitmask: 0x00300000, strings: IPv4Fields.EcnNames);
    public static readonly FieldDef Flow = new("ipv6.flow", "Flow Label", FieldType.UInt24, FieldBase.Hex, bitmask: 0x0FFFFF, bitWidth: 24);
    public static readonly FieldDef Plen = new("ipv6.plen", "Payload Length", FieldType.UInt16);
    public static readonly FieldDef Nxt = new("ipv6.nxt", "Next Header", FieldType.UInt8, FieldBase.Dec, strings: IpProtocols.Names);
    public static readonly FieldDef Hlim = new("ipv6.hlim", "Hop Limit", FieldType.UInt8);
    public static readonly FieldDef Src = new("ipv6.src", "Source Address", FieldType.IPv6);
    public static readonly FieldDef Dst = new("ipv6.dst", "Destination Address", FieldType.IPv6);
    public static readonly FieldDef Addr = new("ipv6.addr", "Source or Destination Address", FieldType.IPv6);
    public static readonly FieldDef SrcHost = new("ipv6.src_host", "Source Host", FieldType.String);
    public static readonly FieldDef DstHost = new("ipv6.dst_host", "Destination Host", FieldType.String);
    public static readonly FieldDef Host = new("ipv6.host", "Source or Destination Host", FieldType.String);

    // Details Wireshark derives from well-known address formats.
    public static readonly FieldDef SrcSaMac = new("ipv6.src_sa_mac", "Source SLAAC MAC", FieldType.Ether);
    public static readonly FieldDef DstSaMac = new("ipv6.dst_sa_mac", "Destination SLAAC MAC", FieldType.Ether);
    public static readonly FieldDef SaMac = new("ipv6.sa_mac", "SLAAC MAC", FieldType.Ether);
    public static readonly FieldDef Src6to4Gw = new("ipv6.src_6to4_gw_ipv4", "Source 6to4 Gateway IPv4", FieldType.IPv4);
    public static readonly FieldDef Dst6to4Gw = new("ipv6.dst_6to4_gw_ipv4", "Destination 6to4 Gateway IPv4", FieldType.IPv4);
    public static readonly FieldDef Gw6to4 = new("ipv6.6to4_gw_ipv4", "6to4 Gateway IPv4", FieldType.IPv4);
    public static readonly FieldDef Src6to4Sla = new("ipv6.src_6to4_sla_id", "Source 6to4 SLA ID", FieldType.UInt16);
    public static readonly FieldDef Dst6to4Sla = new("ipv6.dst_6to4_sla_id", "Destination 6to4 SLA ID", FieldType.UInt16);
    public static readonly FieldDef Sla6to4 = new("ipv6.6to4_sla_id", "6to4 SLA ID", FieldType.UInt16);
    public static readonly FieldDef SrcTeredoServer = new("ipv6.src_ts_ipv4", "Source Teredo Server IPv4", FieldType.IPv4);
    public static readonly FieldDef DstTeredoServer = new("ipv6.dst_ts_ipv4", "Destination Teredo Server IPv4", FieldType.IPv4);
    public static readonly FieldDef TeredoServer = new("ipv6.ts_ipv4", "Teredo Server IPv4", FieldType.IPv4);
    public static readonly FieldDef SrcTeredoPort = new("ipv6.src_tc_port", "Source Teredo Port", FieldType.UInt16);
    public static readonly FieldDef DstTeredoPort = new("ipv6.dst_tc_port", "Destination Teredo Port", FieldType.UInt16);
    public static readonly FieldDef TeredoPort = new("ipv6.tc_port", "Teredo Port", FieldType.UInt16);
    public static readonly FieldDef SrcTeredoClient = new("ipv6.src_tc_ipv4", "Source Teredo Client IPv4", FieldType.IPv4);
    public static readonly FieldDef DstTeredoClient = new("ipv6.dst_tc_ipv4", "Destination Teredo Client IPv4", FieldType.IPv4);
    public static readonly FieldDef TeredoClient = new("ipv6.tc_ipv4", "Teredo Client IPv4", FieldType.IPv4);
    public static readonly FieldDef SrcIsatap = new("ipv6.src_isatap_ipv4", "Source ISATAP IPv4", FieldType.IPv4);
    public static readonly FieldDef DstIsatap = new("ipv6.dst_isatap_ipv4", "Destination ISATAP IPv4", FieldType.IPv4);
    public static readonly FieldDef Isatap = new("ipv6.isatap_ipv4", "ISATAP IPv4", FieldType.IPv4);

    // Hop-by-hop and destination options headers.
    public static readonly FieldDef HopOpts = FieldDef.Protocol("ipv6.hopopts", "IPv6 Hop-by-Hop Option");
    public static readonly FieldDef HopOptsNxt = new("ipv6.hopopts.nxt", "Next Header", FieldType.UInt8, FieldBase.Dec, strings: IpProtocols.Names);
    public static readonly FieldDef HopOptsLen = new("ipv6.hopopts.len", "Length", FieldType.UInt8);
    public static readonly FieldDef HopOptsLenOct = new("ipv6.hopopts.len_oct", "Length", FieldType.UInt16, unit: " bytes");
    public static readonly FieldDef DstOpts = FieldDef.Protocol("ipv6.dstopts", "Destination Options for IPv6");
    public static readonly FieldDef DstOptsNxt = new("ipv6.dstopts.nxt", "Next Header", FieldType.UInt8, FieldBase.Dec, strings: IpProtocols.Names);
    public static readonly FieldDef DstOptsLen = new("ipv6.dstopts.len", "Length", FieldType.UInt8);
    public static readonly FieldDef DstOptsLenOct = new("ipv6.dstopts.len_oct", "Length", FieldType.UInt16, unit: " bytes");

    public static readonly FieldDef Opt = new("ipv6.opt", "IPv6 Option", FieldType.None);
    public static readonly FieldDef OptType = new("ipv6.opt.type", "Type", FieldType.UInt8, FieldBase.Hex, strings: OptionNames);
    public static readonly FieldDef OptAction = new("ipv6.opt.type.action", "Action", FieldType.UInt8, FieldBase.Dec, bitmask: 0xC0, strings: OptionActions);
    public static readonly FieldDef OptChange = new("ipv6.opt.type.change", "May Change", FieldType.Boolean, bitmask: 0x20, bitWidth: 8, trueFalse: TrueFalse.YesNo);
    public static readonly FieldDef OptRest = new("ipv6.opt.type.rest", "Low-Order Bits", FieldType.UInt8, FieldBase.Hex, bitmask: 0x1F);
    public static readonly FieldDef OptLength = new("ipv6.opt.length", "Length", FieldType.UInt8);
    public static readonly FieldDef OptPad1 = new("ipv6.opt.pad1", "Pad1", FieldType.None);
    public static readonly FieldDef OptPadN = new("ipv6.opt.padn", "PadN", FieldType.Bytes);
    public static readonly FieldDef OptRouterAlert = new("ipv6.opt.router_alert", "Router Alert", FieldType.UInt16, FieldBase.Dec, strings: RouterAlertNames);
    public static readonly FieldDef OptJumbo = new("ipv6.opt.jumbo", "Payload Length", FieldType.UInt32);
    public static readonly FieldDef OptTunnelEncapLimit = new("ipv6.opt.tel", "Tunnel Encapsulation Limit", FieldType.UInt8);
    public static readonly FieldDef OptHomeAddress = new("ipv6.opt.mipv6.home_address", "Home Address", FieldType.IPv6);
    public static readonly FieldDef OptUnknown = new("ipv6.opt.unknown", "Unknown Option Payload", FieldType.Bytes);

    // Routing header.
    public static readonly FieldDef Routing = FieldDef.Protocol("ipv6.routing", "Routing Header for IPv6");
    public static readonly FieldDef RoutingNxt = new("ipv6.routing.nxt", "Next Header", FieldType.UInt8, FieldBase.Dec, strings: IpProtocols.Names);
    public static readonly FieldDef RoutingLen = new("ipv6.routing.len", "Length", FieldType.UInt8);
    public static readonly FieldDef RoutingLenOct = new("ipv6.routing.len_oct", "Length", FieldType.UInt16, unit: " bytes");
    public static readonly FieldDef RoutingType = new("ipv6.routing.type", "Type", FieldType.UInt8, FieldBase.Dec, strings: RoutingTypes);
    public static readonly FieldDef RoutingSegLeft = new("ipv6.routing.segleft", "Segments Left", FieldType.UInt8);
    public static readonly FieldDef RoutingSrcReserved = new("ipv6.routing.src.reserved", "Reserved", FieldType.UInt32, FieldBase.Hex);
    public static readonly FieldDef RoutingSrcAddr = new("ipv6.routing.src.addr", "Address", FieldType.IPv6);
    public static readonly FieldDef RoutingMipv6Reserved = new("ipv6.routing.mipv6.reserved", "Reserved", FieldType.UInt32, FieldBase.Hex);
    public static readonly FieldDef RoutingMipv6Home = new("ipv6.routing.mipv6.home_address", "Home Address", FieldType.IPv6);
    public static readonly FieldDef RoutingSrhLastEntry = new("ipv6.routing.srh.last_entry", "Last Entry", FieldType.UInt8);
    public static readonly FieldDef RoutingSrhFlags = new("ipv6.routing.srh.flags", "Flags", FieldType.UInt8, FieldBase.Hex);
    public static readonly FieldDef RoutingSrhTag = new("ipv6.routing.srh.tag", "Tag", FieldType.UInt16, FieldBase.Hex);
    public static readonly FieldDef RoutingSrhAddr = new("ipv6.routing.srh.addr", "Address", FieldType.IPv6);
    public static readonly FieldDef RoutingData = new("ipv6.routing.unknown_data", "Type-Specific Data", FieldType.Bytes);

    // Fragment header.
    public static readonly FieldDef FragHdr = FieldDef.Protocol("ipv6.fraghdr", "Fragment Header for IPv6");
    public static readonly FieldDef FragNxt = new("ipv6.fraghdr.nxt", "Next header", FieldType.UInt8, FieldBase.Dec, strings: IpProtocols.Names);
    public static readonly FieldDef FragReservedOctet = new("ipv6.fraghdr.reserved_octet", "Reserved octet", FieldType.UInt8, FieldBase.Hex);
    public static readonly FieldDef FragOffset = new("ipv6.fraghdr.offset", "Offset", FieldType.UInt16, bitmask: 0xFFF8);
    public static readonly FieldDef FragReservedBits = new("ipv6.fraghdr.reserved_bits", "Reserved bits", FieldType.UInt16, bitmask: 0x0006);
    public static readonly FieldDef FragMore = new("ipv6.fraghdr.more", "More Fragments", FieldType.Boolean, bitmask: 0x0001, bitWidth: 16, trueFalse: TrueFalse.YesNo);
    public static readonly FieldDef FragIdent = new("ipv6.fraghdr.ident", "Identification", FieldType.UInt32, FieldBase.Hex);

    public static ValueStrings OptionNames => s_optionNames ??= new(
        (0x00, "Pad1"), (0x01, "PadN"), (0x04, "Tunnel Encapsulation Limit"), (0x05, "Router Alert"), (0x06, "Quick-Start"),
        (0x07, "CALIPSO"), (0x08, "SMF_DPD"), (0x0F, "Performance and Diagnostic Metrics"), (0x11, "IOAM"), (0x12, "IOAM"),
        (0x1E, "Experimental (0x1E)"), (0x23, "RPL Option"), (0x26, "Quick-Start"), (0x31, "IOAM"), (0x3E, "Experimental (0x3E)"),
        (0x4D, "Deprecated"), (0x5E, "Experimental (0x5E)"), (0x63, "RPL Option"), (0x6D, "MPL Option"), (0x7E, "Experimental (0x7E)"),
        (0x8A, "Endpoint Identification"), (0x8B, "ILNP Nonce"), (0x8C, "Line-Identification Option"), (0x9E, "Experimental (0x9E)"),
        (0xBE, "Experimental (0xBE)"), (0xC2, "Jumbo Payload"), (0xC9, "Home Address Option"), (0xDE, "Experimental (0xDE)"),
        (0xEE, "IP_DFF"), (0xFE, "Experimental (0xFE)"));

    public static ValueStrings OptionActions => s_optionActions ??= new(
        (0, "Skip and continue"), (1, "Discard packet"), (2, "Discard packet and send ICMP Parameter Problem"),
        (3, "Discard packet and send ICMP Parameter Problem for unicast destinations"));

    public static ValueStrings RouterAlertNames => s_routerAlert ??= new((0, "MLD"), (1, "RSVP"), (2, "Active Networks"));

    public static ValueStrings RoutingTypes => s_routingTypes ??= new(
        (0, "Source Route"), (1, "Nimrod"), (2, "Type 2 Routing"), (3, "RPL Source Route"), (4, "Segment Routing"),
        (5, "CRH-16"), (6, "CRH-32"), (253, "Experiment 1"), (254, "Experiment 2"));

    private static ValueStrings? s_optionNames, s_optionActions, s_routerAlert, s_routingTypes;

    public static readonly ExpertDef PlenExceedsFraming = new("ipv6.plen_exceeds_framing", ExpertGroup.Protocol, ExpertSeverity.Warning, "IPv6 Payload Length exceeds framing length");
    public static readonly ExpertDef BogusVersion = new("ipv6.bogus_ipv6_version", ExpertGroup.Malformed, ExpertSeverity.Error, "Bogus IP version");
}
