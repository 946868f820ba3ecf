using Sniffer.Capture;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Tests.Dissectors;

/// <summary>Cut and damaged packets: the dissectors report, never throw, and keep tree items inside the frame.</summary>
public class RobustnessTests
{
    public static TheoryData<string, int> ValidPackets()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in Packets.Keys) data.Add(name, Packets[name].LinkType);
        return data;
    }

    private static readonly Dictionary<string, (byte[] Bytes, int LinkType)> Packets = Build();

    private static Dictionary<string, (byte[], int)> Build()
    {
        var ipv4Udp = PacketDotNetAdapter.EthernetIPv4Udp();
        var quoted = ipv4Udp.AsSpan(14, 28).ToArray();
        var icmpError = new byte[8 + quoted.Length];
        icmpError[0] = 11;
        quoted.CopyTo(icmpError, 8);
        var ipIcmp = Convert.FromHexString("4500" + (20 + icmpError.Length).ToString("x4") + "000000004001ffff0a0000020a000001").Concat(icmpError).ToArray();
        // MLDv2 report with a hop-by-hop Router Alert, as in tcpdump's dcb_ets capture.
        var mld = Convert.FromHexString(
            "6000000000240001fe800000000000000a0027fffe46e884ff020000000000000000000000000016" +
            "3a0005020000010" + "0" + "8f00583e0000000104000000ff0200000000000000000001ff000000");
        var ns = Convert.FromHexString(
            "6000000000203aff" + "fe800000000000000a0027fffe46e884" + "ff0200000000000000000001ff46e884" +
            "87000000" + "00000000" + "fe800000000000000a0027fffe46e884" + "0101080027 46e884".Replace(" ", ""));
        var innerIp = ipv4Udp.AsSpan(14).ToArray();
        return new()
        {
            ["eth-gre-all-options"] = (TunnelPackets.GreWithEveryOption(innerIp), LinkType.Ethernet),
            ["eth-pptp-gre"] = (TunnelPackets.EnhancedGre(), LinkType.Ethernet),
            ["eth-gre-erspan2"] = (TunnelPackets.ErspanII(ipv4Udp), LinkType.Ethernet),
            ["eth-udp-geneve-option"] = (TunnelPackets.GeneveWithOption(ipv4Udp), LinkType.Ethernet),
            ["eth-udp-sflow-header"] = (TunnelPackets.Sflow(ipv4Udp), LinkType.Ethernet),
            ["eth-mpls-ipv4"] = (TunnelPackets.Ethernet(0x8847, Convert.FromHexString("00400140").Concat(innerIp).ToArray()), LinkType.Ethernet),
            ["eth-avsp-vlan-ipv4"] = (TunnelPackets.AristaVlan(innerIp), LinkType.Ethernet),
            ["eth-pim-register"] = (TunnelPackets.PimRegister(innerIp), LinkType.Ethernet),
            ["eth-macsec-ipv4"] = (TunnelPackets.MacsecIntegrityOnly(innerIp), LinkType.Ethernet),
            ["eth-nsh-ipv4"] = (TunnelPackets.Nsh(innerIp), LinkType.Ethernet),
            ["ieee8023-snap-ipv4"] = (LlcTests.SnapIPv4(innerIp), LinkType.Ethernet),
            ["eth-ipv4-options-udp"] = (TunnelPackets.Ethernet(0x0800, Convert.FromHexString(
                "4b00003400010000401100000a0000010a000002" + "070b080a00000100000000" + "94040000" + "4406050100000001" + "01" + "04d200350008" + "0000")), LinkType.Ethernet),
            ["eth-ipv4-udp"] = (ipv4Udp, LinkType.Ethernet),
            ["eth-ipv6-udp"] = (PacketDotNetAdapter.EthernetIPv6Udp(), LinkType.Ethernet),
            ["eth-icmp-echo"] = (PacketDotNetAdapter.EthernetIcmpEcho(), LinkType.Ethernet),
            ["eth-arp"] = (PacketDotNetAdapter.EthernetArpRequest(), LinkType.Ethernet),
            ["vlan-ipv4-udp"] = (PacketDotNetAdapter.WithVlanTag(ipv4Udp, 100), LinkType.Ethernet),
            ["qinq-ipv4-udp"] = (PacketDotNetAdapter.WithVlanTag(PacketDotNetAdapter.WithVlanTag(ipv4Udp, 100), 200, tpid: 0x88a8), LinkType.Ethernet),
            ["raw-icmp-time-exceeded"] = (ipIcmp, LinkType.Raw),
            ["raw-ipv6-mld-hopopts"] = (mld, LinkType.Raw),
            ["raw-ipv6-ns"] = (ns, LinkType.Raw),
            ["null-ipv4"] = (Convert.FromHexString("02000000").Concat(ipv4Udp.AsSpan(14).ToArray()).ToArray(), LinkType.Null),
            ["sll-ipv4"] = (Convert.FromHexString("00000001000600112233445500000800").Concat(ipv4Udp.AsSpan(14).ToArray()).ToArray(), LinkType.LinuxSll),
            ["sll2-ipv6"] = (Convert.FromHexString("86dd000000000002000104060011223344550000").Concat(PacketDotNetAdapter.EthernetIPv6Udp().AsSpan(14).ToArray()).ToArray(), LinkType.LinuxSll2),
        };
    }

    [Theory]
    [MemberData(nameof(ValidPackets))]
    public void Whole_packet_is_complete(string name, int linkType)
    {
        var r = Dissect.Tree(Packets[name].Bytes, linkType);
        Assert.Equal(DissectStatus.Complete, r.Status);
    }

    [Theory]
    [MemberData(nameof(ValidPackets))]
    public void Every_snaplen_cut_is_reported_as_truncated_or_malformed_and_never_throws(string name, int linkType)
    {
        var bytes = Packets[name].Bytes;
        int payloadStart = PayloadStart(Dissect.Tree(bytes, linkType).Root, bytes.Length);
        for (int cut = 0; cut < bytes.Length; cut++)
        {
            var prefix = bytes.AsSpan(0, cut).ToArray();
            // Cut by the capture (the wire length is the whole packet)...
            var r = Dissect.Tree(prefix, linkType, originalLength: bytes.Length);
            // Like Wireshark, opaque payload (data, a quoted datagram) that was not captured is no error: nobody reads it.
            if (cut < payloadStart) Assert.True(r.Status is DissectStatus.Truncated or DissectStatus.Malformed, $"{name} cut {cut}: {r.Status}");
            AssertInside(r.Root, prefix.Length, $"{name} cut {cut}");
            // ...or a packet that really is that short.
            var s = Dissect.Tree(prefix, linkType);
            AssertInside(s.Root, prefix.Length, $"{name} short {cut}");
        }
    }

    [Theory]
    [MemberData(nameof(ValidPackets))]
    public void Random_mutations_never_throw(string name, int linkType)
    {
        var bytes = Packets[name].Bytes;
        var random = new Random(20261125);
        var values = new FieldValueSet();
        values.WantAll();
        for (int i = 0; i < 2000; i++)
        {
            var mutated = (byte[])bytes.Clone();
            int flips = 1 + random.Next(4);
            for (int f = 0; f < flips; f++) mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            var r = Dissect.Tree(mutated, linkType);
            AssertInside(r.Root, mutated.Length, $"{name} mutation {i}");
            Dissect.Collect(mutated, Dissect.Info(mutated, linkType), values);
        }
    }

    /// <summary>Where bytes nobody parses begin: the data item, the UDP payload or an ICMP error's quote.</summary>
    private static int PayloadStart(FieldNode root, int length)
    {
        int start = length, ipCount = 0;
        foreach (var n in root.Descendants())
        {
            string? f = n.Field?.Name;
            if (f is "data" or "udp.payload") start = Math.Min(start, n.Offset);
            if (f is "ip" or "ipv6" && ++ipCount == 2) start = Math.Min(start, n.Offset);
        }
        return start;
    }

    internal static void AssertInside(FieldNode root, int frameLength, string what)
    {
        foreach (var n in root.Descendants())
        {
            if (n.SourceId != 0) continue; // reassembled data: offsets into its own buffer (CorpusRobustnessTests checks those)
            Assert.True(n.Offset >= 0 && n.Length >= 0 && n.Offset + n.Length <= Math.Max(frameLength, n.Offset),
                $"{what}: {n.Field?.Name ?? n.Label} at {n.Offset}+{n.Length} outside {frameLength} bytes");
        }
    }
}
