using Sniffer.Capture;

namespace Sniffer.Tests.Capture;

/// <summary>Small, valid Ethernet/IPv4/UDP frames with known content.</summary>
internal static class TestFrames
{
    public const long BaseTimeNs = 1_700_000_000_123_456_789;

    public static byte[] Udp(int payloadLength, byte fill = 0xAB)
    {
        int ipLength = 20 + 8 + payloadLength;
        var f = new byte[14 + ipLength];
        // Ethernet: dst 02:00:00:00:00:02, src 02:00:00:00:00:01, type IPv4
        f[0] = 2; f[5] = 2; f[6] = 2; f[11] = 1; f[12] = 0x08; f[13] = 0x00;
        // IPv4: 10.0.0.1 -> 10.0.0.2, UDP
        f[14] = 0x45; f[16] = (byte)(ipLength >> 8); f[17] = (byte)ipLength; f[22] = 64; f[23] = 17;
        f[26] = 10; f[29] = 1; f[30] = 10; f[33] = 2;
        // UDP 40000 -> 9999
        f[34] = 0x9C; f[35] = 0x40; f[36] = 0x27; f[37] = 0x0F;
        f[38] = (byte)((8 + payloadLength) >> 8); f[39] = (byte)(8 + payloadLength);
        for (int i = 42; i < f.Length; i++) f[i] = fill;
        FixIpChecksum(f);
        return f;
    }

    private static void FixIpChecksum(byte[] f)
    {
        uint sum = 0;
        for (int i = 14; i < 34; i += 2) sum += (uint)(f[i] << 8 | f[i + 1]);
        while (sum > 0xFFFF) sum = (sum & 0xFFFF) + (sum >> 16);
        ushort checksum = (ushort)~sum;
        f[24] = (byte)(checksum >> 8); f[25] = (byte)checksum;
    }

    public static FrameInfo Info(int index, byte[] frame, int interfaceId = 0, int? originalLength = null) =>
        new(BaseTimeNs + index * 1_000_001L, Sniffer.Capture.LinkType.Ethernet, frame.Length,
            originalLength ?? frame.Length, interfaceId, 0);

    public static string TempPath(string extension) =>
        Path.Combine(Path.GetTempPath(), $"sniffer-test-{Guid.NewGuid():N}{extension}");
}
