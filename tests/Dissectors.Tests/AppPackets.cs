using System.Buffers.Binary;

namespace Sniffer.Tests.Dissectors;

/// <summary>Ethernet/IPv4/UDP and TCP frames around application payloads, for the DNS, HTTP and TLS tests.</summary>
internal static class AppPackets
{
    public static readonly byte[] Client = [10, 0, 0, 1];
    public static readonly byte[] Server = [10, 0, 0, 2];

    public static byte[] Udp(ushort srcPort, ushort dstPort, ReadOnlySpan<byte> payload, byte[]? src = null, byte[]? dst = null)
    {
        var udp = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, srcPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), dstPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        payload.CopyTo(udp.AsSpan(8));
        return Ethernet(IPv4(17, udp, src ?? Client, dst ?? Server));
    }

    public static byte[] Tcp(ushort srcPort, ushort dstPort, uint seq, uint ack, ReadOnlySpan<byte> payload, byte flags = 0x18, byte[]? src = null, byte[]? dst = null)
    {
        var tcp = new byte[20 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, srcPort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), dstPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(4), seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(8), ack);
        tcp[12] = 0x50;
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(14), 65535);
        payload.CopyTo(tcp.AsSpan(20));
        return Ethernet(IPv4(6, tcp, src ?? Client, dst ?? Server));
    }

    private static byte[] IPv4(byte protocol, byte[] payload, byte[] src, byte[] dst)
    {
        var ip = new byte[20 + payload.Length];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)ip.Length);
        ip[8] = 64;
        ip[9] = protocol;
        src.CopyTo(ip, 12);
        dst.CopyTo(ip, 16);
        payload.CopyTo(ip, 20);
        return ip;
    }

    private static byte[] Ethernet(byte[] payload)
    {
        var frame = new byte[14 + payload.Length];
        Convert.FromHexString("001122334455" + "66778899aabb" + "0800").CopyTo(frame, 0);
        payload.CopyTo(frame, 14);
        return frame;
    }

    /// <summary>A DNS name in wire form ("www.example.com" → 3www7example3com0).</summary>
    public static byte[] Name(string name)
    {
        var bytes = new List<byte>();
        foreach (var label in name.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        }
        bytes.Add(0);
        return bytes.ToArray();
    }
}
