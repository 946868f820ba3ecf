namespace Sniffer.Dissectors.Core;

/// <summary>What the UDP conversation table says about one datagram (udp.stream and its timestamps).</summary>
public struct UdpAnalysis
{
    public bool Valid;
    public uint Stream;
    /// <summary>Since the conversation's first datagram (udp.time_relative).</summary>
    public long TimeRelativeNs;
    /// <summary>Since the conversation's previous datagram (udp.time_delta).</summary>
    public long TimeDeltaNs;
}
