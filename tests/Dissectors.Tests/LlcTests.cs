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
