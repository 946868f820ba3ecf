using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Ip;

[FieldTable]
public static class IcmpFields
{
    public static readonly FieldDef Icmp = FieldDef.Protocol("icmp", "Internet Control Message Protocol");
    public static readonly FieldDef Type = new("icmp.type", "Type", FieldType.UInt8);
    public static readonly FieldDef Code = new("icmp.code", "Code", FieldType.UInt8);
    public static readonly FieldDef Checksum = new("icmp.checksum", "Checksum", FieldType.UInt16, FieldBase.Hex);
    public static readonly FieldDef ChecksumStatus = new("icmp.checksum.status", "Checksum Status", FieldType.UInt8, strings: ChecksumStatusNames.Names);
    public static readonly ExpertDef ChecksumBad = new("icmp.checksum_bad", ExpertGroup.Checksum, ExpertSeverity.Error, "Bad checksum");
    public static readonly FieldDef Ident = new("icmp.ident", "Identifier (BE)", FieldType.UInt16, FieldBase.DecHex);
    public static readonly FieldDef IdentLe = new("icmp.ident_le", "Identifier (LE)", FieldType.UInt16, FieldBase.DecHex);
    public static readonly FieldDef Seq = new("icmp.seq", "Sequence Number (BE)", FieldType.UInt16, FieldBase.DecHex);
    public static readonly FieldDef SeqLe = new("icmp.seq_le", "Sequence Number (LE)", FieldType.UInt16, FieldBase.DecHex);
    public static readonly FieldDef DataTime = new("icmp.data_time", "Timestamp from icmp data", FieldType.AbsoluteTime);
    public static readonly FieldDef DataTimeRelative = new("icmp.data_time_relative", "Timestamp from icmp data (relative)", FieldType.RelativeTime);
    public static readonly FieldDef Unused = new("icmp.unused", "Unused", FieldType.Bytes);
    public static readonly FieldDef Reserved = new("icmp.reserved", "Reserved", FieldType.Bytes);
    public static readonly FieldDef Length = new("icmp.length", "Length", FieldType.UInt8);
    public static readonly FieldDef Mtu = new("icmp.mtu", "MTU of next hop", FieldType.UInt16);
    public static readonly FieldDef RedirGw = new("icmp.redir_gw", "Gateway Address", FieldType.IPv4);
    public static readonly FieldDef Pointer = new("icmp.pointer", "Pointer", FieldType.UInt32);
    public static readonly FieldDef NumAddrs = new("icmp.num_addrs", "Number of addresses", FieldType.UInt8);
    public static readonly FieldDef AddrEntrySize = new("icmp.addr_entry_size", "Address entry size", FieldType.UInt8);
    public static readonly FieldDef Lifetime = new("icmp.lifetime", "Lifetime", FieldType.UInt16);
    public static readonly FieldDef RouterAddress = new("icmp.router_address", "Router address", FieldType.IPv4);
    public static readonly FieldDef PrefLevel = new("icmp.pref_level", "Preference level", FieldType.Int32);
    public static readonly FieldDef OriginateTimestamp = new("icmp.originate_timestamp", "Originate timestamp", FieldType.UInt32);
    public static readonly FieldDef ReceiveTimestamp = new("icmp.receive_timestamp", "Receive timestamp", FieldType.UInt32);
    public static readonly FieldDef TransmitTimestamp = new("icmp.transmit_timestamp", "Transmit timestamp", FieldType.UInt32);
    public static readonly FieldDef AddressMask = new("icmp.address_mask", "Address Mask", FieldType.IPv4);

    public static readonly ValueStrings TypeNames = new(
        (0, "Echo (ping) reply"), (1, "Reserved"), (2, "Reserved"), (3, "Destination unreachable"), (4, "Source quench (flow control)"),
        (5, "Redirect"), (6, "Alternate host address"), (8, "Echo (ping) request"), (9, "Router advertisement"), (10, "Router solicitation"),
        (11, "Time-to-live exceeded"), (12, "Parameter problem"), (13, "Timestamp request"), (14, "Timestamp reply"),
        (15, "Information request"), (16, "Information reply"), (17, "Address mask request"), (18, "Address mask reply"),
        (19, "Reserved (for security)"), (30, "Traceroute"), (31, "Datagram Conversion Error"), (32, "Mobile Host Redirect"),
        (33, "IPv6 Where-Are-You"), (34, "IPv6 I-Am-Here"), (35, "Mobile Registration Request"), (36, "Mobile Registration Reply"),
        (37, "Domain Name Request"), (38, "Domain Name Reply"), (39, "SKIP"), (40, "Photuris"),
        (41, "Experimental mobility protocols"), (42, "Extended Echo request"), (43, "Extended Echo reply"));

    public static readonly ValueStrings UnreachableCodes = new(
        (0, "Network unreachable"), (1, "Host unreachable"), (2, "Protocol unreachable"), (3, "Port unreachable"),
        (4, "Fragmentation needed"), (5, "Source route failed"), (6, "Destination network unknown"), (7, "Destination host unknown"),
        (8, "Source host isolated"), (9, "Network administratively prohibited"), (10, "Host administratively prohibited"),
        (11, "Network unreachable for TOS"), (12, "Host unreachable for TOS"), (13, "Communication administratively filtered"),
        (14, "Host precedence violation"), (15, "Precedence cutoff in effect"));

    public static readonly ValueStrings RedirectCodes = new(
        (0, "Redirect for network"), (1, "Redirect for host"), (2, "Redirect for TOS and network"), (3, "Redirect for TOS and host"));

    public static readonly ValueStrings TimeExceededCodes = new((0, "Time to live exceeded in transit"), (1, "Fragment reassembly time exceeded"));

    public static readonly ValueStrings ParameterProblemCodes = new((0, "Pointer indicates the error"), (1, "Required option missing"), (2, "Bad length"));

    public static readonly ValueStrings AlternateHostCodes = new((0, "Alternate address for host"));

    public static readonly ValueStrings RouterAdvertCodes = new((0, "Normal router advertisement"), (16, "Does not route common traffic"));

    public static readonly ValueStrings PhoturisCodes = new(
        (0, "Bad SPI"), (1, "Authentication Failed"), (2, "Decompression Failed"), (3, "Decryption Failed"),
        (4, "Need Authentication"), (5, "Need Authorization"));
}
