using Sniffer.Capture;

namespace Sniffer.Fuzz;

/// <summary>Every fuzz target by name: each link type, IP and the transports, the application protocols, the readers, the filter compiler and the TCP analyzer.</summary>
public static class Targets
{
    public static readonly string[] Names =
    [
        "eth", "sll", "raw", "loopback", "ipv4", "ipv6", "tcp", "udp", "icmp", "dns", "http", "tls", "quic", "sflow",
        "pcap", "pcapng", "gzip", "filter", "tcpstream",
    ];

    public static FuzzTarget Create(string name) => name switch
    {
        "eth" => new FrameTarget(name, "eth", s => s.LinkType == LinkType.Ethernet),
        "sll" => new FrameTarget(name, "sll", s => s.LinkType is LinkType.LinuxSll or LinkType.LinuxSll2),
        "raw" => new FrameTarget(name, "ip", s => s.LinkType is LinkType.Raw or LinkType.RawDlt12 or LinkType.RawDlt14 or LinkType.Ipv4 or LinkType.Ipv6),
        "loopback" => new FrameTarget(name, "null", s => s.LinkType is LinkType.Null or LinkType.Loop),
        "ipv4" => new FrameTarget(name, "ip"),
        "ipv6" => new FrameTarget(name, "ipv6"),
        "tcp" => new FrameTarget(name, "tcp"),
        "udp" => new FrameTarget(name, "udp"),
        "icmp" => new FrameTarget(name, "icmp", s => s.Has("icmp") || s.Has("icmpv6")),
        "dns" => new FrameTarget(name, "dns"),
        "http" => new FrameTarget(name, "http"),
        "tls" => new FrameTarget(name, "tls"),
        "quic" => new FrameTarget(name, "quic"),
        "sflow" => new FrameTarget(name, "sflow"),
        "pcap" => new CaptureFileTarget(CaptureFileTarget.Kind.Pcap),
        "pcapng" => new CaptureFileTarget(CaptureFileTarget.Kind.Pcapng),
        "gzip" => new CaptureFileTarget(CaptureFileTarget.Kind.Gzip),
        "filter" => new FilterTarget(),
        "tcpstream" => new TcpStreamTarget(),
        _ => throw new ArgumentException($"unknown fuzz target \"{name}\"; targets: {string.Join(", ", Names)}"),
    };
}
