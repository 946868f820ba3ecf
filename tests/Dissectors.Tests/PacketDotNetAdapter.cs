using System.Net;
using System.Net.NetworkInformation;
using PacketDotNet;
using PacketDotNet.Utils;

namespace Sniffer.Tests.Dissectors;

/// <summary>
/// The only place the tests touch PacketDotNet. It builds real packets for dissector tests and reads a frame's
/// addresses, ports and lengths for the cross-check. PacketDotNet parses lazily and throws on property access
/// when data is missing, so every read is guarded; OptionsCollection and ToString(Verbose) are never used
/// (a zero-length TCP option makes them loop until memory runs out).
/// </summary>
internal static class PacketDotNetAdapter
{
    public static readonly PhysicalAddress MacA = PhysicalAddress.Parse("00-11-22-33-44-55");
    public static readonly PhysicalAddress MacB = PhysicalAddress.Parse("66-77-88-99-AA-BB");

    public static byte[] EthernetIPv4Udp(string src = "10.0.0.1", string dst = "10.0.0.2", ushort srcPort = 1234, ushort dstPort = 40053, int payload = 12)
    {
        var udp = new UdpPacket(srcPort, dstPort) { PayloadData = Filler(payload) };
        var ip = new IPv4Packet(IPAddress.Parse(src), IPAddress.Parse(dst)) { TimeToLive = 64, PayloadPacket = udp };
        var eth = new EthernetPacket(MacA, MacB, EthernetType.IPv4) { PayloadPacket = ip };
        ip.UpdateCalculatedValues();
        udp.UpdateCalculatedValues();
        ip.UpdateIPChecksum();
        return eth.Bytes;
    }

    public static byte[] EthernetIPv6Udp(string src = "2001:db8::1", string dst = "2001:db8::2", ushort srcPort = 45353, ushort dstPort = 45353, int payload = 10)
    {
        var udp = new UdpPacket(srcPort, dstPort) { PayloadData = Filler(payload) };
        var ip = new IPv6Packet(IPAddress.Parse(src), IPAddress.Parse(dst)) { HopLimit = 64, PayloadPacket = udp };
        var eth = new EthernetPacket(MacA, MacB, EthernetType.IPv6) { PayloadPacket = ip };
        ip.UpdateCalculatedValues();
        udp.UpdateCalculatedValues();
        return eth.Bytes;
    }

    public static byte[] EthernetIPv4Tcp(ushort srcPort = 40000, ushort dstPort = 80)
    {
        var tcp = new TcpPacket(srcPort, dstPort) { Synchronize = true, WindowSize = 64240, SequenceNumber = 1000 };
        var ip = new IPv4Packet(IPAddress.Parse("192.168.1.10"), IPAddress.Parse("192.168.1.20")) { TimeToLive = 64, PayloadPacket = tcp };
        var eth = new EthernetPacket(MacA, MacB, EthernetType.IPv4) { PayloadPacket = ip };
        ip.UpdateCalculatedValues();
        ip.UpdateIPChecksum();
        return eth.Bytes;
    }

    public static byte[] EthernetIcmpEcho(ushort id = 0x1234, ushort seq = 1, byte ttl = 64)
    {
        var icmpBytes = new byte[8 + 16];
        var icmp = new IcmpV4Packet(new ByteArraySegment(icmpBytes))
        {
            TypeCode = IcmpV4TypeCode.EchoRequest, Id = id, Sequence = seq, Data = Filler(16),
        };
        icmp.Checksum = 0;
        icmp.Checksum = InternetChecksumOf(icmp.Bytes);
        var ip = new IPv4Packet(IPAddress.Parse("10.1.1.1"), IPAddress.Parse("10.1.1.2")) { TimeToLive = ttl, PayloadPacket = icmp };
        var eth = new EthernetPacket(MacA, MacB, EthernetType.IPv4) { PayloadPacket = ip };
        ip.UpdateCalculatedValues();
        ip.UpdateIPChecksum();
        return eth.Bytes;
    }

    public static byte[] EthernetArpRequest(string sender = "10.0.0.2", string target = "10.0.0.1")
    {
        var arp = new ArpPacket(ArpOperation.Request, PhysicalAddress.Parse("00-00-00-00-00-00"), IPAddress.Parse(target), MacA, IPAddress.Parse(sender));
        var eth = new EthernetPacket(MacA, PhysicalAddress.Parse("FF-FF-FF-FF-FF-FF"), EthernetType.Arp) { PayloadPacket = arp };
        return eth.Bytes;
    }

    /// <summary>Inserts an 802.1Q tag after the MAC addresses (PacketDotNet builds no tags itself).</summary>
    public static byte[] WithVlanTag(byte[] ethernet, ushort vlanId, byte priority = 0, ushort tpid = 0x8100)
    {
        var tagged = new byte[ethernet.Length + 4];
        ethernet.AsSpan(0, 12).CopyTo(tagged);
        tagged[12] = (byte)(tpid >> 8);
        tagged[13] = (byte)tpid;
        ushort tci = (ushort)(priority << 13 | vlanId & 0x0FFF);
        tagged[14] = (byte)(tci >> 8);
        tagged[15] = (byte)tci;
        ethernet.AsSpan(12).CopyTo(tagged.AsSpan(16));
        return tagged;
    }

    private static byte[] Filler(int n)
    {
        var b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte)('a' + i % 26);
        return b;
    }

    private static ushort InternetChecksumOf(byte[] data) => Sniffer.Dissectors.Ip.InternetChecksum.Compute(data);

    /// <summary>What PacketDotNet says about a frame; null members where it had no answer or threw.</summary>
    public sealed record View(string? SrcIp, string? DstIp, int? SrcPort, int? DstPort, int? IpTotalLength, int? Ipv6PayloadLength, int? UdpLength, int? VlanId);

    public static View Read(int linkType, byte[] frame)
    {
        Packet? packet = Guard(() => Packet.ParsePacket((LinkLayers)linkType, frame));
        if (packet is null) return new View(null, null, null, null, null, null, null, null);
        var ip4 = Guard(() => packet.Extract<IPv4Packet>());
        var ip6 = ip4 is null ? Guard(() => packet.Extract<IPv6Packet>()) : null;
        var udp = Guard(() => packet.Extract<UdpPacket>());
        var tcp = udp is null ? Guard(() => packet.Extract<TcpPacket>()) : null;
        var vlan = Guard(() => packet.Extract<Ieee8021QPacket>());
        string? src = ip4 is not null ? Guard(() => ip4.SourceAddress.ToString()) : ip6 is not null ? Guard(() => ip6.SourceAddress.ToString()) : null;
        string? dst = ip4 is not null ? Guard(() => ip4.DestinationAddress.ToString()) : ip6 is not null ? Guard(() => ip6.DestinationAddress.ToString()) : null;
        int? srcPort = udp is not null ? GuardValue(() => (int)udp.SourcePort) : tcp is not null ? GuardValue(() => (int)tcp.SourcePort) : null;
        int? dstPort = udp is not null ? GuardValue(() => (int)udp.DestinationPort) : tcp is not null ? GuardValue(() => (int)tcp.DestinationPort) : null;
        return new View(src, dst, srcPort, dstPort,
            ip4 is null ? null : GuardValue(() => (int)ip4.TotalLength),
            ip6 is null ? null : GuardValue(() => (int)ip6.PayloadLength),
            udp is null ? null : GuardValue(() => (int)udp.Length),
            vlan is null ? null : GuardValue(() => (int)vlan.VlanIdentifier));
    }

    /// <summary>Parses a frame and touches what a summary line needs, for the cost comparison.</summary>
    public static int ParseForCost(int linkType, byte[] frame)
    {
        var p = Guard(() => Packet.ParsePacket((LinkLayers)linkType, frame));
        if (p is null) return 0;
        var v = Read(linkType, frame);
        return (v.SrcPort ?? 0) + (v.SrcIp?.Length ?? 0);
    }

    private static T? Guard<T>(Func<T?> read) where T : class
    {
        try { return read(); }
        catch (Exception) { return null; }
    }

    private static int? GuardValue(Func<int> read)
    {
        try { return read(); }
        catch (Exception) { return null; }
    }
}
