namespace Sniffer.Tests.Dissectors;

/// <summary>Hand-built tunnel packets (GRE, ERSPAN, Geneve, MPLS, AVSP, PIM) around an inner packet.</summary>
internal static class TunnelPackets
{

    /// <summary>dst 02:00:00:00:00:02, src 02:00:00:00:00:01, then the EtherType and payload.</summary>
    public static byte[] Ethernet(ushort etherType, byte[] payload) =>
        Convert.FromHexString("020000000002020000000001" + etherType.ToString("x4")).Concat(payload).ToArray();

    /// <summary>An IPv4 header 10.0.0.1 → 10.0.0.2, TTL 64, with the right total length (checksum left 0).</summary>
    public static byte[] IPv4(byte protocol, byte[] payload) =>
        Convert.FromHexString("4500" + (20 + payload.Length).ToString("x4") + "00010000" + "40" + protocol.ToString("x2") + "0000" + "0a000001" + "0a000002")
            .Concat(payload).ToArray();

    // GRE with C, R, K and S (0xf000), protocol IPv4:
    //   f000 0800 | checksum 0000 offset 0000 | key 0000 0028 | seq 0000 0007 |
    //   SRE: family 0800, offset 00, length 04, 0a00 0001 | null SRE 0000 0000 | inner IPv4
    public static byte[] GreWithEveryOption(byte[] innerIp) =>
        Ethernet(0x0800, IPv4(47, Convert.FromHexString("f0000800" + "00000000" + "00000028" + "00000007" + "080000040a000001" + "00000000")
            .Concat(innerIp).ToArray()));

    // PPTP's enhanced GRE (version 1) with K, S and A: 3081 880b | payload length 0004, call id 1234 | seq 1 | ack 2 | PPP ff03 0021
    public static byte[] EnhancedGre() =>
        Ethernet(0x0800, IPv4(47, Convert.FromHexString("3081880b" + "00041234" + "00000001" + "00000002" + "ff030021")));

    // GRE with S (1000 88be, seq 0010 9528), ERSPAN type II: 1065 c001 0008 4065 (vlan 101, COS 6, span 1, index 540773), mirrored frame.
    public static byte[] ErspanII(byte[] mirrored) =>
        Ethernet(0x0800, IPv4(47, Convert.FromHexString("100088be" + "00109528" + "1065c001" + "00084065").Concat(mirrored).ToArray()));

    // UDP 55555 → 6081, Geneve: 02 40 6558 | VNI 00000a 00 | option class 0000 type 80 length 01, data 0000000c | mirrored frame
    public static byte[] GeneveWithOption(byte[] mirrored)
    {
        var geneve = Convert.FromHexString("02406558" + "00000a00" + "00008001" + "0000000c").Concat(mirrored).ToArray();
        var udp = Convert.FromHexString("d90317c1" + (8 + geneve.Length).ToString("x4") + "0000").Concat(geneve).ToArray();
        return Ethernet(0x0800, IPv4(17, udp));
    }

    // Arista AVSP d28b: sub type 0001, version 0010, seconds 5ceeed57, ns 384f59c8, EtherType 8100; VLAN 100 → IPv4
    public static byte[] AristaVlan(byte[] innerIp) =>
        Ethernet(0xd28b, Convert.FromHexString("00010010" + "5ceeed57384f59c8" + "8100" + "00640800").Concat(innerIp).ToArray());

    // PIMv2 Register: 21 00 checksum, flags 00000000, then the multicast packet.
    public static byte[] PimRegister(byte[] innerIp)
    {
        var pim = Convert.FromHexString("2100" + "0000" + "00000000").Concat(innerIp).ToArray();
        // The checksum covers the 8-byte header only.
        uint sum = 0;
        for (int i = 0; i < 8; i += 2) sum += (uint)(pim[i] << 8 | pim[i + 1]);
        while (sum > 0xFFFF) sum = (sum & 0xFFFF) + (sum >> 16);
        ushort checksum = (ushort)~sum;
        pim[2] = (byte)(checksum >> 8);
        pim[3] = (byte)checksum;
        return Ethernet(0x0800, IPv4(103, pim));
    }

    // MACsec, integrity only: TCI 20 (SC, AN 0), SL 00, PN 00000001, SCI 020000000001 0064, EtherType 0800, packet, ICV (16 bytes)
    public static byte[] MacsecIntegrityOnly(byte[] innerIp) =>
        Ethernet(0x88e5, Convert.FromHexString("2000" + "00000001" + "0200000000010064" + "0800").Concat(innerIp)
            .Concat(Convert.FromHexString("079d1505db571783ceb1aec143e4e374")).ToArray());

    // NSH: 0006 (length 6 words) 01 (MD type 1) 01 (IPv4) | SPI 000309 SI 07 | four context headers | packet
    public static byte[] Nsh(byte[] innerIp) =>
        Ethernet(0x894f, Convert.FromHexString("00060101" + "00030907" + "00000001000000020000000300000004").Concat(innerIp).ToArray());

    /// <summary>
    /// UDP 50000 → 6343, sFlow v5 from agent 192.0.2.1 (sub-agent 0, seq 7, uptime 61000 ms) with one flow sample
    /// (seq 3, source 0:5, 1 in 100 of 400, in 5, out 6) holding a raw Ethernet header record of
    /// <paramref name="sampled"/> (padded to 4 bytes) and an extended switch record (VLAN 10 → 20).
    /// </summary>
    public static byte[] Sflow(byte[] sampled)
    {
        int padded = (sampled.Length + 3) & ~3;
        string raw = "00000001" + (16 + padded).ToString("x8") + "00000001" + (sampled.Length + 4).ToString("x8") + "00000004" +
            sampled.Length.ToString("x8") + Convert.ToHexString(sampled) + new string('0', 2 * (padded - sampled.Length));
        string extSwitch = "000003e9" + "00000010" + "0000000a" + "00000000" + "00000014" + "00000000";
        string body = "00000003" + "00000005" + "00000064" + "00000190" + "00000000" + "00000005" + "00000006" + "00000002" + raw + extSwitch;
        string sample = "00000001" + (body.Length / 2).ToString("x8") + body;
        var sflow = Convert.FromHexString("00000005" + "00000001" + "c0000201" + "00000000" + "00000007" + "0000ee48" + "00000001" + sample);
        var udp = Convert.FromHexString("c35018c7" + (8 + sflow.Length).ToString("x4") + "0000").Concat(sflow).ToArray();
        return Ethernet(0x0800, IPv4(17, udp));
    }
}
