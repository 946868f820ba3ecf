using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Ip;

[FieldTable]
public static class Icmpv6Fields
{
    public static readonly FieldDef Icmpv6 = FieldDef.Protocol("icmpv6", "Internet Control Message Protocol v6");
    public static readonly FieldDef Type = new("icmpv6.type", "Type", FieldType.UInt8, FieldBase.Dec, strings: TypeNames);
    public static readonly FieldDef Code = new("icmpv6.code", "Code", FieldType.UInt8);
    public static readonly FieldDef Checksum = new("icmpv6.checksum", "Checksum", FieldType.UInt16, FieldBase.Hex);
    public static readonly FieldDef ChecksumStatus = new("icmpv6.checksum.status", "Checksum Status", FieldType.UInt8, strings: ChecksumStatusNames.Names);
    public static readonly ExpertDef ChecksumBad = new("icmpv6.checksum_bad", ExpertGroup.Checksum, ExpertSeverity.Error, "Bad checksum");
    public static readonly FieldDef Reserved = new("icmpv6.reserved", "Reserved", FieldType.Bytes);
    public static readonly FieldDef Data = new("icmpv6.data", "Data", FieldType.Bytes);
    public static readonly FieldDef Mtu = new("icmpv6.mtu", "MTU", FieldType.UInt32);
    public static readonly FieldDef Pointer = new("icmpv6.pointer", "Pointer", FieldType.UInt32);
    public static readonly FieldDef EchoId = new("icmpv6.echo.identifier", "Identifier", FieldType.UInt16, FieldBase.Hex);
    public static readonly FieldDef EchoSeq = new("icmpv6.echo.sequence_number", "Sequence", FieldType.UInt16);

    public static readonly FieldDef RaCurHopLimit = new("icmpv6.nd.ra.cur_hop_limit", "Cur hop limit", FieldType.UInt8);
    public static readonly FieldDef RaFlag = new("icmpv6.nd.ra.flag", "Flags", FieldType.UInt8, FieldBase.Hex);
    public static readonly FieldDef RaFlagM = new("icmpv6.nd.ra.flag.m", "Managed address configuration", FieldType.Boolean, bitmask: 0x80, bitWidth: 8);
    public static readonly FieldDef RaFlagO = new("icmpv6.nd.ra.flag.o", "Other configuration", FieldType.Boolean, bitmask: 0x40, bitWidth: 8);
    public static readonly FieldDef RaFlagH = new("icmpv6.nd.ra.flag.h", "Home Agent", FieldType.Boolean, bitmask: 0x20, bitWidth: 8);
    public static readonly FieldDef RaFlagPrf = new("icmpv6.nd.ra.flag.prf", "Prf (Default Router Preference)", FieldType.UInt8, FieldBase.Dec, bitmask: 0x18, strings: new((0, "Medium"), (1, "High"), (2, "Reserved"), (3, "Low")));
    public static readonly FieldDef RaFlagP = new("icmpv6.nd.ra.flag.p", "Proxy", FieldType.Boolean, bitmask: 0x04, bitWidth: 8);
    public static readonly FieldDef RaFlagRsv = new("icmpv6.nd.ra.flag.rsv", "Reserved", FieldType.UInt8, bitmask: 0x03);
    public static readonly FieldDef RaRouterLifetime = new("icmpv6.nd.ra.router_lifetime", "Router lifetime (s)", FieldType.UInt16);
    public static readonly FieldDef RaReachableTime = new("icmpv6.nd.ra.reachable_time", "Reachable time (ms)", FieldType.UInt32);
    public static readonly FieldDef RaRetransTimer = new("icmpv6.nd.ra.retrans_timer", "Retrans timer (ms)", FieldType.UInt32);
    public static readonly FieldDef NsTarget = new("icmpv6.nd.ns.target_address", "Target Address", FieldType.IPv6);
    public static readonly FieldDef NaFlag = new("icmpv6.nd.na.flag", "Flags", FieldType.UInt32, FieldBase.Hex);
    public static readonly FieldDef NaFlagR = new("icmpv6.nd.na.flag.r", "Router", FieldType.Boolean, bitmask: 0x80000000, bitWidth: 32);
    public static readonly FieldDef NaFlagS = new("icmpv6.nd.na.flag.s", "Solicited", FieldType.Boolean, bitmask: 0x40000000, bitWidth: 32);
    public static readonly FieldDef NaFlagO = new("icmpv6.nd.na.flag.o", "Override", FieldType.Boolean, bitmask: 0x20000000, bitWidth: 32);
    public static readonly FieldDef NaFlagRsv = new("icmpv6.nd.na.flag.rsv", "Reserved", FieldType.UInt32, bitmask: 0x1fffffff);
    public static readonly FieldDef NaTarget = new("icmpv6.nd.na.target_address", "Target Address", FieldType.IPv6);
    public static readonly FieldDef RdTarget = new("icmpv6.nd.rd.target_address", "Target Address", FieldType.IPv6);
    public static readonly FieldDef RdDestination = new("icmpv6.nd.rd.destination_address", "Destination Address", FieldType.IPv6);

    public static readonly FieldDef Opt = new("icmpv6.opt", "ICMPv6 Option", FieldType.None);
    public static readonly FieldDef OptType = new("icmpv6.opt.type", "Type", FieldType.UInt8, FieldBase.Dec, strings: OptionNames);
    public static readonly FieldDef OptLength = new("icmpv6.opt.length", "Length", FieldType.UInt8);
    public static readonly FieldDef OptLinkAddr = new("icmpv6.opt.linkaddr", "Link-layer address", FieldType.Bytes);
    public static readonly FieldDef OptSrcLinkAddr = new("icmpv6.opt.src_linkaddr", "Source Link-layer address", FieldType.Bytes);
    public static readonly FieldDef OptTargetLinkAddr = new("icmpv6.opt.target_linkaddr", "Target Link-layer address", FieldType.Bytes);
    public static readonly FieldDef OptPrefixLength = new("icmpv6.opt.prefix.length", "Prefix Length", FieldType.UInt8);
    public static readonly FieldDef OptPrefixFlag = new("icmpv6.opt.prefix.flag", "Flag", FieldType.UInt8, FieldBase.Hex);
    public static readonly FieldDef OptPrefixFlagL = new("icmpv6.opt.prefix.flag.l", "On-link flag(L)", FieldType.Boolean, bitmask: 0x80, bitWidth: 8);
    public static readonly FieldDef OptPrefixFlagA = new("icmpv6.opt.prefix.flag.a", "Autonomous address-configuration flag(A)", FieldType.Boolean, bitmask: 0x40, bitWidth: 8);
    public static readonly FieldDef OptPrefixFlagR = new("icmpv6.opt.prefix.flag.r", "Router address flag(R)", FieldType.Boolean, bitmask: 0x20, bitWidth: 8);
    public static readonly FieldDef OptPrefixFlagRsv = new("icmpv6.opt.prefix.flag.reserved", "Reserved", FieldType.UInt8, bitmask: 0x1f);
    public static readonly FieldDef OptPrefixValid = new("icmpv6.opt.prefix.valid_lifetime", "Valid Lifetime", FieldType.UInt32);
    public static readonly FieldDef OptPrefixPreferred = new("icmpv6.opt.prefix.preferred_lifetime", "Preferred Lifetime", FieldType.UInt32);
    public static readonly FieldDef OptReserved = new("icmpv6.opt.reserved", "Reserved", FieldType.None);
    public static readonly FieldDef OptPrefix = new("icmpv6.opt.prefix", "Prefix", FieldType.IPv6);
    public static readonly FieldDef OptMtu = new("icmpv6.opt.mtu", "MTU", FieldType.UInt32);
    public static readonly FieldDef OptRedirected = new("icmpv6.opt.redirected_packet", "Redirected Packet", FieldType.None);
    public static readonly FieldDef OptData = new("icmpv6.opt.data", "Data", FieldType.Bytes);

    public static readonly FieldDef MldMaxResponseDelay = new("icmpv6.mld.maximum_response_delay", "Maximum Response Delay [ms]", FieldType.UInt16);
    public static readonly FieldDef MldMaxResponseCode = new("icmpv6.mld.maximum_response_code", "Maximum Response Code", FieldType.UInt16);
    public static readonly FieldDef MldMulticastAddress = new("icmpv6.mld.multicast_address", "Multicast Address", FieldType.IPv6);
    public static readonly FieldDef MldFlag = new("icmpv6.mld.flag", "Flags", FieldType.UInt8, FieldBase.Hex);
    public static readonly FieldDef MldQqi = new("icmpv6.mld.qqi", "QQIC (Querier's Query Interval Code)", FieldType.UInt8);
    public static readonly FieldDef MldNbSources = new("icmpv6.mld.nb_sources", "Number of Sources", FieldType.UInt16);
    public static readonly FieldDef MldSourceAddress = new("icmpv6.mld.source_address", "Source Address", FieldType.IPv6);
    public static readonly FieldDef MldrNbRecords = new("icmpv6.mldr.nb_mcast_records", "Number of Multicast Address Records", FieldType.UInt16);
    public static readonly FieldDef MldrRecord = new("icmpv6.mldr.mar", "Multicast Address Record", FieldType.None);
    public static readonly FieldDef MldrRecordType = new("icmpv6.mldr.mar.record_type", "Record Type", FieldType.UInt8, FieldBase.Dec, strings: RecordTypes);
    public static readonly FieldDef MldrAuxDataLen = new("icmpv6.mldr.mar.aux_data_len", "Aux Data Len", FieldType.UInt8);
    public static readonly FieldDef MldrNbSources = new("icmpv6.mldr.mar.nb_sources", "Number of Sources", FieldType.UInt16);
    public static readonly FieldDef MldrMulticastAddress = new("icmpv6.mldr.mar.multicast_address", "Multicast Address", FieldType.IPv6);
    public static readonly FieldDef MldrSourceAddress = new("icmpv6.mldr.mar.source_address", "Source Address", FieldType.IPv6);
    public static readonly FieldDef MldrAuxData = new("icmpv6.mldr.mar.auxiliary_data", "Auxiliary Data", FieldType.Bytes);

    public static ValueStrings TypeNames => s_types ??= new((1, "Destination Unreachable"), (2, "Packet Too Big"), (3, "Time Exceeded"), (4, "Parameter Problem"), (100, "Private experimentation"), (101, "Private experimentation"), (127, "Reserved for expansion of ICMPv6 error messages"), (128, "Echo (ping) request"), (129, "Echo (ping) reply"), (130, "Multicast Listener Query"), (131, "Multicast Listener Report"), (132, "Multicast Listener Done"), (133, "Router Solicitation"), (134, "Router Advertisement"), (135, "Neighbor Solicitation"), (136, "Neighbor Advertisement"), (137, "Redirect"), (138, "Router Renumbering"), (139, "Node Information Query"), (140, "Node Information Reply"), (141, "Inverse Neighbor Discovery Solicitation"), (142, "Inverse Neighbor Discovery Advertisement"), (143, "Multicast Listener Report Message v2"), (144, "Home Agent Address Discovery Request"), (145, "Home Agent Address Discovery Reply"), (146, "Mobile Prefix Solicitation"), (147, "Mobile Prefix Advertisement"), (148, "Certification Path Solicitation"), (149, "Certification Path Advertisement"), (150, "Experimental Mobility"), (151, "Multicast Router Advertisement"), (152, "Multicast Router Solicitation"), (153, "Multicast Router Termination"), (154, "FMIPv6"), (155, "RPL Control"), (156, "Locator Update"), (157, "Duplicate Address Request"), (158, "Duplicate Address Confirmation"), (159, "MPL Control Message"), (160, "Extended Echo request"), (161, "Extended Echo reply"), (200, "Private experimentation"), (201, "Private experimentation"), (255, "Reserved for expansion of ICMPv6 informational messages"));

    public static ValueStrings OptionNames => s_options ??= new((1, "Source link-layer address"), (2, "Target link-layer address"), (3, "Prefix information"), (4, "Redirected header"), (5, "MTU"), (6, "NBMA Shortcut Limit Option"), (7, "Advertisement Interval"), (8, "Home Agent Information"), (9, "Source Address List"), (10, "Target Address List"), (11, "CGA"), (12, "RSA Signature"), (13, "Timestamp"), (14, "Nonce"), (15, "Trust Anchor"), (16, "Certificate"), (17, "IP Address/Prefix Option"), (18, "New Router Prefix Information"), (19, "Link-layer Address"), (20, "Neighbor Advertisement Acknowledgment"), (23, "MAP"), (24, "Route Information"), (25, "Recursive DNS Server"), (26, "RA Flags Extension"), (27, "Handover Key Request"), (28, "Handover Key Reply"), (29, "Handover Assist Information"), (30, "Mobile Node Identifier Option"), (31, "DNS Search List Option"), (32, "Proxy Signature (PS)"), (33, "Address Registration Option"), (34, "6LoWPAN Context Option"), (35, "Authoritative Border Router"), (36, "6LoWPAN Capability Indication Option"), (37, "DHCP Captive-Portal"), (38, "PREF64 Option"), (138, "CARD Request"), (139, "CARD Reply"), (253, "RFC3692-style Experiment 1"), (254, "RFC3692-style Experiment 2"));

    public static ValueStrings RecordTypes => s_records ??= new(
        (1, "Include"), (2, "Exclude"), (3, "Changed to include"), (4, "Changed to exclude"), (5, "Allow new sources"), (6, "Block old sources"));

    public static readonly ValueStrings UnreachableCodes = new(
        (0, "no route to destination"), (1, "communication with destination administratively prohibited"),
        (2, "beyond scope of source address"), (3, "address unreachable"), (4, "port unreachable"),
        (5, "source address failed ingress/egress policy"), (6, "reject route to destination"), (7, "Error in Source Routing Header"));

    public static readonly ValueStrings TimeExceededCodes = new((0, "hop limit exceeded in transit"), (1, "fragment reassembly time exceeded"));

    public static readonly ValueStrings ParameterProblemCodes = new(
        (0, "erroneous header field encountered"), (1, "unrecognized Next Header type encountered"),
        (2, "unrecognized IPv6 option encountered"), (3, "IPv6 First Fragment has incomplete IPv6 Header Chain"));

    private static ValueStrings? s_types, s_options, s_records;
}
