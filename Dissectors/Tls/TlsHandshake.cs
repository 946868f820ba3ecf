using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Tls;

/// <summary>Handshake messages inside one plaintext handshake record (RFC 8446 §4).</summary>
internal static class TlsHandshake
{
    //  struct {
    //      HandshakeType msg_type;    /* handshake type */
    //      uint24 length;             /* remaining bytes in message */
    //      select (Handshake.msg_type) { ... };
    //  } Handshake;
    private const int HeaderLength = 4;
    private const int MaxMessages = 10_000;

    public const byte ClientHello = 1, ServerHello = 2, NewSessionTicket = 4, Certificate = 11;

    /// <summary>The record label's message name: the first message's, or "Multiple Handshake Messages".</summary>
    public static string Summary(ReadOnlySpan<byte> body)
    {
        if (body.Length < HeaderLength) return "Unknown";
        int length = body[1] << 16 | body[2] << 8 | body[3];
        if (HeaderLength + length < body.Length) return "Multiple Handshake Messages";
        return TlsNames.HandshakeTypes.Find(body[0]) ?? "Encrypted Handshake Message";
    }

    public static void Messages<TSink>(ReadOnlySpan<byte> data, int at, int length, ref TlsRecordState state, InfoColumn? info, ref bool firstInfo,
        ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        int end = at + length;
        for (int n = 0; at < end && n < MaxMessages; n++)
        {
            if (end - at < HeaderLength)
            {
                Notes.Add(ref ctx, ref sink, TlsFields.MalformedHandshake, at, end - at);
                return;
            }
            byte type = data[at];
            int msgLength = data[at + 1] << 16 | data[at + 2] << 8 | data[at + 3];
            string? name = TlsNames.HandshakeTypes.Find(type);
            if (name is null)
            {
                // Not a known message: most likely an encrypted one we could not tell apart (TLS 1.2 after a resumed handshake).
                sink.AddNone(TlsFields.Handshake, at, end - at);
                if (sink.WantsTree) sink.SetLabel("Handshake Protocol: Encrypted Handshake Message");
                TlsRecordLayer.AppendInfo(info, ref firstInfo, "Encrypted Handshake Message");
                return;
            }
            int available = Math.Min(msgLength, end - at - HeaderLength);
            sink.AddNone(TlsFields.Handshake, at, HeaderLength + available);
            if (sink.WantsTree) sink.SetLabel("Handshake Protocol: " + name);
            sink.Push();
            sink.AddUInt(TlsFields.HandshakeType, at, 1, type);
            sink.AddUInt(TlsFields.HandshakeLength, at + 1, 3, (ulong)msgLength);
            TlsRecordLayer.AppendInfo(info, ref firstInfo, name);
            var body = data.Slice(at + HeaderLength, available);
            int bodyAt = at + HeaderLength;
            if (available < msgLength)
            {
                Notes.Add(ref ctx, ref sink, TlsFields.MalformedHandshake, at, end - at);
            }
            else
            {
                switch (type)
                {
                    case ClientHello:
                        state.SenderIsClient = true;
                        TlsHello.Client(body, bodyAt, ref state, ref ctx, ref sink);
                        break;
                    case ServerHello:
                        state.SenderIsClient = false;
                        TlsHello.Server(body, bodyAt, ref state, ref ctx, ref sink);
                        break;
                    case Certificate:
                        TlsCertificates.Dissect(body, bodyAt, state.Session.Version == 0x0304, ref ctx, ref sink);
                        break;
                }
            }
            sink.Pop();
            at += HeaderLength + available;
        }
    }
}
