using Sniffer.Capture;
using Sniffer.Dissectors.Core;

namespace Sniffer.Tests.Dissectors;

/// <summary>Hand-written packets, checked against what tshark 4.0 prints for the same bytes.</summary>
public class SmallPacketTests
{
    // ARP request, Ethernet broadcast (tcpdump -X):
    //   0x0000:  ffff ffff ffff 0016 ce6e 8b24 0806 0001  .........n.$....
    //   0x0010:  0800 0604 0001 0016 ce6e 8b24 c0a8 0072  .........n.$...r
    //   0x0020:  0000 0000 0000 c0a8 0001                 ..........
    private static readonly byte[] ArpRequest = Convert.FromHexString(
        "ffffffffffff0016ce6e8b2408060001080006040001" + "0016ce6e8b24c0a80072" + "000000000000c0a80001");

    [Fact]
    public void Arp_request_reads_like_tshark()
    {
        var r = Dissect.Tree(ArpRequest);
        Assert.Equal(DissectStatus.Complete, r.Status);
        Assert.Equal("ARP", r.Protocol);
        Assert.Equal("Who has 192.168.0.1? Tell 192.168.0.114", r.Info);
        Assert.Equal("eth:ethertype:arp", r.Protocols);
        Assert.Equal("1", Dissect.Value(r.Root, "arp.opcode"));
        Assert.Equal("192.168.0.114", Dissect.Value(r.Root, "arp.src.proto_ipv4"));
        Assert.Equal("00:16:ce:6e:8b:24", Dissect.Value(r.Root, "arp.src.hw_mac"));
        Assert.Contains("Address Resolution Protocol (request)", Dissect.Labels(r.Root));
        Assert.Contains("Opcode: request (1)", Dissect.Labels(r.Root));
    }

    [Fact]
    public void Gratuitous_arp_reply_is_named()
    {
        var bytes = (byte[])ArpRequest.Clone();
        bytes[21] = 2;                                      // opcode reply
        bytes.AsSpan(28, 4).CopyTo(bytes.AsSpan(38, 4));    // target IP = sender IP
        var r = Dissect.Tree(bytes);
        Assert.Equal("Gratuitous ARP for 192.168.0.114 (Reply)", r.Info);
        Assert.Contains("[Is gratuitous: True]", Dissect.Labels(r.Root));
    }

    [Fact]
    public void Icmp_echo_info_pads_type_and_shows_both_sequence_orders_and_ttl()
    {
        var r = Dissect.Tree(PacketDotNetAdapter.EthernetIcmpEcho(id: 0x0500, seq: 0x3400, ttl: 128));
        Assert.Equal(DissectStatus.Complete, r.Status);
        Assert.Equal("ICMP", r.Protocol);
        Assert.Equal("Echo (ping) request  id=0x0500, seq=13312/52, ttl=128", r.Info);
        var labels = Dissect.Labels(r.Root);
        Assert.Contains("Type: 8 (Echo (ping) request)", labels);
        Assert.Contains("Identifier (LE): 5 (0x0005)", labels);
        Assert.Contains(labels, l => l.StartsWith("Checksum: 0x") && l.EndsWith("[correct]"));
    }

    [Fact]
    public void Vlan_tag_gives_id_priority_and_inner_ip()
    {
        var frame = PacketDotNetAdapter.WithVlanTag(PacketDotNetAdapter.EthernetIPv4Udp(), vlanId: 11, priority: 7);
        var r = Dissect.Tree(frame);
        Assert.Equal(DissectStatus.Complete, r.Status);
        Assert.Equal("11", Dissect.Value(r.Root, "vlan.id"));
        Assert.Equal("7", Dissect.Value(r.Root, "vlan.priority"));
        Assert.Equal("eth:ethertype:vlan:ethertype:ip:udp:data", r.Protocols);
        Assert.Contains("802.1Q Virtual LAN, PRI: 7, DEI: 0, ID: 11", Dissect.Labels(r.Root));
        Assert.Contains("111. .... .... .... = Priority: Network Control (7)", Dissect.Labels(r.Root));
    }

    [Fact]
    public void Ipv6_udp_header_fields_and_labels()
    {
        var r = Dissect.Tree(PacketDotNetAdapter.EthernetIPv6Udp());
        Assert.Equal(DissectStatus.Complete, r.Status);
        Assert.Equal("2001:db8::1", Dissect.Value(r.Root, "ipv6.src"));
        Assert.Equal("18", Dissect.Value(r.Root, "ipv6.plen"));
        Assert.Equal("6", Dissect.Value(r.Root, "ip.version"));
        Assert.Contains(".... 0000 0000 0000 0000 0000 = Flow Label: 0x00000", Dissect.Labels(r.Root));
        Assert.Equal(AddressKind.IPv6, r.Layers.AddressKind);
    }

    // IPv6 first fragment (ppa ipv6_fragments frame 1, shortened): 40-byte header, fragment header, 8 bytes data.
    [Fact]
    public void Ipv6_fragment_is_not_dissected_further_and_info_matches()
    {
        var ip6 = Convert.FromHexString(
            "60000000" + "0010" + "2c" + "40" + "20010db8000100020000000000001003" + "20010db8000100020000000000001000" +
            "3a000001cde00817" + "8000b1e9ea400001");
        var frame = Convert.FromHexString("7831c1cbb256000c292f803186dd").Concat(ip6).ToArray();
        var r = Dissect.Tree(frame);
        Assert.Equal(DissectStatus.Complete, r.Status);
        Assert.Equal("IPv6 fragment (off=0 more=y ident=0xcde00817 nxt=58)", r.Info);
        Assert.Equal("eth:ethertype:ipv6:ipv6.fraghdr:data", r.Protocols);
        Assert.Null(Dissect.Value(r.Root, "icmpv6.type"));
    }

    // BSD loopback written on a big-endian host: the family 2 arrives as 00 00 00 02.
    [Theory]
    [InlineData("02000000")]
    [InlineData("00000002")]
    public void Null_family_is_read_in_either_host_order(string header)
    {
        var ip = PacketDotNetAdapter.EthernetIPv4Udp().AsSpan(14).ToArray();
        var frame = Convert.FromHexString(header).Concat(ip).ToArray();
        var r = Dissect.Tree(frame, LinkType.Null);
        Assert.Equal(DissectStatus.Complete, r.Status);
        Assert.Equal("2", Dissect.Value(r.Root, "null.family"));
        Assert.Equal("null:ip:udp:data", r.Protocols);
    }

    // Linux cooked v1: outgoing, ARPHRD_ETHER, 6-byte address, IPv4.
    [Fact]
    public void Linux_sll_v1_dispatches_on_the_protocol()
    {
        var ip = PacketDotNetAdapter.EthernetIPv4Udp().AsSpan(14).ToArray();
        var sll = Convert.FromHexString("0004" + "0001" + "0006" + "001122334455" + "0000" + "0800");
        var r = Dissect.Tree(sll.Concat(ip).ToArray(), LinkType.LinuxSll);
        Assert.Equal(DissectStatus.Complete, r.Status);
        Assert.Equal("4", Dissect.Value(r.Root, "sll.pkttype"));
        Assert.Equal("00:11:22:33:44:55", Dissect.Value(r.Root, "sll.src.eth"));
        Assert.Equal("sll:ethertype:ip:udp:data", r.Protocols);
    }

    [Fact]
    public void Icmp_port_unreachable_quotes_the_datagram_without_touching_columns()
    {
        // 10.0.0.2 -> 10.0.0.1 port unreachable, quoting 10.0.0.1:1234 -> 10.0.0.2:40053 UDP.
        var quoted = PacketDotNetAdapter.EthernetIPv4Udp().AsSpan(14, 28).ToArray();
        var icmp = new byte[8 + quoted.Length];
        icmp[0] = 3; icmp[1] = 3;
        quoted.CopyTo(icmp, 8);
        ushort sum = Sniffer.Dissectors.Ip.InternetChecksum.Compute(icmp);
        icmp[2] = (byte)(sum >> 8); icmp[3] = (byte)sum;
        var ipHeader = Convert.FromHexString("4500" + (20 + icmp.Length).ToString("x4") + "00000000" + "4001" + "0000" + "0a000002" + "0a000001");
        var frame = Convert.FromHexString("0011223344556677889900aa0800").Concat(ipHeader).Concat(icmp).ToArray();
        var r = Dissect.Tree(frame);
        Assert.Equal(DissectStatus.Complete, r.Status);
        Assert.Equal("Destination unreachable (Port unreachable)", r.Info);
        Assert.Equal(new[] { "10.0.0.2", "10.0.0.1" }, Dissect.Values(r.Root, "ip.src"));
        Assert.Equal(new[] { "40053" }, Dissect.Values(r.Root, "udp.dstport"));
        Assert.Equal("ICMP", r.Protocol);
        Assert.Equal(TransportKind.Icmp, r.Layers.Transport);
    }
}
