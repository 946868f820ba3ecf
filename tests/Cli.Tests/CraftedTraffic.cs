using System.Buffers.Binary;
using Sniffer.Capture;

namespace Sniffer.Tests.Cli;

/// <summary>Ethernet/IPv4/TCP and UDP frames built byte by byte, and a pcap writer for them: hostile traffic made in the test.</summary>
internal static class CraftedTraffic
{
    public const byte Syn = 0x02, Ack = 0x10, Psh = 0x08;

    public static byte[] Tcp(uint src, uint dst, ushort srcPort, ushort dstPort, uint seq, uint ack, byte flags, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[14 + 20 + 20 + payload.Length];
        Ip(frame, src, dst, 6, 20 + payload.Length);
        var tcp = frame.AsSpan(34);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, srcPort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], dstPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], ack);
        tcp[12] = 0x50;
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 65535);
        payload.CopyTo(tcp[20..]);
        return frame;
    }

    public static byte[] Udp(uint src, uint dst, ushort srcPort, ushort dstPort, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[14 + 20 + 8 + payload.Length];
        Ip(frame, src, dst, 17, 8 + payload.Length);
        var udp = frame.AsSpan(34);
        BinaryPrimitives.WriteUInt16BigEndian(udp, srcPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], dstPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(8 + payload.Length));
        payload.CopyTo(udp[8..]);
        return frame;
    }

    private static void Ip(byte[] frame, uint src, uint dst, byte protocol, int payloadLength)
    {
        frame[0] = 0x02; frame[6] = 0x02; frame[11] = 1;
        frame[12] = 0x08;
        var ip = frame.AsSpan(14);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + payloadLength));
        ip[8] = 64;
        ip[9] = protocol;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], src);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], dst);
    }

    public static uint Address(byte a, byte b, byte c, byte d) => (uint)(a << 24 | b << 16 | c << 8 | d);

    /// <summary>Writes frames 1 µs apart to a pcap file.</summary>
    public static void WritePcap(string path, IEnumerable<byte[]> frames)
    {
        using var writer = new PcapWriter(path, new CaptureInterface(LinkType.Ethernet, 262144, null, null, 1_000_000));
        long ts = 1_700_000_000_000_000_000;
        foreach (var frame in frames)
        {
            writer.Write(new FrameInfo(ts, LinkType.Ethernet, frame.Length, frame.Length, 0, 0), frame);
            ts += 1000;
        }
        writer.Close();
    }
}
