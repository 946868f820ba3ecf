using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Sniffer.Dissectors.Quic;

/// <summary>
/// Packet protection for one direction of one encryption level (RFC 9001 §5): AES-128-GCM for the
/// payload, AES-ECB for the header protection mask. Only Initial keys can be derived from the packets
/// themselves (§5.2: from the client's first Destination Connection ID and the version's salt); the
/// other levels need the TLS secrets, which a capture does not carry.
/// </summary>
public sealed class QuicPacketKeys : IDisposable
{
    public const int TagLength = 16;
    private const int SampleLength = 16;

    private readonly Aes _headerProtection;
    private readonly AesGcm _aead;
    private readonly byte[] _iv;

    private QuicPacketKeys(byte[] key, byte[] iv, byte[] hp)
    {
        _aead = new AesGcm(key, TagLength);
        _iv = iv;
        _headerProtection = Aes.Create();
        _headerProtection.Key = hp;
    }

    //  initial_secret = HKDF-Extract(initial_salt, client_dst_connection_id)
    //  client_initial_secret = HKDF-Expand-Label(initial_secret, "client in", "", 32)
    //  server_initial_secret = HKDF-Expand-Label(initial_secret, "server in", "", 32)
    //  key = HKDF-Expand-Label(secret, "quic key", "", 16); iv: "quic iv", 12; hp: "quic hp", 16
    //  (QUIC v2 labels them "quicv2 key", "quicv2 iv", "quicv2 hp")
    /// <summary>The Initial keys of the client (or the server) for a connection whose client first wrote to <paramref name="dcid"/>.</summary>
    public static QuicPacketKeys Initial(ReadOnlySpan<byte> dcid, uint version, bool server)
    {
        Span<byte> initial = stackalloc byte[32];
        HKDF.Extract(HashAlgorithmName.SHA256, dcid, QuicVersion.InitialSalt(version), initial);
        Span<byte> secret = stackalloc byte[32];
        ExpandLabel(initial, server ? "server in" : "client in", secret);
        bool v2 = QuicVersion.IsV2(version);
        var key = new byte[16];
        var iv = new byte[12];
        var hp = new byte[16];
        ExpandLabel(secret, v2 ? "quicv2 key" : "quic key", key);
        ExpandLabel(secret, v2 ? "quicv2 iv" : "quic iv", iv);
        ExpandLabel(secret, v2 ? "quicv2 hp" : "quic hp", hp);
        return new QuicPacketKeys(key, iv, hp);
    }

    //  struct {
    //      uint16 length = Length;
    //      opaque label<7..255> = "tls13 " + Label;
    //      opaque context<0..255> = Context;
    //  } HkdfLabel;                                          (RFC 8446 §7.1)
    private static void ExpandLabel(ReadOnlySpan<byte> secret, string label, Span<byte> output)
    {
        Span<byte> info = stackalloc byte[2 + 1 + 6 + label.Length + 1];
        BinaryPrimitives.WriteUInt16BigEndian(info, (ushort)output.Length);
        info[2] = (byte)(6 + label.Length);
        "tls13 "u8.CopyTo(info[3..]);
        for (int i = 0; i < label.Length; i++) info[9 + i] = (byte)label[i];
        info[^1] = 0;
        HKDF.Expand(HashAlgorithmName.SHA256, secret, output, info);
    }

    /// <summary>
    /// Removes header protection (RFC 9001 §5.4): the mask comes from the 16-byte sample that starts four
    /// bytes after the packet number's offset. Gives the first byte as sent and the truncated packet number.
    /// False when the sample is not in the captured bytes.
    /// </summary>
    public bool RemoveHeaderProtection(ReadOnlySpan<byte> packet, int pnOffset, out byte firstByte, out uint packetNumber, out int pnLength)
    {
        firstByte = 0;
        packetNumber = 0;
        pnLength = 0;
        if (pnOffset + 4 + SampleLength > packet.Length) return false;
        Span<byte> mask = stackalloc byte[SampleLength];
        _headerProtection.EncryptEcb(packet.Slice(pnOffset + 4, SampleLength), mask, PaddingMode.None);
        byte first = packet[0];
        first ^= (byte)(mask[0] & ((first & 0x80) != 0 ? 0x0F : 0x1F));
        pnLength = (first & 0x03) + 1;
        for (int i = 0; i < pnLength; i++) packetNumber = packetNumber << 8 | (byte)(packet[pnOffset + i] ^ mask[1 + i]);
        firstByte = first;
        return true;
    }

    /// <summary>
    /// Decrypts the payload after a header of <paramref name="headerLength"/> bytes (packet number
    /// included), with the unprotected first byte and packet number as associated data. The tag is the
    /// last 16 captured bytes, as in tshark: a packet cut by the snaplen fails its check.
    /// </summary>
    public QuicDecryptError Decrypt(ReadOnlySpan<byte> packet, int headerLength, byte firstByte, int pnLength, ulong packetNumber, Span<byte> plaintext, out int plaintextLength)
    {
        plaintextLength = 0;
        int cipherLength = packet.Length - headerLength - TagLength;
        if (cipherLength <= 0) return QuicDecryptError.TooShort;
        byte[]? rented = headerLength > 512 ? System.Buffers.ArrayPool<byte>.Shared.Rent(headerLength) : null;
        Span<byte> header = rented is null ? stackalloc byte[headerLength] : rented.AsSpan(0, headerLength);
        packet[..headerLength].CopyTo(header);
        header[0] = firstByte;
        for (int i = 0; i < pnLength; i++) header[headerLength - 1 - i] = (byte)(packetNumber >> (8 * i));
        Span<byte> nonce = stackalloc byte[12];
        _iv.CopyTo(nonce);
        ulong tail = BinaryPrimitives.ReadUInt64BigEndian(nonce[4..]) ^ packetNumber;
        BinaryPrimitives.WriteUInt64BigEndian(nonce[4..], tail);
        try
        {
            _aead.Decrypt(nonce, packet.Slice(headerLength, cipherLength), packet.Slice(headerLength + cipherLength, TagLength),
                plaintext[..cipherLength], header);
            plaintextLength = cipherLength;
            return QuicDecryptError.None;
        }
        catch (CryptographicException)
        {
            return QuicDecryptError.CheckTag;
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Checks a Retry packet's integrity tag (RFC 9001 §5.8): AES-128-GCM with the version's fixed key
    /// over the pseudo-packet (original DCID length and bytes, then the Retry packet without its tag).
    /// </summary>
    public static bool VerifyRetry(ReadOnlySpan<byte> retry, ReadOnlySpan<byte> originalDcid, uint version)
    {
        if (retry.Length <= TagLength) return false;
        int pseudoLength = 1 + originalDcid.Length + retry.Length - TagLength;
        var pseudo = System.Buffers.ArrayPool<byte>.Shared.Rent(pseudoLength);
        try
        {
            pseudo[0] = (byte)originalDcid.Length;
            originalDcid.CopyTo(pseudo.AsSpan(1));
            retry[..^TagLength].CopyTo(pseudo.AsSpan(1 + originalDcid.Length));
            using var gcm = new AesGcm(QuicVersion.RetryKey(version), TagLength);
            Span<byte> tag = stackalloc byte[TagLength];
            gcm.Encrypt(QuicVersion.RetryNonce(version), ReadOnlySpan<byte>.Empty, Span<byte>.Empty, tag, pseudo.AsSpan(0, pseudoLength));
            return CryptographicOperations.FixedTimeEquals(tag, retry[^TagLength..]);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(pseudo);
        }
    }

    public void Dispose()
    {
        _aead.Dispose();
        _headerProtection.Dispose();
    }
}

/// <summary>Why a payload was not decrypted, worded as tshark's expert info words it.</summary>
public enum QuicDecryptError : byte
{
    None,
    /// <summary>"Decryption (checktag) failed: Checksum error"</summary>
    CheckTag,
    /// <summary>"Decryption not possible, ciphertext is too short"</summary>
    TooShort,
    /// <summary>"Secrets are not available": Handshake, 0-RTT and 1-RTT keys come from TLS.</summary>
    NoSecrets,
    /// <summary>"Header deprotection failed" (the sample is not there).</summary>
    HeaderProtection,
    /// <summary>"Missing TLS handshake, unsupported ciphers or padding": no ServerHello named the 1-RTT cipher.</summary>
    MissingHandshake,
}
