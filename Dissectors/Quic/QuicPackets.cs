using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Quic;

/// <summary>
/// One QUIC packet inside a datagram: its header (long, short, Retry, Version Negotiation), the
/// removal of header protection and the decryption of Initial payloads, then its frames.
/// Offsets given to the sink are frame offsets (<paramref name="at"/> is where the packet starts).
/// </summary>
internal static class QuicPackets
{
    /// <param name="packet">The captured bytes of the packet.</param>
    /// <param name="length">Its length as sent (the capture may hold less).</param>
    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> packet, int length, int at, ref QuicDatagram dgram, QuicPacketRecord? record,
        InfoColumn? info, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        byte first = packet[0];
        int end;
        var status = DissectStatus.Complete;
        if ((first & 0x80) != 0)
        {
            sink.AddUInt(QuicFields.HeaderForm, at, 1, first);
            if (packet.Length < 5) return DissectStatus.Truncated;
            uint version = BinaryPrimitives.ReadUInt32BigEndian(packet[1..]);
            byte type = QuicVersion.LongPacketType(first, version);
            if (version == 0) end = VersionNegotiation(packet, at, info, ref sink);
            else if (type == QuicVersion.Retry) end = Retry(packet, at, version, ref dgram, record, info, ref ctx, ref sink);
            else end = LongHeader(packet, at, version, type, ref dgram, record, info, ref ctx, ref sink, ref status);
        }
        else
        {
            end = ShortHeader(packet, at, ref dgram, record, info, ref ctx, ref sink);
        }
        if (end < 0) return packet.Length < length ? DissectStatus.Truncated : DissectStatus.Malformed;
        if (end < packet.Length) sink.AddBytes(QuicFields.RemainingPayload, at + end, packet.Length - end, packet[end..]);
        return status;
    }

    // Long header (RFC 9000 §17.2):
    //   Header Form (1) = 1 | Fixed Bit (1) = 1 | Long Packet Type (2) | Type-Specific Bits (4) |
    //   Version (32) | DCID Len (8) | DCID (0..160) | SCID Len (8) | SCID (0..160) |
    //   Initial: Token Length (i) | Token | Length (i) | Packet Number (8..32) | Payload
    private static int LongHeader<TSink>(ReadOnlySpan<byte> packet, int at, uint version, byte type, ref QuicDatagram dgram, QuicPacketRecord? record,
        InfoColumn? info, ref PacketContext ctx, ref TSink sink, ref DissectStatus status)
        where TSink : struct, IFieldSink
    {
        var ids = QuicDissector.ExtractHeader(packet);
        var conn = dgram.Connection;
        bool fromServer = dgram.FromServer;
        if (dgram.FirstVisit && record is not null && conn is not null) PrepareLongHeader(packet, type, version, ids, conn, fromServer, record);

        byte firstByte = record?.FirstByte ?? 0;
        int pnLength = conn is not null ? record?.PacketNumberLength ?? 0 : 0;
        byte raw = packet[0];
        sink.AddUInt(QuicFields.FixedBit, at, 1, raw);
        sink.AddUInt(QuicVersion.IsV2(version) ? QuicFields.LongPacketTypeV2 : QuicFields.LongPacketType, at, 1, raw);
        if (pnLength != 0)
        {
            sink.AddUInt(QuicFields.LongReserved, at, 1, firstByte);
            sink.AddUInt(QuicFields.PacketNumberLength, at, 1, firstByte);
        }
        info?.Set(QuicVersion.PacketTypeName(type));
        int pos = CommonHeader(packet, at, info, ref sink);
        if (pos < 0) return -1;
        if (type == QuicVersion.Initial)
        {
            int n = QuicVarint.Read(packet, pos, out ulong tokenLength);
            if (n == 0) return -1;
            sink.AddUInt(QuicFields.TokenLength, at + pos, n, tokenLength);
            pos += n;
            if (tokenLength > 0)
            {
                if (tokenLength > (ulong)(packet.Length - pos)) return -1;
                sink.AddBytes(QuicFields.Token, at + pos, (int)tokenLength, packet.Slice(pos, (int)tokenLength));
                pos += (int)tokenLength;
            }
        }
        int m = QuicVarint.Read(packet, pos, out ulong payloadLength);
        if (m == 0) return -1;
        sink.AddUInt(QuicFields.Length, at + pos, m, payloadLength);
        pos += m;

        if (record is { HeaderError: not QuicDecryptError.None } failed)
        {
            Notes.Add(ref ctx, ref sink, QuicFields.DecryptionFailed, at, 0, ErrorMessage("Failed to create decryption context: ", failed.HeaderError, sink.WantsTree));
            return pos;
        }
        if (conn is null || pnLength == 0)
        {
            Notes.Add(ref ctx, ref sink, QuicFields.DecryptionFailed, at, 0, sink.WantsTree ? "Failed to decrypt packet number" : null);
            return pos;
        }
        if (pos + pnLength > packet.Length) return -1;
        ulong pn = record!.PacketNumber;
        sink.AddUInt(QuicFields.PacketNumber, at + pos, pnLength, pn);
        info?.Append(", PKN: ").Append((long)pn);
        pos += pnLength;
        status = Payload(packet, pos, at, conn, fromServer, type, QuicFields.Payload, ref dgram, record, info, ref ctx, ref sink);
        return packet.Length;
    }

    /// <summary>
    /// First visit: the Initial keys (created from the client's first Destination Connection ID, or again when
    /// the server's Initial changes the version), header protection, and the full packet number.
    /// </summary>
    private static void PrepareLongHeader(ReadOnlySpan<byte> packet, byte type, uint version, in QuicHeaderIds ids, QuicConnection conn, bool fromServer, QuicPacketRecord record)
    {
        QuicPacketKeys? keys;
        switch (type)
        {
            case QuicVersion.Initial:
                if (!fromServer && ids.Dcid.Equals(conn.ClientDcidInitial)) CreateInitialKeys(conn, ids.Dcid);
                else if (fromServer && version != conn.Version)
                {
                    // Compatible version negotiation: the server moved the connection to another version.
                    conn.Version = version;
                    CreateInitialKeys(conn, conn.ClientDcidInitial);
                }
                keys = fromServer ? conn.ServerInitialKeys : conn.ClientInitialKeys;
                break;
            case QuicVersion.Handshake:
                record.HeaderError = QuicDecryptError.NoSecrets;
                return;
            case QuicVersion.ZeroRtt when !fromServer:
                record.HeaderError = QuicDecryptError.NoSecrets;
                return;
            default:
                return;
        }
        int pnOffset = PacketNumberOffset(packet, type);
        if (keys is null || pnOffset < 0 || !keys.RemoveHeaderProtection(packet, pnOffset, out byte firstByte, out uint truncated, out int pnLength))
        {
            record.HeaderError = QuicDecryptError.HeaderProtection;
            return;
        }
        record.FirstByte = firstByte;
        record.PacketNumberLength = pnLength;
        record.PacketNumber = FullPacketNumber(conn.MaxPacketNumber(fromServer, type), truncated, 8 * pnLength);
    }

    private static void CreateInitialKeys(QuicConnection conn, QuicCid dcid)
    {
        Span<byte> bytes = stackalloc byte[QuicCid.MaxLength];
        dcid.CopyTo(bytes);
        conn.ClientInitialKeys?.Dispose();
        conn.ServerInitialKeys?.Dispose();
        conn.ClientInitialKeys = QuicPacketKeys.Initial(bytes[..dcid.Length], conn.Version, server: false);
        conn.ServerInitialKeys = QuicPacketKeys.Initial(bytes[..dcid.Length], conn.Version, server: true);
    }

    /// <summary>Where the packet number starts: after the connection IDs, the Initial's token and the Length field.</summary>
    private static int PacketNumberOffset(ReadOnlySpan<byte> packet, byte type)
    {
        if (packet.Length < 6) return -1;
        int pos = 6 + packet[5];
        if (pos >= packet.Length) return -1;
        pos += 1 + packet[pos];
        if (type == QuicVersion.Initial)
        {
            int n = QuicVarint.Read(packet, pos, out ulong token);
            if (n == 0 || token > (ulong)packet.Length) return -1;
            pos += n + (int)token;
        }
        int m = QuicVarint.Read(packet, pos, out _);
        return m == 0 ? -1 : pos + m;
    }

    /// <summary>
    /// The full packet number closest to the one after the largest seen in its space (RFC 9000 Appendix A.3;
    /// tshark's quic_pkt_adjust_pkt_num, which starts the largest at 0).
    /// </summary>
    public static ulong FullPacketNumber(ulong largest, ulong truncated, int bits)
    {
        ulong expected = largest == ulong.MaxValue ? largest : largest + 1;
        ulong window = 1UL << bits;
        ulong candidate = (expected & ~(window - 1)) | truncated;
        ulong next = (expected & ~(window - 1)) + window | truncated;
        ulong d1 = expected < candidate ? candidate - expected : expected - candidate;
        ulong d2 = expected < next ? next - expected : expected - next;
        return d1 < d2 ? candidate : next;
    }

    /// <summary>
    /// The payload item, its decryption on the first visit, and the frames of what it decrypted to
    /// (from a "Decrypted QUIC" data source). The largest packet number moves on only when it decrypted.
    /// </summary>
    private static DissectStatus Payload<TSink>(ReadOnlySpan<byte> packet, int pos, int at, QuicConnection conn, bool fromServer, byte type, FieldDef field,
        ref QuicDatagram dgram, QuicPacketRecord record, InfoColumn? info, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        var status = DissectStatus.Complete;
        sink.AddBytes(field, at + pos, packet.Length - pos, packet[pos..]);
        if (dgram.FirstVisit)
        {
            var keys = type == QuicVersion.Initial ? (fromServer ? conn.ServerInitialKeys : conn.ClientInitialKeys) : null;
            if (keys is not null)
            {
                var plaintext = new byte[Math.Max(0, packet.Length - pos - QuicPacketKeys.TagLength)];
                record.PayloadError = keys.Decrypt(packet, pos, record.FirstByte, record.PacketNumberLength, record.PacketNumber, plaintext, out int n);
                if (record.PayloadError == QuicDecryptError.None) record.Plaintext = n == plaintext.Length ? plaintext : plaintext[..n];
            }
        }
        if (record.PayloadError != QuicDecryptError.None)
        {
            sink.Push();
            Notes.Add(ref ctx, ref sink, QuicFields.DecryptionFailed, at + pos, packet.Length - pos, ErrorMessage("Decryption failed: ", record.PayloadError, sink.WantsTree));
            sink.Pop();
        }
        else if (record.Plaintext is { } plain)
        {
            int source = 0;
            if (sink.WantsTree && ctx.Sources is not null) source = ctx.Sources.Add("Decrypted QUIC", plain);
            sink.UseDataSource(source);
            status = QuicFrames.Dissect(plain, conn, fromServer, type, record, ref dgram, source, info, ref ctx, ref sink);
            sink.UseDataSource(0);
        }
        if (dgram.FirstVisit && record.PayloadError == QuicDecryptError.None && record.HeaderError == QuicDecryptError.None)
            conn.MaxPacketNumber(fromServer, type) = record.PacketNumber;
        return status;
    }

    private static string? ErrorMessage(string prefix, QuicDecryptError error, bool wanted) => !wanted ? null : prefix + error switch
    {
        QuicDecryptError.CheckTag => "Decryption (checktag) failed: Checksum error",
        QuicDecryptError.TooShort => "Decryption not possible, ciphertext is too short",
        QuicDecryptError.NoSecrets => "Secrets are not available",
        QuicDecryptError.HeaderProtection => "Header deprotection failed",
        QuicDecryptError.MissingHandshake => "Missing TLS handshake, unsupported ciphers or padding",
        _ => "",
    };

    /// <summary>Version, connection ID lengths and IDs (dissect_quic_long_header_common); -1 when cut short.</summary>
    private static int CommonHeader<TSink>(ReadOnlySpan<byte> packet, int at, InfoColumn? info, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (packet.Length < 6) return -1;
        uint version = BinaryPrimitives.ReadUInt32BigEndian(packet[1..]);
        sink.AddUInt(QuicFields.Version, at + 1, 4, version);
        if (sink.WantsTree)
        {
            string label = $"Version: {QuicVersion.Name(version)} (0x{version:x8})";
            if ((version & 0x0F0F0F0F) == 0x0a0a0a0a) label += " (Forcing Version Negotiation)";
            sink.SetLabel(label);
        }
        int pos = 5;
        int dcil = packet[pos];
        sink.AddUInt(QuicFields.Dcil, at + pos, 1, (ulong)dcil);
        pos++;
        if (pos + dcil > packet.Length) return -1;
        var dcid = packet.Slice(pos, dcil);
        if (dcil > 0) sink.AddBytes(QuicFields.Dcid, at + pos, dcil, dcid);
        pos += dcil;
        if (pos >= packet.Length) return -1;
        int scil = packet[pos];
        sink.AddUInt(QuicFields.Scil, at + pos, 1, (ulong)scil);
        pos++;
        if (pos + scil > packet.Length) return -1;
        var scid = packet.Slice(pos, scil);
        if (scil > 0) sink.AddBytes(QuicFields.Scid, at + pos, scil, scid);
        pos += scil;
        // tshark names the IDs it could keep (at most 20 bytes).
        if (info is not null)
        {
            if (dcil is > 0 and <= QuicCid.MaxLength) info.Append(", DCID=").AppendHex(dcid);
            if (scil is > 0 and <= QuicCid.MaxLength) info.Append(", SCID=").AppendHex(scid);
        }
        return pos;
    }

    // Short header (RFC 9000 §17.3):
    //   Header Form (1) = 0 | Fixed Bit (1) = 1 | Spin Bit (1) | Reserved (2) | Key Phase (1) |
    //   Packet Number Length (2) | DCID (0..160) | Packet Number (8..32) | Payload
    private static int ShortHeader<TSink>(ReadOnlySpan<byte> packet, int at, ref QuicDatagram dgram, QuicPacketRecord? record,
        InfoColumn? info, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        var conn = dgram.Connection;
        int dcidLength = conn is null ? 0 : (dgram.FromServer ? conn.ClientCids[0] : conn.ServerCids[0]).Length;
        if (dgram.FirstVisit && conn is not null && record is not null && !conn.SkipDecryption)
        {
            // 1-RTT keys come from TLS: without its secrets the first short packet says why, and the rest say nothing.
            if (conn.TlsCipherKnown)
            {
                conn.SkipDecryption = true;
                record.HeaderError = QuicDecryptError.NoSecrets;
            }
            else record.HeaderError = QuicDecryptError.MissingHandshake;
        }
        sink.AddNone(QuicFields.Short, at, packet.Length);
        string? dcidText = null;
        if (dcidLength > 0 && 1 + dcidLength <= packet.Length && (sink.WantsTree || info is not null)) dcidText = Convert.ToHexStringLower(packet.Slice(1, dcidLength));
        if (sink.WantsTree && dcidText is not null) sink.SetLabel("QUIC Short Header DCID=" + dcidText);
        sink.Push();
        sink.AddUInt(QuicFields.HeaderForm, at, 1, packet[0]);
        sink.AddUInt(QuicFields.FixedBit, at, 1, packet[0]);
        sink.AddUInt(QuicFields.SpinBit, at, 1, packet[0]);
        info?.Set("Protected Payload (KP0)");
        int pos = 1;
        if (dcidLength > 0)
        {
            if (1 + dcidLength > packet.Length)
            {
                sink.Pop();
                return -1;
            }
            sink.AddBytes(QuicFields.Dcid, at + 1, dcidLength, packet.Slice(1, dcidLength));
            info?.Append(", DCID=").Append(dcidText!);
            pos += dcidLength;
        }
        sink.Pop();
        if (record is { HeaderError: not QuicDecryptError.None } failed)
            Notes.Add(ref ctx, ref sink, QuicFields.DecryptionFailed, at, 0, ErrorMessage("Failed to create decryption context: ", failed.HeaderError, sink.WantsTree));
        return pos;
    }

    // Retry (RFC 9000 §17.2.5): long header, then Retry Token | Retry Integrity Tag (128)
    private static int Retry<TSink>(ReadOnlySpan<byte> packet, int at, uint version, ref QuicDatagram dgram, QuicPacketRecord? record,
        InfoColumn? info, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        sink.AddUInt(QuicVersion.IsV2(version) ? QuicFields.LongPacketTypeV2 : QuicFields.LongPacketType, at, 1, packet[0]);
        info?.Set("Retry");
        int pos = CommonHeader(packet, at, info, ref sink);
        if (pos < 0) return -1;
        if (QuicVersion.IsDraftAtMost(version, 24))
        {
            if (pos >= packet.Length) return -1;
            int odcil = packet[pos];
            sink.AddUInt(QuicFields.Odcil, at + pos, 1, (ulong)odcil);
            pos++;
            if (pos + odcil > packet.Length) return -1;
            sink.AddBytes(QuicFields.Odcid, at + pos, odcil, packet.Slice(pos, odcil));
            pos += odcil;
        }
        int tokenLength = packet.Length - pos;
        bool tagged = !QuicVersion.IsDraftAtMost(version, 24);
        if (tagged && tokenLength >= 16) tokenLength -= 16;
        sink.AddBytes(QuicFields.RetryToken, at + pos, tokenLength, packet.Slice(pos, tokenLength));
        pos += tokenLength;
        if (!tagged) return pos;
        if (pos + 16 > packet.Length) return -1;
        sink.AddBytes(QuicFields.RetryIntegrityTag, at + pos, 16, packet.Slice(pos, 16));
        if (dgram.FirstVisit && record is not null && dgram.HasRetryOdcid)
        {
            Span<byte> odcid = stackalloc byte[QuicCid.MaxLength];
            dgram.RetryOdcid.CopyTo(odcid);
            record.RetryChecked = true;
            record.RetryVerified = QuicPacketKeys.VerifyRetry(packet, odcid[..dgram.RetryOdcid.Length], version);
        }
        if (record is { RetryChecked: true, RetryVerified: true })
        {
            if (sink.WantsTree) sink.SetLabel($"Retry Integrity Tag: {Convert.ToHexStringLower(packet.Slice(pos, 16))} [verified]");
        }
        else
        {
            sink.Push();
            Notes.Add(ref ctx, ref sink, QuicFields.BadRetry, at + pos, 16,
                record is { RetryChecked: true } ? null : sink.WantsTree ? "Cannot verify Retry Packet due to unknown ODCID" : null);
            sink.Pop();
        }
        return pos + 16;
    }

    // Version Negotiation (RFC 9000 §17.2.1): Unused (7) | Version = 0 | DCID | SCID | Supported Version (32) ...
    private static int VersionNegotiation<TSink>(ReadOnlySpan<byte> packet, int at, InfoColumn? info, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        info?.Set("Version Negotiation");
        sink.AddUInt(QuicFields.VnUnused, at, 1, packet[0]);
        int pos = CommonHeader(packet, at, info, ref sink);
        if (pos < 0) return -1;
        while (pos + 4 <= packet.Length)
        {
            uint version = BinaryPrimitives.ReadUInt32BigEndian(packet[pos..]);
            sink.AddUInt(QuicFields.SupportedVersion, at + pos, 4, version);
            if (sink.WantsTree)
            {
                string label = $"Supported Version: {QuicVersion.Name(version)} (0x{version:x8})";
                if ((version & 0x0F0F0F0F) == 0x0a0a0a0a) label += " (GREASE)";
                sink.SetLabel(label);
            }
            pos += 4;
        }
        return pos < packet.Length ? -1 : pos;
    }
}
