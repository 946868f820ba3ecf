using Sniffer.Analysis.Pipeline;
using Sniffer.Analysis.Tcp;
using Sniffer.Capture;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Frame;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Tests.Dissectors;

/// <summary>IP defragmentation through the analyzer seam, as tshark's single pass shows it.</summary>
public class FragmentReassemblyTests
{
    private sealed record Result(DissectStatus Status, FieldNode Root, string Info, string Protocols, DataSources Sources, LayerInfo Layers);

    private static Result Run(uint number, FrameInfo info, byte[] data, IPacketAnalyzer? analyzer)
    {
        var builder = new FieldTreeBuilder();
        var sink = new TreeSink(builder);
        var ctx = PacketContext.Create(number, info, info.TimestampNs, info.TimestampNs);
        ctx.Info = new InfoColumn();
        ctx.Protocols = new ProtocolStack();
        ctx.Sources = new DataSources();
        ctx.Analyzer = analyzer;
        var status = FrameDissector.Dissect(data, ref ctx, ref sink);
        return new Result(status, builder.Root, ctx.Info!.ToString(), ctx.Protocols!.ToString(), ctx.Sources!, ctx.Layers);
    }

    private static IPacketAnalyzer NewAnalyzer() => new AnalyzerSet(new TcpAnalyzer());

    [CorpusFact]
    public void The_last_ipv4_fragment_carries_the_reassembled_ping()
    {
        var analyzer = NewAnalyzer();
        var frames = Corpus.Frames("ppa__ip_frag_source.pcapng");
        var results = frames.Select((f, i) => Run((uint)i + 1, f.Info, f.Data, analyzer)).ToList();

        Assert.Equal("Fragmented IP protocol (proto=ICMP 1, off=0, ID=7474)", results[0].Info);
        Assert.Equal("1480", Dissect.Value(results[0].Root, "data.len"));
        Assert.Null(Dissect.Value(results[0].Root, "ip.reassembled_in"));   // a single pass cannot know it yet

        var last = results[2];
        Assert.Equal("eth:ethertype:ip:icmp:data", last.Protocols);
        Assert.Equal("8", Dissect.Value(last.Root, "icmp.type"));
        Assert.Equal(["1", "2", "3"], Dissect.Values(last.Root, "ip.fragment"));
        Assert.Equal("3508", Dissect.Value(last.Root, "ip.reassembled.length"));
        Assert.Contains("[3 IPv4 Fragments (3508 bytes): #1(1480), #2(1480), #3(548)]", Dissect.Labels(last.Root));
        Assert.Contains("[Frame: 2, payload: 1480-2959 (1480 bytes)]", Dissect.Labels(last.Root));
        Assert.Equal(1, last.Sources.Count);
        Assert.Equal("Reassembled IPv4 (3508 bytes)", last.Sources[1].Name);
        // The ICMP items point into the reassembled buffer, not the frame.
        var icmp = last.Root.Descendants().First(n => n.Field?.Name == "icmp");
        Assert.Equal(1, icmp.SourceId);
        Assert.Equal(-1, last.Layers.TransportOffset);
        Assert.Equal("1", Dissect.Value(last.Root, "icmp.checksum.status"));
    }

    [CorpusFact]
    public void Revisits_read_what_the_first_pass_stored()
    {
        var analyzer = NewAnalyzer();
        var frames = Corpus.Frames("ppa__ip_frag_source.pcapng");
        for (int i = 0; i < frames.Count; i++) Run((uint)i + 1, frames[i].Info, frames[i].Data, analyzer);

        var first = Run(1, frames[0].Info, frames[0].Data, analyzer);
        Assert.Equal("3", Dissect.Value(first.Root, "ip.reassembled_in"));
        var last = Run(3, frames[2].Info, frames[2].Data, analyzer);
        Assert.Equal("8", Dissect.Value(last.Root, "icmp.type"));
        Assert.Equal(["1", "2", "3"], Dissect.Values(last.Root, "ip.fragment"));
    }

    [CorpusFact]
    public void Ipv6_fragments_are_reassembled_too()
    {
        var analyzer = NewAnalyzer();
        var frames = Corpus.Frames("ppa__ipv6_fragments.pcapng", max: 4);
        var results = frames.Select((f, i) => Run((uint)i + 1, f.Info, f.Data, analyzer)).ToList();
        Assert.StartsWith("IPv6 fragment (off=0 more=y", results[0].Info);
        Assert.Equal("128", Dissect.Value(results[1].Root, "icmpv6.type"));
        Assert.Equal("1", Dissect.Value(results[1].Root, "icmpv6.checksum.status"));
        Assert.Equal(["1", "2"], Dissect.Values(results[1].Root, "ipv6.fragment"));
    }

    // A 28-byte UDP datagram 10.0.0.1:1234 → 10.0.0.2:53 in three IPv4 fragments of 8, 8 and 12 bytes (ID 0x0042):
    //   4500 001c 0042 2000 4011 0000 0a00 0001 0a00 0002 | 04d2 0035 001c 0000      (off 0, MF)
    //   4500 001c 0042 2001 4011 0000 0a00 0001 0a00 0002 | 6162 6364 6566 6768      (off 8, MF)
    //   4500 0020 0042 0002 4011 0000 0a00 0001 0a00 0002 | 696a 6b6c 6d6e 6f70 7172 7374   (off 16)
    private static byte[] Fragment(int offsetUnits, bool more, string payloadHex)
    {
        int length = 20 + payloadHex.Length / 2;
        string flags = ((more ? 0x2000 : 0) | offsetUnits).ToString("x4");
        return TunnelPackets.Ethernet(0x0800, Convert.FromHexString(
            "4500" + length.ToString("x4") + "0042" + flags + "40110000" + "0a000001" + "0a000002" + payloadHex));
    }

    private static readonly byte[][] UdpFragments =
    [
        Fragment(0, true, "04d20035001c0000"),
        Fragment(1, true, "6162636465666768"),
        Fragment(2, false, "696a6b6c6d6e6f7071727374"),
    ];

    [Fact]
    public void Fragments_arriving_out_of_order_complete_on_the_last_arrival()
    {
        var analyzer = NewAnalyzer();
        var third = Run(1, Dissect.Info(UdpFragments[2]), UdpFragments[2], analyzer);
        var first = Run(2, Dissect.Info(UdpFragments[0]), UdpFragments[0], analyzer);
        var second = Run(3, Dissect.Info(UdpFragments[1]), UdpFragments[1], analyzer);
        Assert.Null(Dissect.Value(third.Root, "udp.srcport"));
        Assert.Null(Dissect.Value(first.Root, "udp.srcport"));
        Assert.Equal("1234", Dissect.Value(second.Root, "udp.srcport"));
        Assert.Equal("53", Dissect.Value(second.Root, "udp.dstport"));
        Assert.Equal(["2", "3", "1"], Dissect.Values(second.Root, "ip.fragment"));   // in offset order
        Assert.Equal(1234, second.Layers.SrcPort);
    }

    [Fact]
    public void A_repeated_fragment_with_other_bytes_is_flagged_as_a_conflicting_overlap()
    {
        var analyzer = NewAnalyzer();
        var changed = (byte[])UdpFragments[1].Clone();
        changed[^1] ^= 0xFF;
        Run(1, Dissect.Info(UdpFragments[0]), UdpFragments[0], analyzer);
        Run(2, Dissect.Info(UdpFragments[1]), UdpFragments[1], analyzer);
        Run(3, Dissect.Info(changed), changed, analyzer);
        var last = Run(4, Dissect.Info(UdpFragments[2]), UdpFragments[2], analyzer);
        Assert.Equal("1", Dissect.Value(last.Root, "ip.fragment.overlap"));
        Assert.Equal("1", Dissect.Value(last.Root, "ip.fragment.overlap.conflict"));
        Assert.Equal("4", Dissect.Value(last.Root, "ip.fragment.count"));
    }

    [Fact]
    public void Without_an_analyzer_fragments_stay_fragments()
    {
        foreach (var fragment in UdpFragments)
        {
            var r = Run(1, Dissect.Info(fragment), fragment, analyzer: null);
            Assert.Null(Dissect.Value(r.Root, "udp.srcport"));
            Assert.StartsWith("Fragmented IP protocol (proto=UDP 17", r.Info);
        }
    }

    [Fact]
    public void A_first_fragment_cut_by_the_snaplen_is_dissected_as_far_as_it_goes()
    {
        var whole = Fragment(0, true, "04d20035001c0000" + "6162636465666768");
        var cut = whole.AsSpan(0, whole.Length - 4).ToArray();
        var r = Run(1, Dissect.Info(cut, originalLength: whole.Length), cut, NewAnalyzer());
        Assert.Equal("1234", Dissect.Value(r.Root, "udp.srcport"));
    }
}
