using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Ip;

/// <summary>IANA protocol numbers, as ip.proto and ipv6.nxt show them.</summary>
public static class IpProtocols
{
    public const byte HopByHop = 0, Icmp = 1, Igmp = 2, IPv4InIp = 4, Tcp = 6, Udp = 17, IPv6InIp = 41, Routing = 43, Fragment = 44,
        Gre = 47, Esp = 50, Ah = 51, Icmpv6 = 58, NoNext = 59, DestinationOptions = 60, Ospf = 89, Pim = 103, Vrrp = 112, Sctp = 132, Mobility = 135;

    public static readonly ValueStrings Names = new(
        (HopByHop, "IPv6 Hop-by-Hop Option"), (Icmp, "ICMP"), (Igmp, "IGMP"), (IPv4InIp, "IPIP"), (Tcp, "TCP"), (Udp, "UDP"),
        (IPv6InIp, "IPv6"), (Routing, "Routing Header for IPv6"), (Fragment, "Fragment Header for IPv6"), (Gre, "Generic Routing Encapsulation"),
        (Esp, "Encap Security Payload"), (Ah, "Authentication Header"), (Icmpv6, "ICMPv6"), (NoNext, "No Next Header for IPv6"),
        (DestinationOptions, "Destination Options for IPv6"), (Ospf, "OSPF IGP"), (Pim, "PIM"), (Vrrp, "VRRP"), (Sctp, "SCTP"),
        (88, "EIGRP"), (Mobility, "Mobility Header"), (9, "IGP"), (8, "EGP"), (46, "RSVP"));

    /// <summary>The Protocol column for payloads Sniffer doesn't dissect.</summary>
    public static string ColumnName(byte protocol) => protocol switch
    {
        Igmp => "IGMP", Esp => "ESP", Ah => "AH", Ospf => "OSPF", Pim => "PIMv2", Vrrp => "VRRP", Sctp => "SCTP",
        88 => "EIGRP", 46 => "RSVP",
        _ => "IPv4",
    };
}
