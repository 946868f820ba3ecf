using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Tls;

/// <summary>
/// SSL 2.0 records (draft-hickman-netscape-ssl-00), which tshark tries before SSLv3/TLS whenever the
/// connection's version is still unknown (packet-tls.c, dissect_ssl: ssl_looks_like_sslv2). That is
/// how an SSLv2-format ClientHello from an old client is read, and also why a non-TLS stream on a TLS
/// port whose first byte has its top bit set shows "SSLv2 Record Layer: Encrypted Data".
/// </summary>
[FieldTable]
internal static class SslV2Record
{
    //  Two-byte header (top bit set):   1 | length (15 bits)
    //  Three-byte header:               0 | escape (1) | length (14 bits) | padding length (8)
    //  then msg_type (1) and the message.
    public const byte Error = 0, ClientHello = 1, ClientMasterKey = 2, ServerHello = 4;

    public static readonly ValueStrings MessageTypes = new((0, "Error"), (1, "Client Hello"), (2, "Client Master Key"), (3, "Client Finished"),
        (4, "Server Hello"), (5, "Server Verify"), (6, "Server Finished"), (7, "Request Certificate"), (8, "Client Certificate"));

    public static readonly FieldDef MessageType = new("tls.handshake.type", "Handshake Message Type", FieldType.UInt8, FieldBase.Dec, strings: MessageTypes);
    public static readonly FieldDef IsEscape = new("tls.record.is_escape", "Is Escape", FieldType.Boolean);
    public static readonly FieldDef PaddingLength = new("tls.record.padding_length", "Padding Length", FieldType.UInt8);
    public static readonly FieldDef CipherSpecLength = new("tls.handshake.cipher_spec_len", "Cipher Spec Length", FieldType.UInt16);
    public static readonly FieldDef ChallengeLength = new("tls.handshake.challenge_length", "Challenge Length", FieldType.UInt16);
    public static readonly FieldDef CipherSpec = new("tls.handshake.cipherspec", "Cipher Spec", FieldType.UInt24, FieldBase.Hex);
    public static readonly FieldDef Challenge = new("tls.handshake.challenge", "Challenge", FieldType.None);

    /// <summary>ssl_looks_like_sslv2: top bit of the first byte set and a handshake type SSLv2 or PCT sends in the clear.</summary>
    public static bool LooksLike(ReadOnlySpan<byte> data) => data.Length >= 3 && data[0] >= 0x80 && data[2] <= 5;

    /// <summary>
    /// Dissects the record at <paramref name="offset"/>. Returns its length, or -1 when it does not end
    /// in the data and reassembly was asked for. A record that cannot be completed takes the rest.
    /// </summary>
    public static int Dissect<TSink>(StreamPayload payload, int offset, int end, ref TlsRecordState state, InfoColumn? info, ref bool firstInfo,
        ref PacketContext ctx, ref TSink sink, ref DesegmentRequest desegment)
        where TSink : struct, IFieldSink
    {
        var data = payload.Data;
        int available = end - offset;
        int headerLength = (data[offset] & 0x80) != 0 ? 2 : 3;
        if (available < headerLength) return NeedMore(payload, offset, DesegmentRequest.OneMoreSegment, available, ref desegment);
        int length = headerLength == 2 ? (data[offset] & 0x7F) << 8 | data[offset + 1] : (data[offset] & 0x3F) << 8 | data[offset + 1];
        if (available < headerLength + length) return NeedMore(payload, offset, headerLength + length - available, available, ref desegment);

        var body = data.Slice(offset + headerLength, length);
        // The message type is read even when the record is empty (it is then the next record's first byte).
        byte type = offset + headerLength < end ? data[offset + headerLength] : (byte)0;
        if (state.Session.Version == 0 && type is >= 2 and <= 8) state.Session.Version = 0x0002;
        if (!ctx.InErrorPacket) ctx.Protocol = "SSLv2";
        string? typeName = MessageTypes.Find(type);
        bool plain = typeName is not null && LooksLikeHandshake(body);

        sink.AddNone(TlsFields.Record, offset, headerLength + length);
        if (sink.WantsTree) sink.SetLabel("SSLv2 Record Layer: " + (plain ? typeName : "Encrypted Data"));
        sink.Push();
        sink.AddUInt(TlsFields.RecordVersion, offset, 0, 0x0002, FieldFlags.Generated);
        TlsRecordLayer.AppendInfo(info, ref firstInfo, plain ? typeName! : "Encrypted Data");
        if (plain)
        {
            sink.AddUInt(TlsFields.RecordLength, offset, headerLength, (ulong)length);
            if (headerLength == 3)
            {
                sink.AddUInt(IsEscape, offset, 1, (data[offset] & 0x40) != 0 ? 1UL : 0);
                sink.AddUInt(PaddingLength, offset + 2, 1, data[offset + 2]);
            }
            int at = offset + headerLength;
            sink.AddUInt(MessageType, at, 1, type);
            if (type == ClientHello) Hello(data, at + 1, offset + headerLength + length, ref ctx, ref sink);
        }
        sink.Pop();
        return headerLength + length;
    }

    private static int NeedMore(StreamPayload payload, int offset, int missing, int available, ref DesegmentRequest desegment)
    {
        if (payload.CanDesegment)
        {
            desegment.Request(offset, missing);
            return -1;
        }
        return available;
    }

    /// <summary>ssl_looks_like_valid_v2_handshake: a message type in the clear whose contents make sense.</summary>
    private static bool LooksLikeHandshake(ReadOnlySpan<byte> body)
    {
        if (body.Length < 1) return false;
        switch (body[0])
        {
            case ClientHello:
                return body.Length >= 3 && IsVersion(BinaryPrimitives.ReadUInt16BigEndian(body[1..]));
            case ServerHello:
                return body.Length >= 5 && IsVersion(BinaryPrimitives.ReadUInt16BigEndian(body[3..]));
            case ClientMasterKey:
                if (body.Length < 10) return false;
                int sum = BinaryPrimitives.ReadUInt16BigEndian(body[4..]) + BinaryPrimitives.ReadUInt16BigEndian(body[6..]) + BinaryPrimitives.ReadUInt16BigEndian(body[8..]);
                return sum <= body.Length;
            default:
                return false;
        }
    }

    private static bool IsVersion(ushort version) => version is 0x0002 or 0x0300 or 0x0301 or 0x0302 or 0x0303 or 0x0304 or 0xFEFF or 0xFEFD or 0x0100;

    // CLIENT-HELLO: version (2) | cipher specs length (2) | session id length (2) | challenge length (2) |
    //   cipher specs (3 each) | session id | challenge
    private static void Hello<TSink>(ReadOnlySpan<byte> data, int at, int end, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (at + 8 > end)
        {
            Notes.Add(ref ctx, ref sink, TlsFields.MalformedHandshake, at, end - at);
            return;
        }
        ushort version = BinaryPrimitives.ReadUInt16BigEndian(data[at..]);
        int specs = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]);
        int sessionId = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 4)..]);
        int challenge = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 6)..]);
        sink.AddUInt(TlsFields.HandshakeVersion, at, 2, version);
        sink.AddUInt(CipherSpecLength, at + 2, 2, (ulong)specs);
        sink.AddUInt(TlsFields.SessionIdLength, at + 4, 2, (ulong)sessionId);
        if (sessionId > 16) return;   // tshark: "Invalid session ID length", and stops
        sink.AddUInt(ChallengeLength, at + 6, 2, (ulong)challenge);
        at += 8;
        if (at + specs + sessionId + challenge > end)
        {
            Notes.Add(ref ctx, ref sink, TlsFields.MalformedHandshake, at, end - at);
            return;
        }
        sink.AddNone(TlsFields.CipherSuites, at, specs);
        if (sink.WantsTree) sink.SetLabel($"Cipher Specs ({specs / 3} specs)");
        sink.Push();
        for (int i = 0; i + 3 <= specs; i += 3)
        {
            uint spec = (uint)(data[at + i] << 16 | data[at + i + 1] << 8 | data[at + i + 2]);
            sink.AddUInt(CipherSpec, at + i, 3, spec);
            if (sink.WantsTree) sink.SetLabel($"Cipher Spec: {CipherSpecName(spec)} (0x{spec:x6})");
        }
        sink.Pop();
        at += specs;
        if (sessionId > 0)
        {
            sink.AddBytes(TlsFields.SessionId, at, sessionId, data.Slice(at, sessionId));
            if (sink.WantsTree) sink.SetLabel($"Session ID ({sessionId} byte{(sessionId == 1 ? "" : "s")})");
            at += sessionId;
        }
        if (challenge > 0) sink.AddNone(Challenge, at, challenge);
    }

    private static string CipherSpecName(uint spec) => spec switch
    {
        0x010080 => "SSL2_RC4_128_WITH_MD5",
        0x020080 => "SSL2_RC4_128_EXPORT40_WITH_MD5",
        0x030080 => "SSL2_RC2_128_CBC_WITH_MD5",
        0x040080 => "SSL2_RC2_128_CBC_EXPORT40_WITH_MD5",
        0x050080 => "SSL2_IDEA_128_CBC_WITH_MD5",
        0x060040 => "SSL2_DES_64_CBC_WITH_MD5",
        0x0700C0 => "SSL2_DES_192_EDE3_CBC_WITH_MD5",
        0x080080 => "SSL2_RC4_64_WITH_MD5",
        <= 0xFFFF => TlsNames.CipherSuites.Find(spec) ?? "Unknown",
        _ => "Unknown",
    };
}
