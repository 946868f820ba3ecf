namespace Sniffer.Capture;

/// <summary>LINKTYPE_* values as stored in pcap and pcapng files (tcpdump.org/linktypes.html).</summary>
public static class LinkType
{
    public const int Null = 0;           // BSD loopback, host byte order family
    public const int Ethernet = 1;
    public const int RawDlt12 = 12;      // DLT_RAW on most BSDs: raw IPv4/IPv6
    public const int RawDlt14 = 14;      // DLT_RAW on OpenBSD
    public const int Raw = 101;          // LINKTYPE_RAW
    public const int LinuxSll = 113;
    public const int Loop = 108;         // OpenBSD loopback, network byte order family
    public const int Ipv4 = 228;
    public const int Ipv6 = 229;
    public const int LinuxSll2 = 276;

    public static string Name(int linkType) => linkType switch
    {
        Null => "NULL",
        Ethernet => "EN10MB",
        RawDlt12 or RawDlt14 or Raw => "RAW",
        LinuxSll => "LINUX_SLL",
        Loop => "LOOP",
        Ipv4 => "IPV4",
        Ipv6 => "IPV6",
        LinuxSll2 => "LINUX_SLL2",
        _ => "LINKTYPE_" + linkType,
    };
}
