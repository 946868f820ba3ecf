using Sniffer.Dissectors.Core;

namespace Sniffer.Tests.Dissectors;

/// <summary>GRE, ERSPAN, Geneve, MPLS, Arista AVSP and PIM Register: real captures first, then hand-built packets.</summary>
public class TunnelTests
{
    private static readonly byte[] InnerEthernet = PacketDotNetAdapter.EthernetIPv4Udp();
    private static byte[] InnerIp => InnerEthernet.AsSpan(14).ToArray();

    private static Dissect.TreeResult CorpusFrame(string file, int number)
    {
        var frames = Corpus.Frames(file, max: number);
        var (info, data) = frames[number - 1];
        return Dissect.Tree(data, info);
    }

    [CorpusFact]
    public void Erspan_type_I_carries_the_mirrored_frame_without_a_header()
    {
        var r = CorpusFrame("tcpdump__erspan-type-i-4.pcap", 1);
        Assert.Equal("eth:ethertype:ip:gre:erspan:eth:ethertype:ip:icmp:data", r.Protocols);
        Assert.Equal(["00:23:89:af:cd:0e", "00:50:56:84:01:7d"], Dissect.Values(r.Root, "eth.src"));
        Assert.Contains("Encapsulated Remote Switch Packet ANalysis Type I", Dissect.Labels(r.Root));
        Assert.Contains("Generic Routing Encapsulation (ERSPAN)", Dissect.Labels(r.Root));
    }

    [CorpusFact]
    public void Erspan_type_II_and_III_headers_read_like_tshark()
    {
        var ii = CorpusFrame("tcpdump__erspan-type-ii-2.pcap", 1);
        Assert.Equal("101", Dissect.Value(ii.Root, "erspan.vlan"));
        Assert.Equal("540773", Dissect.Value(ii.Root, "erspan.index"));
        Assert.Contains("0001 .... .... .... = Version: Type II (1)", Dissect.Labels(ii.Root));
        Assert.Equal("1985", Dissect.Value(ii.Root, "udp.srcport"));

        var iii = CorpusFrame("tcpdump__erspan-type-iii-ft-0.pcap", 1);
        Assert.Equal("20", Dissect.Value(iii.Root, "erspan.vlan"));
        Assert.Equal("2740542463", Dissect.Value(iii.Root, "erspan.timestamp"));
        Assert.Contains(".... .... .... .11. = Timestamp granularity: Custom granularity (3)", Dissect.Labels(iii.Root));
        Assert.Equal("f8:c2:88:90:d2:7b", Dissect.Values(iii.Root, "eth.src")[1]);
    }

    [CorpusFact]
    public void Erspan_type_III_cut_in_its_platform_header_is_truncated()
    {
        var r = CorpusFrame("tcpdump__erspan-type-iii-pb-1.pcap", 1);
        Assert.Equal(DissectStatus.Truncated, r.Status);
        Assert.Equal("raw:ipv6:ipv6.dstopts:gre:erspan", r.Protocols);
    }

    [CorpusFact]
    public void Gre_key_and_cisco_metadata_lead_to_the_inner_ping()
    {
        var r = CorpusFrame("tcpdump__various_gre.pcap", 25);
        Assert.Equal("eth:ethertype:vlan:ethertype:ip:gre:cmd:ip:icmp:data", r.Protocols);
        Assert.Equal("0x00000028", Dissect.Value(r.Root, "gre.key"));
        Assert.Equal("0x0800", Dissect.Value(r.Root, "cmd.type"));
        Assert.Equal(["10.172.64.6", "172.17.1.54"], Dissect.Values(r.Root, "ip.src"));
    }

    [CorpusFact]
    public void Geneve_options_and_inner_frame()
    {
        var r = CorpusFrame("tcpdump__geneve.pcap", 1);
        Assert.Contains("Generic Network Virtualization Encapsulation, VNI: 0x00000a", Dissect.Labels(r.Root));
        Assert.Contains("Unknown, Class: Standard (0x0000) Type: 0x80 (Critical)", Dissect.Labels(r.Root));
        Assert.Equal("0000000c", Dissect.Value(r.Root, "geneve.option.unknown.data"));
        Assert.Equal("b6:9e:d2:49:51:48", Dissect.Values(r.Root, "eth.src")[1]);
    }

    [CorpusFact]
    public void Pim_register_decodes_the_multicast_packet_but_keeps_pim_columns()
    {
        var r = CorpusFrame("tcpdump__PIM_register_register-stop.pcap", 1);
        Assert.Equal("PIMv2", r.Protocol);
        Assert.Equal("Register", r.Info);
        Assert.Equal(["192.168.0.6", "192.168.20.10"], Dissect.Values(r.Root, "ip.src"));
        Assert.Equal("1", Dissect.Value(r.Root, "pim.cksum.status"));
    }

    [CorpusFact]
    public void Arista_timestamp_hides_the_vlan_tag_and_mpls()
    {
        var vlan = CorpusFrame("tcpdump__arista_ether.pcap", 4);
        Assert.Equal("100", Dissect.Value(vlan.Root, "vlan.id"));
        Assert.Equal("1559162202", Dissect.Value(vlan.Root, "avsp.64sec"));
        var mpls = CorpusFrame("tcpdump__arista_ether.pcap", 3);
        Assert.Equal("eth:ethertype:avsp:ethertype:mpls:ip:data", mpls.Protocols);
        Assert.Equal("1024", Dissect.Value(mpls.Root, "mpls.label"));
    }

    [Fact]
    public void Gre_with_every_option_reads_checksum_key_sequence_and_routing()
    {
        var r = Dissect.Tree(TunnelPackets.GreWithEveryOption(InnerIp));
        Assert.Equal(DissectStatus.Complete, r.Status);
        Assert.Equal("eth:ethertype:ip:gre:ip:udp:data", r.Protocols);
        Assert.Equal("0x00000028", Dissect.Value(r.Root, "gre.key"));
        Assert.Equal("7", Dissect.Value(r.Root, "gre.sequence_number"));
        Assert.Equal(["2048", "0"], Dissect.Values(r.Root, "gre.routing.address_family"));
        Assert.Equal("0a000001", Dissect.Value(r.Root, "gre.routing.information"));
    }

    [Fact]
    public void Enhanced_gre_splits_the_key_into_payload_length_and_call_id()
    {
        var r = Dissect.Tree(TunnelPackets.EnhancedGre());
        Assert.Equal("4", Dissect.Value(r.Root, "gre.key.payload_length"));
        Assert.Equal("4660", Dissect.Value(r.Root, "gre.key.call_id"));
        Assert.Equal("2", Dissect.Value(r.Root, "gre.ack_number"));
        Assert.Contains(".... .... .... .001 = Version: Enhanced GRE (1)", Dissect.Labels(r.Root));
        Assert.Equal("Encapsulated PPP", r.Info);
    }

    [Fact]
    public void Hand_built_erspan_geneve_mpls_avsp_and_pim_reach_the_inner_udp()
    {
        foreach (var packet in new[]
        {
            TunnelPackets.ErspanII(InnerEthernet), TunnelPackets.GeneveWithOption(InnerEthernet), TunnelPackets.AristaVlan(InnerIp),
            TunnelPackets.Ethernet(0x8847, Convert.FromHexString("00400140").Concat(InnerIp).ToArray()), TunnelPackets.PimRegister(InnerIp),
            TunnelPackets.MacsecIntegrityOnly(InnerIp), TunnelPackets.Nsh(InnerIp),
        })
        {
            var r = Dissect.Tree(packet);
            Assert.Equal(DissectStatus.Complete, r.Status);
            Assert.NotNull(Dissect.Value(r.Root, "udp.srcport"));
        }
    }
}
