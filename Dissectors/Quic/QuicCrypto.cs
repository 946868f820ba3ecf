using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tls;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Quic;

/// <summary>
/// CRYPTO frames into TLS (RFC 9001 §4.1.3), as tshark 4.0 does it (desegment_quic_crypto, then the
/// TLS 1.3 handshake dissector): bytes already seen are a retransmission and go nowhere, bytes beyond
/// a gap wait for it to fill, and in-order bytes join the stream. Whole handshake messages are shown
/// under "TLSv1.3 Record Layer: Handshake Protocol: …" (there is no record layer in QUIC, so no
/// tls.record.* fields); a message that has not ended shows as "(fragment)" and is shown whole, from
/// a reassembled buffer, in the frame that completes it.
/// </summary>
internal static class QuicCrypto
{
    private const int HandshakeHeader = 4;

    /// <param name="payload">The decrypted payload; the frame's Crypto Data are its <paramref name="length"/> bytes at <paramref name="at"/>.</param>
    public static void Frame<TSink>(ReadOnlySpan<byte> payload, int at, int length, ulong streamOffset, QuicConnection conn, bool fromServer, byte packetType,
        QuicPacketRecord record, int index, bool firstVisit, int source, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        var data = payload.Slice(at, length);
        QuicCryptoRecord state;
        if (firstVisit) state = Advance(data, streamOffset, conn.Crypto(fromServer, packetType), record, index);
        else if (record.Crypto is { } list && index < list.Count) state = list[index];
        else return;

        switch (state.Outcome)
        {
            case QuicCryptoOutcome.Retransmission:
                Note(QuicFields.Retransmission, at, data.Length, ref ctx, ref sink);
                return;
            case QuicCryptoOutcome.Ahead:
                return;
            case QuicCryptoOutcome.Overlap:
                Note(QuicFields.Overlap, at, data.Length, ref ctx, ref sink);
                break;
        }
        int skip = state.Skip;
        Show(payload, at + skip, data.Length - skip, state, source, ref ctx, ref sink);
        if (firstVisit && fromServer) NoteServerCipher(state, data[skip..], conn);
    }

    private static void Note<TSink>(Expert.ExpertDef expert, int at, int length, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        // proto_tree_add_expert: a line of its own carrying the expert note.
        if (sink.WantsTree)
        {
            sink.AddText(expert.Message, at, length);
            sink.Push();
        }
        Notes.Add(ref ctx, ref sink, expert, at, length);
        if (sink.WantsTree) sink.Pop();
    }

    /// <summary>First visit: moves the stream on and decides what this frame shows.</summary>
    private static QuicCryptoRecord Advance(ReadOnlySpan<byte> data, ulong streamOffset, QuicCryptoStream stream, QuicPacketRecord record, int index)
    {
        var state = new QuicCryptoRecord();
        ulong end = streamOffset + (ulong)data.Length;
        if (end <= stream.Contiguous && data.Length > 0 || data.Length == 0 && streamOffset < stream.Contiguous)
        {
            state.Outcome = QuicCryptoOutcome.Retransmission;
        }
        else if (streamOffset > stream.Contiguous)
        {
            state.Outcome = QuicCryptoOutcome.Ahead;
            stream.Ahead(streamOffset, data);
        }
        else
        {
            if (streamOffset < stream.Contiguous)
            {
                state.Outcome = QuicCryptoOutcome.Overlap;
                state.Skip = (int)(stream.Contiguous - streamOffset);
            }
            var fresh = data[state.Skip..];
            int before = stream.Pending.Length;
            bool hadAhead = stream.HasAhead;
            stream.Append(fresh);
            bool joined = hadAhead && stream.Pending.Length != before + fresh.Length;
            state.PendingBefore = before;
            int complete = CompleteMessages(stream.Pending);
            if (before > 0 || joined)
            {
                // The messages began in earlier frames (or continue into bytes that came ahead): show them whole.
                if (complete > 0) state.Handshake = stream.Pending[..complete].ToArray();
                state.Reassembled = true;
                state.FragmentType = complete < stream.Pending.Length ? stream.Pending[complete] : (byte)0;
            }
            stream.Consume(complete);
        }
        (record.Crypto ??= new()).Add(state);
        return state;
    }

    /// <summary>Bytes of whole handshake messages at the start of <paramref name="data"/>.</summary>
    private static int CompleteMessages(ReadOnlySpan<byte> data)
    {
        int pos = 0;
        while (pos + HandshakeHeader <= data.Length)
        {
            int length = data[pos + 1] << 16 | data[pos + 2] << 8 | data[pos + 3];
            if (pos + HandshakeHeader + length > data.Length) break;
            pos += HandshakeHeader + length;
        }
        return pos;
    }

    /// <summary>The TLS item: whole messages (from the frame or a reassembled buffer), then a trailing fragment.</summary>
    private static void Show<TSink>(ReadOnlySpan<byte> payload, int at, int length, in QuicCryptoRecord state, int source, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        var fresh = payload.Slice(at, length);
        // Handshake messages are read from a whole buffer, at an index into it.
        ReadOnlySpan<byte> buffer;
        ReadOnlySpan<byte> messages;
        int messagesAt;
        ReadOnlySpan<byte> fragment;
        int fragmentAt;
        byte fragmentType;
        if (state.Reassembled)
        {
            buffer = state.Handshake;
            messages = buffer;
            messagesAt = 0;
            // Past the end of the whole messages, this frame's bytes start (or go on with) the next one.
            int used = messages.IsEmpty ? 0 : Math.Max(0, messages.Length - state.PendingBefore);
            fragment = used < fresh.Length ? fresh[used..] : default;
            fragmentAt = at + used;
            fragmentType = state.FragmentType;
        }
        else
        {
            int complete = CompleteMessages(fresh);
            buffer = payload;
            messages = fresh[..complete];
            messagesAt = at;
            fragment = fresh[complete..];
            fragmentAt = at + complete;
            fragmentType = fragment.IsEmpty ? (byte)0 : fragment[0];
        }
        if (messages.IsEmpty && fragment.IsEmpty) return;

        int items = Count(messages) + (fragment.IsEmpty ? 0 : 1);
        string first = messages.IsEmpty ? Name(fragmentType) + " (fragment)" : Name(messages[0]);
        ctx.Protocols?.Add("tls");
        sink.PushProtocol(TlsFields.Tls, at, fresh.Length);
        if (sink.WantsTree) sink.SetLabel("TLSv1.3 Record Layer: Handshake Protocol: " + (items > 1 ? "Multiple Handshake Messages" : first));
        if (!messages.IsEmpty)
        {
            if (state.Reassembled)
            {
                int reassembled = 0;
                if (sink.WantsTree && ctx.Sources is not null) reassembled = ctx.Sources.Add($"Reassembled QUIC CRYPTO ({messages.Length} bytes)", state.Handshake);
                sink.UseDataSource(reassembled);
            }
            var tls = new TlsRecordState(new TlsSessionState { Version = 0x0304 }, fromFirst: true);
            bool firstInfo = true;
            TlsHandshake.Messages(buffer, messagesAt, messages.Length, ref tls, null, ref firstInfo, ref ctx, ref sink);
            if (state.Reassembled) sink.UseDataSource(source);
        }
        if (!fragment.IsEmpty)
        {
            sink.AddNone(TlsFields.Handshake, fragmentAt, fragment.Length);
            if (sink.WantsTree) sink.SetLabel($"Handshake Protocol: {Name(fragmentType)} (fragment)");
        }
        sink.Pop();
    }

    private static int Count(ReadOnlySpan<byte> messages)
    {
        int n = 0, pos = 0;
        while (pos + HandshakeHeader <= messages.Length)
        {
            n++;
            pos += HandshakeHeader + (messages[pos + 1] << 16 | messages[pos + 2] << 8 | messages[pos + 3]);
        }
        return n;
    }

    private static string Name(byte type) => TlsNames.HandshakeTypes.Find(type) ?? "Encrypted Handshake Message";

    /// <summary>
    /// A ServerHello names the connection's cipher suite: with one tshark knows, it goes on to look for the
    /// 1-RTT secrets (and says they are missing) rather than saying the handshake is.
    /// </summary>
    private static void NoteServerCipher(in QuicCryptoRecord state, ReadOnlySpan<byte> fresh, QuicConnection conn)
    {
        var messages = state.Reassembled ? state.Handshake : fresh[..CompleteMessages(fresh)];
        int pos = 0;
        while (pos + HandshakeHeader <= messages.Length)
        {
            int length = messages[pos + 1] << 16 | messages[pos + 2] << 8 | messages[pos + 3];
            if (messages[pos] == TlsHandshake.ServerHello && length >= 2 + 32 + 1)
            {
                int sessionId = messages[pos + HandshakeHeader + 34];
                int cipherAt = pos + HandshakeHeader + 35 + sessionId;
                if (cipherAt + 2 <= pos + HandshakeHeader + length && BinaryPrimitives.ReadUInt16BigEndian(messages[cipherAt..]) is >= 0x1301 and <= 0x1305)
                    conn.TlsCipherKnown = true;
            }
            pos += HandshakeHeader + length;
        }
    }
}
