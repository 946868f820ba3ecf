using Sniffer.Dissectors.Core;

namespace Sniffer.Tests.Dissectors;

/// <summary>802.3 length frames and the LLC/SNAP header they carry.</summary>
public class LlcTests
{
    // 802.3 frame, LLC SNAP with OUI 0 carrying IPv4 (RFC 1042), length 0x0024 = 8 + 28, then 6 bytes of padding:
    //   0x0000:  0200 0000 0002 0200 0000 0001 0024 aaaa  ...............$..
    //   0x0010:  0300 0000 0800 | 4500 001c ...  (IPv4/UDP)           | 0000 0000 0000
    internal static byte[] SnapIPv4(byte[] innerIp) =>
        Convert.FromHexString("020000000002020000000001" + (8 + innerIp.Length).ToString("x4") + "aaaa03000000" + "0800")
            .Concat(innerIp).Concat(new byte[6]).ToArray();

    [CorpusFact]
    public void Spanning_tree_bpdu_frame_reads_like_tshark()
    {
        var (info, data) = Corpus.Frames("tcpdump__various_gre.pcap", max: 3)[2];
        var r = Dissect.Tree(data, info);
        Assert.Equal("eth:llc:data", r.Protocols);
        var labels = Dissect.Labels(r.Root);
        Assert.Contains("IEEE 802.3 Ethernet ", labels);
        Assert.Contains("Padding: 0000000000000000", labels);
        Assert.Contains("DSAP: Spanning Tree BPDU (0x42)", labels);
        Assert.Contains("Control field: U, func=UI (0x03)", labels);
        Assert.Contains(".... ..11 = Frame type: Unnumbered frame (0x3)", labels);
    }

    [CorpusFact]
    public void Cisco_snap_names_the_organization_and_pid()
    {
        var (info, data) = Corpus.Frames("tcpdump__various_gre.pcap", max: 2)[1];
        var labels = Dissect.Labels(Dissect.Tree(data, info).Root);
        Assert.Contains("Organization Code: 00:00:0c (Cisco Systems, Inc)", labels);
        Assert.Contains("PID: PVSTP+ (0x010b)", labels);
    }

    [Fact]
    public void Snap_with_oui_zero_carries_an_ethertype()
    {
        var r = Dissect.Tree(SnapIPv4(PacketDotNetAdapter.EthernetIPv4Udp().AsSpan(14).ToArray()));
        Assert.Equal(DissectStatus.Complete, r.Status);
        Assert.Equal("eth:llc:ip:udp:data", r.Protocols);
        Assert.Equal("0x0800", Dissect.Value(r.Root, "llc.type"));
        Assert.Equal("000000000000", Dissect.Value(r.Root, "eth.padding"));
    }
}

/// <summary>IPv4 options, one item each, as tshark shows them.</summary>
public class IPv4OptionTests
{
    // IPv4 with a Router Alert option (IGMP-style), then UDP:
    //   4600 0020 0001 0000 0111 0000 0a00 0001 e000 0001 | 9404 0000 | UDP header ...
    [Fact]
    public void Router_alert_is_decoded()
    {
        var udp = Convert.FromHexString("04d200350008" + "0000");
        var ip = Convert.FromHexString("4600" + (24 + udp.Length).ToString("x4") + "00010000" + "0111" + "0000" + "0a000001" + "e0000001" + "94040000")
            .Concat(udp).ToArray();
        var r = Dissect.Tree(TunnelPackets.Ethernet(0x0800, ip));
        var labels = Dissect.Labels(r.Root);
        Assert.Contains("Options: (4 bytes), Router Alert", labels);
        Assert.Contains("IP Option - Router Alert (4 bytes): Router shall examine packet (0)", labels);
        Assert.Contains("...1 0100 = Number: Router Alert (20)", labels);
        Assert.Equal("148", Dissect.Value(r.Root, "ip.opt.type"));
        Assert.Equal("1234", Dissect.Value(r.Root, "udp.srcport"));
    }

    // Record Route with room for two addresses, one recorded: 0707 08 0a000001 00000000 | NOP
    [Fact]
    public void Record_route_separates_recorded_and_empty_slots_and_bad_lengths_get_a_note()
    {
        var ip = Convert.FromHexString("4800" + "0020" + "00010000" + "4011" + "0000" + "0a000001" + "0a000002" + "070b08" + "0a000001" + "00000000" + "01");
        var r = Dissect.Tree(TunnelPackets.Ethernet(0x0800, ip));
        Assert.Equal("10.0.0.1", Dissect.Value(r.Root, "ip.rec_rt"));
        Assert.Equal("0.0.0.0", Dissect.Value(r.Root, "ip.empty_rt"));
        Assert.Contains("Empty Route: 0.0.0.0 <- (next)", Dissect.Labels(r.Root));

        var bad = (byte[])ip.Clone();
        bad[21] = 40;   // the option claims to run past the header
        var b = Dissect.Tree(TunnelPackets.Ethernet(0x0800, bad));
        Assert.NotNull(Dissect.Value(b.Root, "ip.opt.len.invalid"));
    }
}
