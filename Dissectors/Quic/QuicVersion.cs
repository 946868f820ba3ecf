namespace Sniffer.Dissectors.Quic;

/// <summary>
/// QUIC versions as Wireshark 4.0 tells them apart (packet-quic.c): which draft a version follows
/// (that picks the Initial salt and the Retry key), the long-header packet types of v1 and v2, and
/// the names the Version field shows.
/// </summary>
public static class QuicVersion
{
    public const uint VersionNegotiation = 0, V1 = 1, V2 = 0x6b3343cf;

    /// <summary>
    /// quic_draft_version: the draft a version is based on, 0 when unknown. Versions of the form
    /// 0x?a?a?a?a (reserved to force version negotiation) count as draft 29 in tshark 4.0, so an
    /// Initial sent with one is protected with draft 29's salt.
    /// </summary>
    public static int Draft(uint version)
    {
        if (version >> 8 == 0xff0000) return (byte)version;
        if (version == 0xfaceb001) return 22;
        if (version is 0xfaceb002 or 0xfaceb00e) return 27;
        if (IsGoogleOverIetf(version)) return 27;
        if ((version & 0x0F0F0F0F) == 0x0a0a0a0a) return 29;
        if (version == V1) return 34;
        if (version == V2) return 100;
        return 0;
    }

    /// <summary>Google QUIC Q050, T050, T051: IETF long headers, but gQUIC frames inside.</summary>
    public static bool IsGoogleOverIetf(uint version) => version is 0x51303530 or 0x54303530 or 0x54303531;

    public static bool IsV2(uint version) => version == V2;

    /// <summary>is_quic_draft_max: a known draft no later than <paramref name="max"/>.</summary>
    public static bool IsDraftAtMost(uint version, int max)
    {
        int draft = Draft(version);
        return draft != 0 && draft <= max;
    }

    public const byte Initial = 0, ZeroRtt = 1, Handshake = 2, Retry = 3;
    /// <summary>Version Negotiation has a long header but no packet type.</summary>
    public const byte VersionNegotiationPacket = 0xFE;
    public const byte ShortHeader = 0xFF;

    /// <summary>The packet type in v1's numbering (Initial 0, 0-RTT 1, Handshake 2, Retry 3); v2 permutes the wire values.</summary>
    public static byte LongPacketType(byte firstByte, uint version)
    {
        int wire = (firstByte & 0x30) >> 4;
        if (!IsV2(version)) return (byte)wire;
        return wire switch { 0 => Retry, 1 => Initial, 2 => ZeroRtt, _ => Handshake };
    }

    public static string PacketTypeName(byte type) => type switch
    {
        Initial => "Initial",
        ZeroRtt => "0-RTT",
        Handshake => "Handshake",
        Retry => "Retry",
        _ => "Long Header",
    };

    // The Initial salts (RFC 9001 §5.2, RFC 9369 §3.3.1 and the drafts before them).
    private static ReadOnlySpan<byte> SaltDraft22 => [0x7f, 0xbc, 0xdb, 0x0e, 0x7c, 0x66, 0xbb, 0xe9, 0x19, 0x3a, 0x96, 0xcd, 0x21, 0x51, 0x9e, 0xbd, 0x7a, 0x02, 0x64, 0x4a];
    private static ReadOnlySpan<byte> SaltDraft23 => [0xc3, 0xee, 0xf7, 0x12, 0xc7, 0x2e, 0xbb, 0x5a, 0x11, 0xa7, 0xd2, 0x43, 0x2b, 0xb4, 0x63, 0x65, 0xbe, 0xf9, 0xf5, 0x02];
    private static ReadOnlySpan<byte> SaltDraft29 => [0xaf, 0xbf, 0xec, 0x28, 0x99, 0x93, 0xd2, 0x4c, 0x9e, 0x97, 0x86, 0xf1, 0x9c, 0x61, 0x11, 0xe0, 0x43, 0x90, 0xa8, 0x99];
    private static ReadOnlySpan<byte> SaltV1 => [0x38, 0x76, 0x2c, 0xf7, 0xf5, 0x59, 0x34, 0xb3, 0x4d, 0x17, 0x9a, 0xe6, 0xa4, 0xc8, 0x0c, 0xad, 0xcc, 0xbb, 0x7f, 0x0a];
    private static ReadOnlySpan<byte> SaltV2 => [0x0d, 0xed, 0xe3, 0xde, 0xf7, 0x00, 0xa6, 0xdb, 0x81, 0x93, 0x81, 0xbe, 0x6e, 0x26, 0x9d, 0xcb, 0xf9, 0xbd, 0x2e, 0xd9];

    /// <summary>quic_derive_initial_secrets' choice of salt (unknown versions get v2's, as in tshark).</summary>
    public static ReadOnlySpan<byte> InitialSalt(uint version)
    {
        if (IsDraftAtMost(version, 22)) return SaltDraft22;
        if (IsDraftAtMost(version, 28)) return SaltDraft23;
        if (IsDraftAtMost(version, 32)) return SaltDraft29;
        if (IsDraftAtMost(version, 34)) return SaltV1;
        return SaltV2;
    }

    // Retry Integrity Tag keys and nonces (RFC 9001 §5.8, RFC 9369 §3.3.3, drafts 25 and 29).
    private static ReadOnlySpan<byte> RetryKeyDraft25 => [0x4d, 0x32, 0xec, 0xdb, 0x2a, 0x21, 0x33, 0xc8, 0x41, 0xe4, 0x04, 0x3d, 0xf2, 0x7d, 0x44, 0x30];
    private static ReadOnlySpan<byte> RetryNonceDraft25 => [0x4d, 0x16, 0x11, 0xd0, 0x55, 0x13, 0xa5, 0x52, 0xc5, 0x87, 0xd5, 0x75];
    private static ReadOnlySpan<byte> RetryKeyDraft29 => [0xcc, 0xce, 0x18, 0x7e, 0xd0, 0x9a, 0x09, 0xd0, 0x57, 0x28, 0x15, 0x5a, 0x6c, 0xb9, 0x6b, 0xe1];
    private static ReadOnlySpan<byte> RetryNonceDraft29 => [0xe5, 0x49, 0x30, 0xf9, 0x7f, 0x21, 0x36, 0xf0, 0x53, 0x0a, 0x8c, 0x1c];
    private static ReadOnlySpan<byte> RetryKeyV1 => [0xbe, 0x0c, 0x69, 0x0b, 0x9f, 0x66, 0x57, 0x5a, 0x1d, 0x76, 0x6b, 0x54, 0xe3, 0x68, 0xc8, 0x4e];
    private static ReadOnlySpan<byte> RetryNonceV1 => [0x46, 0x15, 0x99, 0xd3, 0x5d, 0x63, 0x2b, 0xf2, 0x23, 0x98, 0x25, 0xbb];
    private static ReadOnlySpan<byte> RetryKeyV2 => [0x8f, 0xb4, 0xb0, 0x1b, 0x56, 0xac, 0x48, 0xe2, 0x60, 0xfb, 0xcb, 0xce, 0xad, 0x7c, 0xcc, 0x92];
    private static ReadOnlySpan<byte> RetryNonceV2 => [0xd8, 0x69, 0x69, 0xbc, 0x2d, 0x7c, 0x6d, 0x99, 0x90, 0xef, 0xb0, 0x4a];

    public static ReadOnlySpan<byte> RetryKey(uint version) =>
        IsDraftAtMost(version, 28) ? RetryKeyDraft25 : IsDraftAtMost(version, 32) ? RetryKeyDraft29 : IsDraftAtMost(version, 34) ? RetryKeyV1 : RetryKeyV2;

    public static ReadOnlySpan<byte> RetryNonce(uint version) =>
        IsDraftAtMost(version, 28) ? RetryNonceDraft25 : IsDraftAtMost(version, 32) ? RetryNonceDraft29 : IsDraftAtMost(version, 34) ? RetryNonceV1 : RetryNonceV2;

    /// <summary>The Version field's text: tshark's quic_version_vals range strings.</summary>
    public static string Name(uint v) => v switch
    {
        0 => "Version Negotiation",
        1 => "1",
        >= 0x45474700 and <= 0x454747ff => "Quant",
        0x50435130 or 0x50435131 => "Picoquic internal",
        0x50524f58 => "Proxied QUIC (PROX)",
        0x51303433 => "Google Q043",
        0x51303434 => "Google Q044",
        0x51303436 => "Google Q046",
        0x51303530 => "Google Q050",
        >= 0x51474f00 and <= 0x51474fff => "QGO (QUIC GO)",
        0x54303530 => "Google T050",
        0x54303531 => "Google T051",
        >= 0x91c17000 and <= 0x91c170ff => "Quicly",
        >= 0xabcd0000 and <= 0xabcd000f => "MsQuic",
        >= 0xf0f0f0f0 and <= 0xf0f0f0ff => "ETH Zürich (Measurability experiments)",
        >= 0xf0f0f1f0 and <= 0xf0f0f1ff => "Telecom Italia (Measurability experiments)",
        >= 0xf123f0c0 and <= 0xf123f0cf => "MozQuic",
        0xfaceb001 => "Facebook mvfst (draft-22)",
        0xfaceb002 => "Facebook mvfst (draft-27)",
        >= 0xfaceb003 and <= 0xfaceb00d => "Facebook mvfst",
        0xfaceb00e => "Facebook mvfst (Experimental)",
        0xfaceb00f => "Facebook mvfst",
        >= 0xff000004 and <= 0xff000022 => "draft-" + ((int)(v & 0xff)).ToString("00", System.Globalization.CultureInfo.InvariantCulture),
        0xff020000 => "v2-draft-00",
        0x709a50c4 => "v2-draft-01",
        V2 => "2",
        _ => "Unknown",
    };
}
