using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Sniffer.Tests.Dissectors.Quic;

/// <summary>
/// Builds protected QUIC Initial packets for the tests with the keys RFC 9001 Appendix A.1 (and
/// RFC 9369 A.1 for v2) publishes for the client DCID 0x8394c8f03e515708, so the dissector's own key
/// derivation is checked against the RFC, not against itself.
/// </summary>
internal static class QuicTestPackets
{
    public static readonly byte[] Dcid = Convert.FromHexString("8394c8f03e515708");

    private static readonly (byte[] Key, byte[] Iv, byte[] Hp) ClientV1 =
        (Convert.FromHexString("1f369613dd76d5467730efcbe3b1a22d"), Convert.FromHexString("fa044b2f42a3fd3b46fb255c"), Convert.FromHexString("9f50449e04a0e810283a1e9933adedd2"));
    private static readonly (byte[] Key, byte[] Iv, byte[] Hp) ServerV1 =
        (Convert.FromHexString("cf3a5331653c364c88f0f379b6067e37"), Convert.FromHexString("0ac1493ca1905853b0bba03e"), Convert.FromHexString("c206b8d9b9f0f37644430b490eeaa314"));
    private static readonly (byte[] Key, byte[] Iv, byte[] Hp) ClientV2 =
        (Convert.FromHexString("8b1a0bc121284290a29e0971b5cd045d"), Convert.FromHexString("91f73e2351d8fa91660e909f"), Convert.FromHexString("45b95e15235d6f45a6b19cbcb0294ba9"));

    /// <summary>openssl's TLS 1.3 ClientHello (SNI test.example.com, ALPN h2,http/1.1) as a handshake message, without its record header.</summary>
    public static readonly byte[] ClientHello = Convert.FromHexString(
        "0100010303038f4f2108504886996bd5bf5998cdf2fd97e412c3ec7686a7f1330ffa8e1c166d206387ec20dde1b2055185356ea79614dbfe8ab0cbf5f297ac146a13de79af9245000813021303130100ff010000b2000000150013000010746573742e6578616d706c652e636f6d000b000403000102000a00160014001d0017001e0019001801000101010201030104002300000010000e000c02683208687474702f312e310016000000170000000d001e001c040305030603080708080809080a080b080408050806040105010601002b0003020304002d00020101003300260024001d0020201ee4ab971eab28ccbaa5143f185f16a589087a00922f266fb6b1a821e5c92a");

    public static byte[] Crypto(ulong offset, ReadOnlySpan<byte> data)
    {
        var frame = new List<byte> { 0x06 };
        frame.AddRange(Varint(offset));
        frame.AddRange(Varint((ulong)data.Length));
        frame.AddRange(data.ToArray());
        return frame.ToArray();
    }

    public static byte[] Varint(ulong v) => v switch
    {
        < 64 => [(byte)v],
        < 16384 => [(byte)(0x40 | v >> 8), (byte)v],
        _ => [(byte)(0x80 | v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v],
    };

    /// <summary>A client Initial to <see cref="Dcid"/>, padded to 1200 bytes like a real one.</summary>
    public static byte[] ClientInitial(uint packetNumber, ReadOnlySpan<byte> frames, bool v2 = false, int padTo = 1200) =>
        Initial(packetNumber, frames, v2 ? 0x6b3343cfu : 1u, Dcid, [], v2 ? ClientV2 : ClientV1, padTo);

    /// <summary>The server's Initial answering <see cref="ClientInitial"/> (DCID empty, SCID 0xf067a5502a4262b5).</summary>
    public static byte[] ServerInitial(uint packetNumber, ReadOnlySpan<byte> frames) =>
        Initial(packetNumber, frames, 1, [], Convert.FromHexString("f067a5502a4262b5"), ServerV1, 0);

    //  Initial: 1 1 00 rr pp | Version | DCIL DCID | SCIL SCID | Token Length (i) = 0 | Length (i, 2 bytes) | PN (4) | Payload
    private static byte[] Initial(uint pn, ReadOnlySpan<byte> frames, uint version, byte[] dcid, byte[] scid, (byte[] Key, byte[] Iv, byte[] Hp) keys, int padTo)
    {
        var header = new List<byte> { (byte)(version == 0x6b3343cf ? 0xD3 : 0xC3) };
        header.AddRange(BitConverter.GetBytes(version).Reverse());
        header.Add((byte)dcid.Length);
        header.AddRange(dcid);
        header.Add((byte)scid.Length);
        header.AddRange(scid);
        header.Add(0);
        int overhead = header.Count + 2 + 4 + 16;
        var plaintext = frames.ToArray();
        if (padTo > 0 && overhead + plaintext.Length < padTo) plaintext = plaintext.Concat(new byte[padTo - overhead - plaintext.Length]).ToArray();
        int length = 4 + plaintext.Length + 16;
        header.Add((byte)(0x40 | length >> 8));
        header.Add((byte)length);
        int pnOffset = header.Count;
        header.AddRange(BitConverter.GetBytes(pn).Reverse());
        var aad = header.ToArray();

        var nonce = (byte[])keys.Iv.Clone();
        for (int i = 0; i < 8; i++) nonce[4 + i] ^= (byte)((ulong)pn >> (8 * (7 - i)));
        var cipher = new byte[plaintext.Length];
        var tag = new byte[16];
        using (var gcm = new AesGcm(keys.Key, 16)) gcm.Encrypt(nonce, plaintext, cipher, tag, aad);
        var packet = aad.Concat(cipher).Concat(tag).ToArray();

        using var aes = Aes.Create();
        aes.Key = keys.Hp;
        var mask = aes.EncryptEcb(packet.AsSpan(pnOffset + 4, 16).ToArray(), PaddingMode.None);
        packet[0] ^= (byte)(mask[0] & 0x0F);
        for (int i = 0; i < 4; i++) packet[pnOffset + i] ^= mask[1 + i];
        return packet;
    }

    /// <summary>A first byte, a version and two connection IDs: a short Version Negotiation packet.</summary>
    public static byte[] VersionNegotiation() =>
        Convert.FromHexString("80" + "00000000" + "00" + "08" + "8394c8f03e515708" + "00000001" + "1a2a3a4a");

    public static uint ReadVersion(byte[] packet) => BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(1));
}
