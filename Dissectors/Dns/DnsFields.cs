using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Dns;

/// <summary>The DNS fields, named and typed as tshark 4.0 registers them (tshark -G fields).</summary>
[FieldTable]
public static class DnsFields
{
    public static readonly FieldDef Dns = FieldDef.Protocol("dns", "Domain Name System");
    public static readonly FieldDef Mdns = FieldDef.Protocol("mdns", "Multicast Domain Name System");
    public static readonly FieldDef Llmnr = FieldDef.Protocol("llmnr", "Link-local Multicast Name Resolution");

    public static readonly FieldDef Length = new("dns.length", "Length", FieldType.UInt16);
    public static readonly FieldDef Id = new("dns.id", "Transaction ID", FieldType.UInt16, FieldBase.Hex);
    public static readonly FieldDef Flags = new("dns.flags", "Flags", FieldType.UInt16, FieldBase.Hex);
    public static readonly FieldDef FlagResponse = new("dns.flags.response", "Response", FieldType.Boolean, bitmask: 0x8000, bitWidth: 16, trueFalse: new("Message is a response", "Message is a query"));
    public static readonly FieldDef FlagOpcode = new("dns.flags.opcode", "Opcode", FieldType.UInt16, FieldBase.Dec, bitmask: 0x7800, strings: Opcodes);
    public static readonly FieldDef FlagAuthoritative = new("dns.flags.authoritative", "Authoritative", FieldType.Boolean, bitmask: 0x0400, bitWidth: 16, trueFalse: new("Server is an authority for domain", "Server is not an authority for domain"));
    public static readonly FieldDef FlagConflict = new("dns.flags.conflict", "Conflict", FieldType.Boolean, bitmask: 0x0400, bitWidth: 16, trueFalse: new("The name is not considered unique", "The name is considered unique"));
    public static readonly FieldDef FlagTruncated = new("dns.flags.truncated", "Truncated", FieldType.Boolean, bitmask: 0x0200, bitWidth: 16, trueFalse: new("Message is truncated", "Message is not truncated"));
    public static readonly FieldDef FlagRecDesired = new("dns.flags.recdesired", "Recursion desired", FieldType.Boolean, bitmask: 0x0100, bitWidth: 16, trueFalse: new("Do query recursively", "Don't do query recursively"));
    public static readonly FieldDef FlagTentative = new("dns.flags.tentative", "Tentative", FieldType.Boolean, bitmask: 0x0100, bitWidth: 16, trueFalse: new("Tentative", "Not tentative"));
    public static readonly FieldDef FlagRecAvail = new("dns.flags.recavail", "Recursion available", FieldType.Boolean, bitmask: 0x0080, bitWidth: 16, trueFalse: new("Server can do recursive queries", "Server can't do recursive queries"));
    public static readonly FieldDef FlagZ = new("dns.flags.z", "Z", FieldType.Boolean, bitmask: 0x0040, bitWidth: 16, trueFalse: new("reserved - incorrect!", "reserved (0)"));
    public static readonly FieldDef FlagAuthenticated = new("dns.flags.authenticated", "Answer authenticated", FieldType.Boolean, bitmask: 0x0020, bitWidth: 16, trueFalse: new("Answer/authority portion was authenticated by the server", "Answer/authority portion was not authenticated by the server"));
    public static readonly FieldDef FlagCheckDisable = new("dns.flags.checkdisable", "Non-authenticated data", FieldType.Boolean, bitmask: 0x0010, bitWidth: 16, trueFalse: new("Acceptable", "Unacceptable"));
    public static readonly FieldDef FlagRcode = new("dns.flags.rcode", "Reply code", FieldType.UInt16, FieldBase.Dec, bitmask: 0x000F, strings: Rcodes);

    public static readonly FieldDef CountQueries = new("dns.count.queries", "Questions", FieldType.UInt16);
    public static readonly FieldDef CountZones = new("dns.count.zones", "Zones", FieldType.UInt16);
    public static readonly FieldDef CountAnswers = new("dns.count.answers", "Answer RRs", FieldType.UInt16);
    public static readonly FieldDef CountPrerequisites = new("dns.count.prerequisites", "Prerequisites", FieldType.UInt16);
    public static readonly FieldDef CountAuth = new("dns.count.auth_rr", "Authority RRs", FieldType.UInt16);
    public static readonly FieldDef CountUpdates = new("dns.count.updates", "Updates", FieldType.UInt16);
    public static readonly FieldDef CountAdd = new("dns.count.add_rr", "Additional RRs", FieldType.UInt16);

    public static readonly FieldDef QryName = new("dns.qry.name", "Name", FieldType.String);
    public static readonly FieldDef QryNameLen = new("dns.qry.name.len", "Name Length", FieldType.UInt16);
    public static readonly FieldDef CountLabels = new("dns.count.labels", "Label Count", FieldType.UInt16);
    public static readonly FieldDef QryType = new("dns.qry.type", "Type", FieldType.UInt16, FieldBase.Dec, strings: DnsTypes.LongNames);
    public static readonly FieldDef QryClass = new("dns.qry.class", "Class", FieldType.UInt16, FieldBase.Hex, strings: Classes);
    public static readonly FieldDef QryClassMdns = new("dns.qry.class", "Class", FieldType.UInt16, FieldBase.Hex, bitmask: 0x7FFF, bitWidth: 16, strings: Classes);
    public static readonly FieldDef QryQu = new("dns.qry.qu", "\"QU\" question", FieldType.Boolean, bitmask: 0x8000, bitWidth: 16, trueFalse: TrueFalse.TrueFalseText);

    public static readonly FieldDef RespName = new("dns.resp.name", "Name", FieldType.String);
    public static readonly FieldDef RespType = new("dns.resp.type", "Type", FieldType.UInt16, FieldBase.Dec, strings: DnsTypes.LongNames);
    public static readonly FieldDef RespClass = new("dns.resp.class", "Class", FieldType.UInt16, FieldBase.Hex, strings: Classes);
    public static readonly FieldDef RespClassMdns = new("dns.resp.class", "Class", FieldType.UInt16, FieldBase.Hex, bitmask: 0x7FFF, bitWidth: 16, strings: Classes);
    public static readonly FieldDef RespCacheFlush = new("dns.resp.cache_flush", "Cache flush", FieldType.Boolean, bitmask: 0x8000, bitWidth: 16, trueFalse: TrueFalse.TrueFalseText);
    public static readonly FieldDef RespTtl = new("dns.resp.ttl", "Time to live", FieldType.UInt32);
    public static readonly FieldDef RespLen = new("dns.resp.len", "Data length", FieldType.UInt16);

    public static readonly FieldDef A = new("dns.a", "Address", FieldType.IPv4);
    public static readonly FieldDef Aaaa = new("dns.aaaa", "AAAA Address", FieldType.IPv6);
    public static readonly FieldDef Cname = new("dns.cname", "CNAME", FieldType.String);
    public static readonly FieldDef Ns = new("dns.ns", "Name Server", FieldType.String);
    public static readonly FieldDef Ptr = new("dns.ptr.domain_name", "Domain Name", FieldType.String);
    public static readonly FieldDef MxPreference = new("dns.mx.preference", "Preference", FieldType.UInt16);
    public static readonly FieldDef MxExchange = new("dns.mx.mail_exchange", "Mail Exchange", FieldType.String);
    public static readonly FieldDef SoaMname = new("dns.soa.mname", "Primary name server", FieldType.String);
    public static readonly FieldDef SoaRname = new("dns.soa.rname", "Responsible authority's mailbox", FieldType.String);
    public static readonly FieldDef SoaSerial = new("dns.soa.serial_number", "Serial Number", FieldType.UInt32);
    public static readonly FieldDef SoaRefresh = new("dns.soa.refresh_interval", "Refresh Interval", FieldType.UInt32);
    public static readonly FieldDef SoaRetry = new("dns.soa.retry_interval", "Retry Interval", FieldType.UInt32);
    public static readonly FieldDef SoaExpire = new("dns.soa.expire_limit", "Expire limit", FieldType.UInt32);
    public static readonly FieldDef SoaMinimum = new("dns.soa.minimum_ttl", "Minimum TTL", FieldType.UInt32);
    public static readonly FieldDef TxtLength = new("dns.txt.length", "TXT Length", FieldType.UInt8);
    public static readonly FieldDef Txt = new("dns.txt", "TXT", FieldType.String);
    public static readonly FieldDef SpfLength = new("dns.spf.length", "SPF Length", FieldType.UInt8);
    public static readonly FieldDef Spf = new("dns.spf", "SPF", FieldType.String);
    public static readonly FieldDef HinfoCpuLength = new("dns.hinfo.cpu_length", "CPU Length", FieldType.UInt8);
    public static readonly FieldDef HinfoCpu = new("dns.hinfo.cpu", "CPU", FieldType.String);
    public static readonly FieldDef HinfoOsLength = new("dns.hinfo.os_length", "OS Length", FieldType.UInt8);
    public static readonly FieldDef HinfoOs = new("dns.hinfo.os", "OS", FieldType.String);
    public static readonly FieldDef SrvService = new("dns.srv.service", "Service", FieldType.String);
    public static readonly FieldDef SrvProto = new("dns.srv.proto", "Protocol", FieldType.String);
    public static readonly FieldDef SrvName = new("dns.srv.name", "Name", FieldType.String);
    public static readonly FieldDef SrvPriority = new("dns.srv.priority", "Priority", FieldType.UInt16);
    public static readonly FieldDef SrvWeight = new("dns.srv.weight", "Weight", FieldType.UInt16);
    public static readonly FieldDef SrvPort = new("dns.srv.port", "Port", FieldType.UInt16);
    public static readonly FieldDef SrvTarget = new("dns.srv.target", "Target", FieldType.String);
    public static readonly FieldDef CaaFlags = new("dns.caa.flags", "CAA Flags", FieldType.UInt8, FieldBase.Hex);
    public static readonly FieldDef CaaCritical = new("dns.caa.flags.issuer_critical", "Issuer Critical", FieldType.Boolean, bitmask: 0x80, bitWidth: 8, trueFalse: new("Critical", "Not critical"));
    public static readonly FieldDef CaaIssue = new("dns.caa.issue", "Issue", FieldType.String);
    public static readonly FieldDef CaaIssueWild = new("dns.caa.issuewild", "Issue Wildcard", FieldType.String);
    public static readonly FieldDef CaaIodef = new("dns.caa.iodef", "Report URL", FieldType.String);
    public static readonly FieldDef CaaUnknown = new("dns.caa.unknown", "Unknown tag", FieldType.String);
    public static readonly FieldDef CaaTagLength = new("dns.caa.tag_length", "Tag length", FieldType.UInt8);
    public static readonly FieldDef CaaTag = new("dns.caa.tag", "Tag", FieldType.String);
    public static readonly FieldDef CaaValue = new("dns.caa.value", "Value", FieldType.String);
    public static readonly FieldDef SshfpAlgorithm = new("dns.sshfp.algorithm", "Algorithm", FieldType.UInt8, FieldBase.Dec, strings: new((0, "Reserved"), (1, "RSA"), (2, "DSA"), (3, "ECDSA"), (4, "Ed25519"), (5, "XMSS")));
    public static readonly FieldDef SshfpType = new("dns.sshfp.fingerprint.type", "Fingerprint type", FieldType.UInt8, FieldBase.Dec, strings: new((0, "Reserved"), (1, "SHA1"), (2, "SHA256")));
    public static readonly FieldDef SshfpFingerprint = new("dns.sshfp.fingerprint", "Fingerprint", FieldType.Bytes);
    public static readonly FieldDef RrsigTypeCovered = new("dns.rrsig.type_covered", "Type Covered", FieldType.UInt16, FieldBase.Dec, strings: DnsTypes.LongNames);
    public static readonly FieldDef RrsigAlgorithm = new("dns.rrsig.algorithm", "Algorithm", FieldType.UInt8, FieldBase.Dec, strings: DnssecAlgorithms);
    public static readonly FieldDef RrsigLabels = new("dns.rrsig.labels", "Labels", FieldType.UInt8);
    public static readonly FieldDef RrsigOriginalTtl = new("dns.rrsig.original_ttl", "Original TTL", FieldType.UInt32);
    public static readonly FieldDef RrsigExpiration = new("dns.rrsig.signature_expiration", "Signature Expiration", FieldType.AbsoluteTime);
    public static readonly FieldDef RrsigInception = new("dns.rrsig.signature_inception", "Signature Inception", FieldType.AbsoluteTime);
    public static readonly FieldDef RrsigKeyTag = new("dns.rrsig.key_tag", "Key Tag", FieldType.UInt16);
    public static readonly FieldDef RrsigSigner = new("dns.rrsig.signers_name", "Signer's name", FieldType.String);
    public static readonly FieldDef RrsigSignature = new("dns.rrsig.signature", "Signature", FieldType.Bytes);

    public static readonly FieldDef SvcbPriority = new("dns.svcb.svcpriority", "SvcPriority", FieldType.UInt16);
    public static readonly FieldDef SvcbTarget = new("dns.svcb.targetname", "TargetName", FieldType.String);
    public static readonly FieldDef SvcbParam = new("dns.svcb.svcparam", "SvcParam", FieldType.None);
    public static readonly FieldDef SvcbParamKey = new("dns.svcb.svcparam.key", "SvcParamKey", FieldType.UInt16, FieldBase.Dec, strings: SvcParamKeys);
    public static readonly FieldDef SvcbParamLength = new("dns.svcb.svcparam.value.length", "SvcParamValue length", FieldType.UInt16);
    public static readonly FieldDef SvcbParamValue = new("dns.svcb.svcparam.value", "SvcParamValue", FieldType.Bytes);
    public static readonly FieldDef SvcbMandatoryKey = new("dns.svcb.svcparam.mandatory.key", "Mandatory key", FieldType.UInt16, FieldBase.Dec, strings: SvcParamKeys);
    public static readonly FieldDef SvcbAlpnLength = new("dns.svcb.svcparam.alpn.length", "ALPN length", FieldType.UInt8);
    public static readonly FieldDef SvcbAlpn = new("dns.svcb.svcparam.alpn", "ALPN", FieldType.String);
    public static readonly FieldDef SvcbPort = new("dns.svcb.svcparam.port", "Port", FieldType.UInt16);
    public static readonly FieldDef SvcbIpv4 = new("dns.svcb.svcparam.ipv4hint.ip", "IP", FieldType.IPv4);
    public static readonly FieldDef SvcbIpv6 = new("dns.svcb.svcparam.ipv6hint.ip", "IP", FieldType.IPv6);
    public static readonly FieldDef SvcbEch = new("dns.svcb.svcparam.echconfig", "ECHConfig", FieldType.Bytes);

    public static readonly FieldDef UdpPayloadSize = new("dns.rr.udp_payload_size", "UDP payload size", FieldType.UInt16);
    public static readonly FieldDef UdpPayloadSizeMdns = new("dns.rr.udp_payload_size", "UDP payload size", FieldType.UInt16, FieldBase.Hex, bitmask: 0x7FFF, bitWidth: 16);
    public static readonly FieldDef ExtRcode = new("dns.resp.ext_rcode", "Higher bits in extended RCODE", FieldType.UInt8, FieldBase.Hex);
    public static readonly FieldDef Edns0Version = new("dns.resp.edns0_version", "EDNS0 version", FieldType.UInt8);
    public static readonly FieldDef EdnsZ = new("dns.resp.z", "Z", FieldType.UInt16, FieldBase.Hex);
    public static readonly FieldDef EdnsZDo = new("dns.resp.z.do", "DO bit", FieldType.Boolean, bitmask: 0x8000, bitWidth: 16, trueFalse: new("Accepts DNSSEC security RRs", "Cannot handle DNSSEC security RRs"));
    public static readonly FieldDef EdnsZReserved = new("dns.resp.z.reserved", "Reserved", FieldType.UInt16, FieldBase.Hex, bitmask: 0x7FFF, bitWidth: 16);
    public static readonly FieldDef Opt = new("dns.opt", "Option", FieldType.None);
    public static readonly FieldDef OptCode = new("dns.opt.code", "Option Code", FieldType.UInt16, FieldBase.Dec, strings: OptionCodes);
    public static readonly FieldDef OptLen = new("dns.opt.len", "Option Length", FieldType.UInt16);
    public static readonly FieldDef OptData = new("dns.opt.data", "Option Data", FieldType.Bytes);
    public static readonly FieldDef OptClientFamily = new("dns.opt.client.family", "Family", FieldType.UInt16, FieldBase.Dec, strings: new((1, "IPv4"), (2, "IPv6")));
    public static readonly FieldDef OptClientNetmask = new("dns.opt.client.netmask", "Source Netmask", FieldType.UInt8);
    public static readonly FieldDef OptClientScope = new("dns.opt.client.scope", "Scope Netmask", FieldType.UInt8);
    public static readonly FieldDef OptClientAddr = new("dns.opt.client.addr", "Client Subnet", FieldType.Bytes);
    public static readonly FieldDef OptClientAddr4 = new("dns.opt.client.addr4", "Client Subnet", FieldType.IPv4);
    public static readonly FieldDef OptClientAddr6 = new("dns.opt.client.addr6", "Client Subnet", FieldType.IPv6);
    public static readonly FieldDef OptCookieClient = new("dns.opt.cookie.client", "Client Cookie", FieldType.Bytes);
    public static readonly FieldDef OptCookieServer = new("dns.opt.cookie.server", "Server Cookie", FieldType.Bytes);
    public static readonly FieldDef OptKeepalive = new("dns.opt.edns_tcp_keepalive.timeout", "Timeout", FieldType.UInt16);
    public static readonly FieldDef OptPadding = new("dns.opt.padding", "Padding", FieldType.Bytes);
    public static readonly FieldDef OptExtErrorCode = new("dns.opt.ext_error.info_code", "Info Code", FieldType.UInt16, FieldBase.Dec, strings: ExtendedErrors);
    public static readonly FieldDef OptExtErrorText = new("dns.opt.ext_error.extra_text", "Extra Text", FieldType.String);

    public static readonly FieldDef Data = new("dns.data", "Data", FieldType.Bytes);
    public static readonly FieldDef ExtraneousData = new("dns.extraneous.data", "Extraneous Data Bytes", FieldType.Bytes);
    public static readonly FieldDef ExtraneousLength = new("dns.extraneous.length", "Extraneous Data Length", FieldType.Int32);

    public static readonly FieldDef ResponseIn = new("dns.response_in", "Response In", FieldType.FrameNum);
    public static readonly FieldDef ResponseTo = new("dns.response_to", "Request In", FieldType.FrameNum);
    public static readonly FieldDef Time = new("dns.time", "Time", FieldType.RelativeTime);
    public static readonly FieldDef Retransmission = new("dns.retransmission", "Retransmission", FieldType.Boolean, trueFalse: TrueFalse.TrueFalseText);
    public static readonly FieldDef RetransmitRequestIn = new("dns.retransmit_request_in", "Retransmitted request. Original request in", FieldType.FrameNum);
    public static readonly FieldDef RetransmitResponseIn = new("dns.retransmit_response_in", "Retransmitted response. Original response in", FieldType.FrameNum);
    public static readonly FieldDef Unsolicited = new("dns.unsolicited", "Unsolicited", FieldType.Boolean, trueFalse: TrueFalse.TrueFalseText);

    public static readonly ExpertDef UndecodedType = new("dns.unknown_type", ExpertGroup.Undecoded, ExpertSeverity.Note, "Dissector for DNS Type code not implemented");
    public static readonly ExpertDef RetransmitRequest = new("dns.retransmit_request", ExpertGroup.Sequence, ExpertSeverity.Note, "DNS query retransmission");
    public static readonly ExpertDef RetransmitResponse = new("dns.retransmit_response", ExpertGroup.Sequence, ExpertSeverity.Note, "DNS response retransmission");
    public static readonly ExpertDef BadName = new("dns.bad_name", ExpertGroup.Malformed, ExpertSeverity.Warning, "Name compression pointer loop or name too long");
    public static readonly ExpertDef TooManyRecords = new("dns.too_many_records", ExpertGroup.Malformed, ExpertSeverity.Warning, "Too many records; the rest were not dissected");
    public static readonly ExpertDef BadRdataLength = new("dns.rr.bad_length", ExpertGroup.Malformed, ExpertSeverity.Warning, "Record data length does not match its contents");

    public static ValueStrings Opcodes => s_opcodes ??= new((0, "Standard query"), (1, "Inverse query"), (2, "Server status request"),
        (4, "Zone change notification"), (5, "Dynamic update"), (6, "DNS Stateful operations (DSO)"));

    public static ValueStrings Rcodes => s_rcodes ??= new((0, "No error"), (1, "Format error"), (2, "Server failure"), (3, "No such name"),
        (4, "Not implemented"), (5, "Refused"), (6, "Name exists"), (7, "RRset exists"), (8, "RRset does not exist"), (9, "Not authoritative"),
        (10, "Name out of zone"), (11, "DSO-Type not implemented"), (16, "Bad OPT Version or TSIG Signature Failure"), (17, "Key not recognized"),
        (18, "Signature out of time window"), (19, "Bad TKEY Mode"), (20, "Duplicate key name"), (21, "Algorithm not supported"),
        (22, "Bad Truncation"), (23, "Bad/missing Server Cookie"));

    public static ValueStrings Classes => s_classes ??= new((1, "IN"), (2, "CS"), (3, "CH"), (4, "HS"), (0xfe, "NONE"), (0xff, "ANY"));

    public static ValueStrings OptionCodes => s_options ??= new((0, "Reserved"), (1, "LLQ - Long-lived query"), (2, "UL - Update lease"),
        (3, "NSID - Name Server Identifier"), (4, "Owner (reserved)"), (5, "DAU - DNSSEC Algorithm Understood (RFC6975)"),
        (6, "DHU - DS Hash Understood (RFC6975)"), (7, "N3U - NSEC3 Hash Understood (RFC6975)"), (8, "CSUBNET - Client subnet"),
        (9, "EDNS EXPIRE (RFC7314)"), (10, "COOKIE"), (11, "EDNS TCP Keepalive"), (12, "PADDING"), (13, "CHAIN"), (15, "Extended DNS Error"),
        (20730, "Experimental - CSUBNET - Client subnet"));

    public static ValueStrings SvcParamKeys => s_svc ??= new((0, "mandatory"), (1, "alpn"), (2, "no-default-alpn"), (3, "port"), (4, "ipv4hint"),
        (5, "echconfig"), (6, "ipv6hint"), (32769, "odohconfig"), (65535, "key65535"));

    public static ValueStrings DnssecAlgorithms => s_algos ??= new((1, "RSA/MD5"), (2, "Diffie-Hellman"), (3, "DSA"), (4, "Elliptic curve crypto"),
        (5, "RSA/SHA1"), (6, "DSA + NSEC3/SHA1"), (7, "RSA/SHA1 + NSEC3/SHA1"), (8, "RSA/SHA-256"), (10, "RSA/SHA-512"), (12, "GOST R 34.10-2001"),
        (13, "ECDSA Curve P-256 with SHA-256"), (14, "ECDSA Curve P-386 with SHA-386"), (15, "Ed25519"), (16, "Ed448"), (157, "HMAC/MD5"),
        (252, "Indirect key"), (253, "Private, domain name"), (254, "Private, OID"));

    public static ValueStrings ExtendedErrors => s_ede ??= new((0, "Other Error"), (1, "Unsupported DNSKEY Algorithm"), (2, "Unsupported DS Digest Type"),
        (3, "Stale Answer"), (4, "Forged Answer"), (5, "DNSSEC Indeterminate"), (6, "DNSSEC Bogus"), (7, "Signature Expired"),
        (8, "Signature Not Yet Valid"), (9, "DNSKEY Missing"), (10, "RRSIGs Missing"), (11, "No Zone Key Bit Set"), (12, "NSEC Missing"),
        (13, "Cached Error"), (14, "Not Ready"), (15, "Blocked"), (16, "Censored"), (17, "Filtered"), (18, "Prohibited"),
        (19, "Stale NXDOMAIN Answer"), (20, "Not Authoritative"), (21, "Not Supported"), (22, "No Reachable Authority"),
        (23, "Network Error"), (24, "Invalid Data"));

    private static ValueStrings? s_opcodes, s_rcodes, s_classes, s_options, s_svc, s_algos, s_ede;
}
