using Sniffer.Dissectors.Core;

namespace Sniffer.Tests.Dissectors;

/// <summary>sFlow v5: tcpdump's captures (answers from tshark 4.0 -V / -T fields), then hand-built datagrams.</summary>
public class SflowTests
{
    private static readonly byte[] Sampled = PacketDotNetAdapter.EthernetIPv4Udp();

    private static Dissect.TreeResult CorpusFrame(string file, int number) =>
        Dissect.Tree(Corpus.Frames(file, max: number)[number - 1].Data, Corpus.Frames(file, max: number)[number - 1].Info);

    [CorpusFact]
    public void Expanded_flow_sample_header_is_dissected_as_an_inner_packet()
    {
        var r = CorpusFrame("tcpdump__sflow_expanded.pcap", 1);
        Assert.Equal(DissectStatus.Complete, r.Status);
        Assert.Equal("sFlow", r.Protocol);
        Assert.Equal("V5, agent 49.49.49.49, sub-agent ID 0, seq 115694180, 1 samples", r.Info);
        Assert.StartsWith("eth:ethertype:ip:udp:sflow:eth:ethertype:vlan:ethertype:ip:tcp", r.Protocols);
        Assert.Equal(["64", "61"], Dissect.Values(r.Root, "ip.ttl"));
        Assert.Equal("809", Dissect.Value(r.Root, "vlan.id"));
        Assert.Equal("4166351748", Dissect.Value(r.Root, "tcp.seq"));
        Assert.Equal("11001", Dissect.Value(r.Root, "sflow.flow_sample.source_id_index"));
        Assert.Equal(["1", "1003", "1002"], Dissect.Values(r.Root, "sflow_245.flow_record_format"));
        Assert.Equal(["54.54.54.54", "54.54.54.54"], Dissect.Values(r.Root, "sflow_245.nexthop"));
        Assert.Contains("SysUptime: 40 days, 2 hours, 30 minutes, 2 seconds (3465002224ms)", Dissect.Labels(r.Root));
        Assert.Contains(".... .... .... .... .... 0000 0000 0011 = sFlow sample type: Expanded flow sample (3)", Dissect.Labels(r.Root));
        // The outer packet keeps its own layers: the analysis and columns never see the sampled one.
        Assert.Equal(TransportKind.Udp, r.Layers.Transport);
    }

    [CorpusFact]
    public void Ipv6_agent_and_every_sample_of_a_long_datagram()
    {
        var r = CorpusFrame("tcpdump__sflow-print-v6.pcap", 20);
        Assert.Equal("30::1:1:1", Dissect.Value(r.Root, "sflow_245.agent.v6"));
        Assert.Equal("8", Dissect.Value(r.Root, "sflow_245.numsamples"));
        Assert.Equal(8, Dissect.Values(r.Root, "sflow_245.sampletype").Count);
        // Six raw headers: each sampled Ethernet frame adds an eth.src (tshark prints seven).
        Assert.Equal(7, Dissect.Values(r.Root, "eth.src").Count);
        Assert.Equal(6, Dissect.Values(r.Root, "ip.src").Count);
    }

    [Fact]
    public void Hand_built_flow_sample_reads_every_field()
    {
        var r = Dissect.Tree(TunnelPackets.Sflow(Sampled));
        Assert.Equal(DissectStatus.Complete, r.Status);
        Assert.Equal("192.0.2.1", Dissect.Value(r.Root, "sflow_245.agent"));
        Assert.Equal("7", Dissect.Value(r.Root, "sflow_245.sequence_number"));
        Assert.Equal("100", Dissect.Value(r.Root, "sflow.flow_sample.sampling_rate"));
        Assert.Equal("5", Dissect.Value(r.Root, "sflow.flow_sample.index"));
        Assert.Equal("0x00000006", Dissect.Value(r.Root, "sflow.flow_sample.output_interface"));
        Assert.Equal(Sampled.Length.ToString(), Dissect.Value(r.Root, "sflow_245.header.sampled_header_length"));
        Assert.Equal(["10", "20"], [Dissect.Value(r.Root, "sflow_245.vlan.in")!, Dissect.Value(r.Root, "sflow_245.vlan.out")!]);
        Assert.Equal(2, Dissect.Values(r.Root, "udp.srcport").Count);
        Assert.Contains("SysUptime: 1 minute, 1 second (61000ms)", Dissect.Labels(r.Root));
        Assert.Equal("sFlow", r.Protocol);
    }

    [Fact]
    public void Sample_longer_than_the_datagram_is_malformed_after_the_fields_before_it()
    {
        var bytes = TunnelPackets.Sflow(Sampled);
        int sample = 14 + 20 + 8 + 28;
        bytes[sample + 4] = 0x7f; // sample length 0x7f......: far beyond the datagram
        var r = Dissect.Tree(bytes);
        Assert.Equal(DissectStatus.Malformed, r.Status);
        Assert.Equal("1", Dissect.Value(r.Root, "sflow_245.numsamples"));
        Assert.Equal("1", Dissect.Value(r.Root, "sflow_245.sampletype"));
        Assert.Null(Dissect.Value(r.Root, "sflow.flow_sample.sequence_number"));
        Assert.Contains(Dissect.Labels(r.Root), l => l.Contains("Malformed Packet"));
        Assert.NotNull(Dissect.Value(r.Root, "sflow.length.invalid"));
    }

    [Fact]
    public void Sampled_header_length_beyond_its_record_is_malformed_without_an_inner_packet()
    {
        var bytes = TunnelPackets.Sflow(Sampled);
        int headerLength = 14 + 20 + 8 + 28 + 8 + 32 + 8 + 12;
        bytes[headerLength + 2] = 0x10; // 4096 + n bytes of header in a record of n + 16
        var r = Dissect.Tree(bytes);
        Assert.Equal(DissectStatus.Malformed, r.Status);
        Assert.Single(Dissect.Values(r.Root, "eth.src"));
        Assert.Null(Dissect.Value(r.Root, "sflow_245.header"));
    }

    [Fact]
    public void Other_versions_show_the_version_only()
    {
        var bytes = TunnelPackets.Sflow(Sampled);
        bytes[14 + 20 + 8 + 3] = 4;
        var r = Dissect.Tree(bytes);
        Assert.Equal(DissectStatus.Complete, r.Status);
        Assert.Equal("4", Dissect.Value(r.Root, "sflow_245.version"));
        Assert.Null(Dissect.Value(r.Root, "sflow_245.agenttype"));
    }
}
