using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Tls;

/// <summary>
/// The TLS record layer over a TCP stream (RFC 8446 §5.1, RFC 5246 §6.2). Records are cut out of the
/// stream data; one that does not end in the data is left to reassembly (or shown partly when none is
/// possible). Handshake messages are handed to <see cref="TlsHandshake"/>.
/// </summary>
public static class TlsRecordLayer
{
    //  struct {
    //      ContentType type;                 // 20..25
    //      ProtocolVersion legacy_record_version;
    //      uint16 length;                    // <= 2^14 (+2048 when encrypted)
    //      opaque fragment[TLSPlaintext.length];
    //  } TLSPlaintext;
    public const int HeaderLength = 5;
    private const int MaxRecordLength = (1 << 14) + 2048;
    private const int MaxRecordsPerCall = 10_000;

    public const byte ChangeCipherSpec = 20, Alert = 21, Handshake = 22, ApplicationData = 23, Heartbeat = 24, ConnectionId = 25;

    /// <summary>Cheap check, never throws: does the data start with a plausible TLS record header?</summary>
    public static bool Probe(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderLength) return false;
        byte type = data[0];
        ushort version = BinaryPrimitives.ReadUInt16BigEndian(data[1..]);
        ushort length = BinaryPrimitives.ReadUInt16BigEndian(data[3..]);
        return type is >= ChangeCipherSpec and <= Heartbeat && (version >> 8) == 3 && (version & 0xFF) <= 4 && length is > 0 and <= MaxRecordLength;
    }

    public static DissectStatus Dissect<TSink>(StreamPayload payload, int offset, int end, ref PacketContext ctx, ref TSink sink,
        ref DesegmentRequest desegment, out string protocol)
        where TSink : struct, IFieldSink
    {
        var data = payload.Data;
        end = Math.Min(end, data.Length);
        var key = ConversationKey.Unordered(payload.Frame, ctx.Layers, out bool fromFirst);
        var analyzer = ctx.InErrorPacket ? null : ctx.Analyzer;
        var session = analyzer?.TlsSession(ref ctx, key) ?? default;
        var state = new TlsRecordState(session, fromFirst);

        protocol = "TLS";
        // tshark tries SSLv2 first while the connection's version is unknown (dissect_ssl's default case).
        bool sslv2First = state.Session.Version is 0 or 0x0002 && SslV2Record.LooksLike(data[offset..end]);
        if (payload.CanDesegment && !sslv2First && Probe(data[offset..end]))
        {
            int firstLength = HeaderLength + BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 3)..]);
            if (firstLength > end - offset)
            {
                // Not even one whole record yet: nothing to show in this frame.
                desegment.Request(offset, firstLength - (end - offset));
                return DissectStatus.Complete;
            }
        }
        ctx.Protocols?.Add("tls");
        if (!sslv2First && !Probe(data[offset..end]))
        {
            if (payload.CanDesegment && end - offset < HeaderLength && end - offset > 0 && data[offset] is >= ChangeCipherSpec and <= Heartbeat)
            {
                desegment.Request(offset, HeaderLength - (end - offset));
                return DissectStatus.Complete;
            }
            protocol = VersionName(state.Session.Version, 0);
            if (!ctx.InErrorPacket) { ctx.Protocol = protocol; ctx.Info?.Set("Continuation Data"); }
            sink.PushProtocol(TlsFields.Tls, offset, end - offset);
            sink.AddBytes(TlsFields.AppData, offset, end - offset, data[offset..end]);
            if (sink.WantsTree) sink.SetLabel($"Continuation Data: {end - offset} bytes");
            sink.Pop();
            return DissectStatus.Complete;
        }

        var info = ctx.InErrorPacket ? null : ctx.Info;
        bool firstInfo = true;
        ushort firstRecordVersion = sslv2First ? (ushort)0x0002 : BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 1)..]);
        sink.PushProtocol(TlsFields.Tls, offset, end - offset);
        var status = DissectStatus.Complete;
        for (int records = 0; offset < end && records < MaxRecordsPerCall; records++)
        {
            var rest = data[offset..end];
            if (state.Session.Version is 0 or 0x0002 && SslV2Record.LooksLike(rest))
            {
                int used = SslV2Record.Dissect(payload, offset, end, ref state, info, ref firstInfo, ref ctx, ref sink, ref desegment);
                if (used < 0) break;
                offset += used;
                continue;
            }
            if (!Probe(rest))
            {
                if (state.Session.Version == 0 && records > 0)
                {
                    // Version still unknown and nothing recognisable: the rest is continuation data.
                    AppendInfo(info, ref firstInfo, "Continuation Data");
                    break;
                }
                if (payload.CanDesegment && rest.Length < HeaderLength && rest[0] is >= ChangeCipherSpec and <= Heartbeat)
                {
                    desegment.Request(offset, HeaderLength - rest.Length);
                    break;
                }
                // Not a record: the rest is unknown to us (tshark: "Ignored Unknown Record").
                if (sink.WantsTree) sink.AddText("Ignored Unknown Record", offset, rest.Length);
                break;
            }
            int length = BinaryPrimitives.ReadUInt16BigEndian(rest[3..]);
            if (HeaderLength + length > rest.Length)
            {
                if (payload.CanDesegment)
                {
                    desegment.Request(offset, HeaderLength + length - rest.Length);
                    break;
                }
                // No reassembly: show what is here and stop.
                status = DissectStatus.Truncated;
                length = rest.Length - HeaderLength;
            }
            Record(data, offset, length, ref state, info, ref firstInfo, ref ctx, ref sink);
            offset += HeaderLength + length;
        }
        sink.Pop();

        protocol = VersionName(state.Session.Version, firstRecordVersion);
        if (!ctx.InErrorPacket) ctx.Protocol = protocol;
        if (analyzer is not null) analyzer.UpdateTlsSession(ref ctx, key, state.Session);
        return status == DissectStatus.Truncated && !payload.CanDesegment ? DissectStatus.Complete : status;
    }

    private static void Record<TSink>(ReadOnlySpan<byte> data, int offset, int length, ref TlsRecordState state, InfoColumn? info, ref bool firstInfo,
        ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        byte type = data[offset];
        ushort version = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 1)..]);
        var body = data.Slice(offset + HeaderLength, length);
        int bodyAt = offset + HeaderLength;
        bool encrypted = state.SenderEncrypted;
        bool tls13 = state.Session.Version == 0x0304;

        sink.AddNone(TlsFields.Record, offset, HeaderLength + length);
        if (sink.WantsTree) sink.SetLabel(RecordLabel(type, version, body, encrypted, tls13, state.Session));
        sink.Push();
        // TLS 1.3 wraps encrypted records as application data and calls the type "opaque".
        sink.AddUInt(tls13 && type == ApplicationData ? TlsFields.OpaqueType : TlsFields.ContentType, offset, 1, type);
        sink.AddUInt(TlsFields.RecordVersion, offset + 1, 2, version);
        sink.AddUInt(TlsFields.RecordLength, offset + 3, 2, (ulong)length);

        switch (type)
        {
            case ChangeCipherSpec:
                sink.AddNone(TlsFields.ChangeCipherSpec, bodyAt, length);
                AppendInfo(info, ref firstInfo, "Change Cipher Spec");
                state.SenderEncrypted = true;
                break;
            case Alert:
                if (!encrypted && length == 2)
                {
                    sink.AddNone(TlsFields.Alert, bodyAt, 2);
                    if (sink.WantsTree)
                        sink.SetLabel($"Alert Message");
                    sink.Push();
                    sink.AddUInt(TlsFields.AlertLevel, bodyAt, 1, body[0]);
                    sink.AddUInt(TlsFields.AlertDescription, bodyAt + 1, 1, body[1]);
                    sink.Pop();
                    if (info is not null)
                    {
                        AppendInfo(info, ref firstInfo, "Alert (Level: ");
                        info.Append(TlsNames.AlertLevels.Find(body[0]) ?? "Unknown").Append(", Description: ")
                            .Append(TlsNames.AlertDescriptions.Find(body[1]) ?? "Unknown").Append(')');
                    }
                }
                else
                {
                    sink.AddNone(TlsFields.Alert, bodyAt, length);
                    if (sink.WantsTree) sink.SetLabel("Alert Message: Encrypted Alert");
                    AppendInfo(info, ref firstInfo, "Encrypted Alert");
                }
                break;
            case Handshake:
                if (encrypted)
                {
                    sink.AddNone(TlsFields.Handshake, bodyAt, length);
                    if (sink.WantsTree) sink.SetLabel("Handshake Protocol: Encrypted Handshake Message");
                    AppendInfo(info, ref firstInfo, "Encrypted Handshake Message");
                }
                else
                {
                    TlsHandshake.Messages(data, bodyAt, length, ref state, info, ref firstInfo, ref ctx, ref sink);
                }
                break;
            case ApplicationData:
                sink.AddBytes(TlsFields.AppData, bodyAt, length, body);
                sink.AddBytes(TlsFields.AppDataProto, bodyAt, 0, ApplicationProtocolBytes(state.Session), Fields.FieldFlags.Generated);
                AppendInfo(info, ref firstInfo, "Application Data");
                break;
            case Heartbeat:
                AppendInfo(info, ref firstInfo, encrypted ? "Encrypted Heartbeat" : "Heartbeat");
                break;
        }
        sink.Pop();
    }

    private static string RecordLabel(byte type, ushort version, ReadOnlySpan<byte> body, bool encrypted, bool tls13, in TlsSessionState session)
    {
        string prefix = VersionName(session.Version, version) + " Record Layer: ";
        return type switch
        {
            ChangeCipherSpec => prefix + "Change Cipher Spec Protocol: Change Cipher Spec",
            Alert => prefix + (encrypted || body.Length != 2 ? "Encrypted Alert" : "Alert (Level: " + (TlsNames.AlertLevels.Find(body[0]) ?? "Unknown") +
                ", Description: " + (TlsNames.AlertDescriptions.Find(body[1]) ?? "Unknown") + ")"),
            Handshake => prefix + "Handshake Protocol: " + (encrypted ? "Encrypted Handshake Message" : TlsHandshake.Summary(body)),
            ApplicationData => prefix + "Application Data Protocol: " + ApplicationProtocol(session),
            Heartbeat => prefix + "Heartbeat Protocol",
            _ => prefix + "Unknown",
        };
    }

    private static string ApplicationProtocol(in TlsSessionState session) => session.Alpn switch
    {
        2 => "HyperText Transfer Protocol 2",
        _ => "Hypertext Transfer Protocol",
    };

    private static ReadOnlySpan<byte> ApplicationProtocolBytes(in TlsSessionState session) =>
        session.Alpn == 2 ? "HyperText Transfer Protocol 2"u8 : "Hypertext Transfer Protocol"u8;

    internal static void AppendInfo(InfoColumn? info, ref bool first, string text)
    {
        if (info is null) return;
        if (first) info.Set(text);
        else info.Append(", ").Append(text);
        first = false;
    }

    /// <summary>The Protocol column and record-label prefix: the session's version, else the record's.</summary>
    public static string VersionName(ushort sessionVersion, ushort recordVersion) => (sessionVersion != 0 ? sessionVersion : recordVersion) switch
    {
        0x0002 => "SSLv2",
        0x0300 => "SSLv3",
        0x0301 => "TLSv1",
        0x0302 => "TLSv1.1",
        0x0303 => "TLSv1.2",
        0x0304 => "TLSv1.3",
        _ => "TLS",
    };
}

/// <summary>The session as this call sees it, and which side sent the records being dissected.</summary>
internal struct TlsRecordState
{
    public TlsSessionState Session;
    public readonly bool FromFirst;

    public TlsRecordState(TlsSessionState session, bool fromFirst)
    {
        Session = session;
        FromFirst = fromFirst;
    }

    public bool SenderEncrypted
    {
        readonly get => FromFirst ? Session.FirstEncrypted : Session.SecondEncrypted;
        set { if (FromFirst) Session.FirstEncrypted = value; else Session.SecondEncrypted = value; }
    }

    public bool SenderIsClient
    {
        set
        {
            Session.ClientKnown = true;
            Session.FirstIsClient = FromFirst == value;
        }
    }
}
