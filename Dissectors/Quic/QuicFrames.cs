using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Quic;

/// <summary>
/// The frames of a decrypted packet (RFC 9000 §19), as tshark lists them (dissect_quic_frame_type):
/// each becomes an item named after its type, and appends its short name to the Info column.
/// Offsets are in the decrypted payload (the "Decrypted QUIC" data source).
/// </summary>
internal static class QuicFrames
{
    private const int MaxFrames = 10_000;

    /// <summary>Every frame of the payload; Malformed when one runs past its end (tshark throws there).</summary>
    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> payload, QuicConnection conn, bool fromServer, byte packetType, QuicPacketRecord record,
        ref QuicDatagram dgram, int source, InfoColumn? info, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        int pos = 0;
        int crypto = 0;
        for (int n = 0; pos < payload.Length && n < MaxFrames; n++)
        {
            int length = Measure(payload, pos, out ulong type, out int typeLength);
            if (length < 0) return DissectStatus.Malformed;
            Frame(payload, pos, length, type, typeLength, conn, fromServer, packetType, record, ref crypto, ref dgram, source, info, ref ctx, ref sink);
            pos += length;
        }
        return DissectStatus.Complete;
    }

    /// <summary>The frame's length in bytes, or -1 when it does not fit in the payload.</summary>
    private static int Measure(ReadOnlySpan<byte> p, int at, out ulong type, out int typeLength)
    {
        typeLength = QuicVarint.Read(p, at, out type);
        if (typeLength == 0) return -1;
        int pos = at + typeLength;
        switch (type)
        {
            case 0x00:
                while (pos < p.Length && p[pos] == 0) pos++;
                return pos - at;
            case 0x01 or 0x1e or 0xac:
                return pos - at;
            case 0x02 or 0x03 or 0x42 or 0x43:
            {
                if (type >= 0x42 && !Skip(p, ref pos, 1)) return -1;
                if (!Skip(p, ref pos, 2)) return -1;
                if (!Varint(p, ref pos, out ulong ranges)) return -1;
                if (!Skip(p, ref pos, 1)) return -1;
                for (ulong i = 0; i < ranges; i++) if (!Skip(p, ref pos, 2)) return -1;
                if ((type & 1) == 1 && !Skip(p, ref pos, 3)) return -1;
                return pos - at;
            }
            case 0x04:
                return Skip(p, ref pos, 3) ? pos - at : -1;
            case 0x05:
                return Skip(p, ref pos, 2) ? pos - at : -1;
            case 0x06:
                if (!Skip(p, ref pos, 1) || !Varint(p, ref pos, out ulong cryptoLength)) return -1;
                return Bytes(p, ref pos, cryptoLength) ? pos - at : -1;
            case 0x07:
                if (!Varint(p, ref pos, out ulong tokenLength)) return -1;
                return Bytes(p, ref pos, tokenLength) ? pos - at : -1;
            case >= 0x08 and <= 0x0f:
            {
                if (!Skip(p, ref pos, 1)) return -1;
                if ((type & 0x04) != 0 && !Skip(p, ref pos, 1)) return -1;
                if ((type & 0x02) == 0) return p.Length - at;
                if (!Varint(p, ref pos, out ulong streamLength)) return -1;
                return Bytes(p, ref pos, streamLength) ? pos - at : -1;
            }
            case 0x10 or 0x12 or 0x13 or 0x14 or 0x16 or 0x17 or 0x19:
                return Skip(p, ref pos, 1) ? pos - at : -1;
            case 0x41:
                return Skip(p, ref pos, 2) ? pos - at : -1;
            case 0x11 or 0x15:
                return Skip(p, ref pos, 2) ? pos - at : -1;
            case 0x18 or 0x40:
            {
                if (!Skip(p, ref pos, type == 0x40 ? 3 : 2)) return -1;
                if (pos >= p.Length) return -1;
                int cidLength = p[pos++];
                return Bytes(p, ref pos, (ulong)cidLength + 16) ? pos - at : -1;
            }
            case 0x1a or 0x1b:
                return Bytes(p, ref pos, 8) ? pos - at : -1;
            case 0x1c or 0x1d:
            {
                if (!Skip(p, ref pos, type == 0x1c ? 2 : 1)) return -1;
                if (!Varint(p, ref pos, out ulong reasonLength)) return -1;
                return Bytes(p, ref pos, reasonLength) ? pos - at : -1;
            }
            case 0x30:
                return p.Length - at;
            case 0x31:
                if (!Varint(p, ref pos, out ulong datagramLength)) return -1;
                return Bytes(p, ref pos, datagramLength) ? pos - at : -1;
            case 0xaf:
                return Skip(p, ref pos, 3) && Bytes(p, ref pos, 1) ? pos - at : -1;
            case 0x02f5:
                return Skip(p, ref pos, 1) ? pos - at : -1;
            default:
                // tshark reads only the type of a frame it does not know, and goes on with the next byte.
                return pos - at;
        }
    }

    private static bool Varint(ReadOnlySpan<byte> p, ref int pos, out ulong value)
    {
        int n = QuicVarint.Read(p, pos, out value);
        pos += n;
        return n != 0;
    }

    private static bool Skip(ReadOnlySpan<byte> p, ref int pos, int varints)
    {
        for (int i = 0; i < varints; i++) if (!Varint(p, ref pos, out _)) return false;
        return true;
    }

    private static bool Bytes(ReadOnlySpan<byte> p, ref int pos, ulong count)
    {
        if (count > (ulong)(p.Length - pos)) return false;
        pos += (int)count;
        return true;
    }

    public static string TypeName(ulong type) => type switch
    {
        0x00 => "PADDING",
        0x01 => "PING",
        0x02 or 0x03 => "ACK",
        0x04 => "RESET_STREAM",
        0x05 => "STOP_SENDING",
        0x06 => "CRYPTO",
        0x07 => "NEW_TOKEN",
        >= 0x08 and <= 0x0f => "STREAM",
        0x10 => "MAX_DATA",
        0x11 => "MAX_STREAM_DATA",
        0x12 => "MAX_STREAMS (BIDI)",
        0x13 => "MAX_STREAMS (UNI)",
        0x14 => "DATA_BLOCKED",
        0x15 => "STREAM_DATA_BLOCKED",
        0x16 => "STREAMS_BLOCKED (BIDI)",
        0x17 => "STREAMS_BLOCKED (UNI)",
        0x18 => "NEW_CONNECTION_ID",
        0x19 => "RETIRE_CONNECTION_ID",
        0x1a => "PATH_CHALLENGE",
        0x1b => "PATH_RESPONSE",
        0x1c => "CONNECTION_CLOSE (Transport)",
        0x1d => "CONNECTION_CLOSE (Application)",
        0x1e => "HANDSHAKE_DONE",
        0x30 or 0x31 => "DATAGRAM",
        0x40 => "MP_NEW_CONNECTION_ID",
        0x41 => "MP_RETIRE_CONNECTION_ID",
        0x42 or 0x43 => "MP_ACK",
        0x44 => "ADD_ADDRESS",
        0x45 => "REMOVE_ADDRESS",
        0x46 => "UNIFLOWS",
        0xac => "IMMEDIATE_ACK",
        0xaf => "ACK_FREQUENCY",
        0x02f5 => "TIME_STAMP",
        _ => "Unknown",
    };

    /// <summary>The short name a frame appends to the Info column ("" for none).</summary>
    private static string InfoName(ulong type) => type switch
    {
        0x00 => "PADDING",
        0x01 => "PING",
        0x02 => "ACK",
        0x03 => "ACK_ECN",
        0x42 => "MP_ACK",
        0x43 => "MP_ACK_ECN",
        0x04 => "RS",
        0x05 => "SS",
        0x06 => "CRYPTO",
        0x07 => "NT",
        >= 0x08 and <= 0x0f => "STREAM",
        0x10 => "MD",
        0x11 => "MSD",
        0x12 or 0x13 => "MS",
        0x14 => "DB",
        0x15 => "SDB",
        0x16 or 0x17 => "SB",
        0x18 => "NCI",
        0x40 => "MP_NCI",
        0x19 => "RC",
        0x41 => "MP_RC",
        0x1a => "PC",
        0x1b => "PR",
        0x1c or 0x1d => "CC",
        0x1e => "DONE",
        0x30 or 0x31 => "DG",
        0xac => "IA",
        0xaf => "AF",
        0x02f5 => "TS",
        _ => "",
    };

    private static void Frame<TSink>(ReadOnlySpan<byte> p, int at, int length, ulong type, int typeLength, QuicConnection conn, bool fromServer,
        byte packetType, QuicPacketRecord record, ref int crypto, ref QuicDatagram dgram, int source, InfoColumn? info, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        var frame = p.Slice(at, length);
        int pos = typeLength;
        string shortName = InfoName(type);
        if (shortName.Length > 0) info?.Append(", ").Append(shortName);
        sink.AddNone(QuicFields.Frame, at, length);
        if (sink.WantsTree) sink.SetLabel(TypeName(type) + LabelSuffix(frame, type, typeLength));
        sink.Push();
        sink.AddUInt(QuicFields.FrameType, at, typeLength, type);
        if (sink.WantsTree) sink.SetLabel($"Frame Type: {TypeName(type)} (0x{type:x16})");
        switch (type)
        {
            case 0x00:
                sink.AddUInt(QuicFields.PaddingLength, at + pos, 0, (ulong)(length - typeLength + 1), FieldFlags.Generated);
                break;
            case 0x02 or 0x03 or 0x42 or 0x43:
                Ack(frame, at, ref pos, type, ref sink);
                break;
            case 0x04:
                StreamIdInfo(frame, pos, info);
                Varints(frame, at, ref pos, ref sink, QuicFields.RstsStreamId, QuicFields.RstsError, QuicFields.RstsFinalSize);
                break;
            case 0x05:
                StreamIdInfo(frame, pos, info);
                Varints(frame, at, ref pos, ref sink, QuicFields.SsStreamId, QuicFields.SsError);
                break;
            case 0x06:
                Crypto(p, frame, at, ref pos, conn, fromServer, packetType, record, ref crypto, ref dgram, source, ref ctx, ref sink);
                break;
            case 0x07:
                LengthAndBytes(frame, at, ref pos, QuicFields.NtLength, QuicFields.NtToken, ref sink);
                break;
            case >= 0x08 and <= 0x0f:
                Stream(frame, at, ref pos, type, info, ref sink);
                break;
            case 0x10:
                Varints(frame, at, ref pos, ref sink, QuicFields.MaxData);
                break;
            case 0x11:
                StreamIdInfo(frame, pos, info);
                Varints(frame, at, ref pos, ref sink, QuicFields.MsdStreamId, QuicFields.MsdMaxStreamData);
                break;
            case 0x12 or 0x13:
                Varints(frame, at, ref pos, ref sink, QuicFields.MaxStreams);
                break;
            case 0x14:
                Varints(frame, at, ref pos, ref sink, QuicFields.DataBlockedLimit);
                break;
            case 0x15:
                StreamIdInfo(frame, pos, info);
                Varints(frame, at, ref pos, ref sink, QuicFields.SdbStreamId, QuicFields.DataBlockedLimit);
                break;
            case 0x16 or 0x17:
                Varints(frame, at, ref pos, ref sink, QuicFields.StreamsBlockedLimit);
                break;
            case 0x18 or 0x40:
                NewConnectionId(frame, at, ref pos, type, ref ctx, ref sink);
                break;
            case 0x19 or 0x41:
                if (type == 0x41) pos += QuicVarint.Read(frame, pos, out _);
                Varints(frame, at, ref pos, ref sink, QuicFields.RciSequence);
                break;
            case 0x1a:
                sink.AddBytes(QuicFields.PathChallenge, at + pos, 8, frame.Slice(pos, 8));
                break;
            case 0x1b:
                sink.AddBytes(QuicFields.PathResponse, at + pos, 8, frame.Slice(pos, 8));
                break;
            case 0x1c or 0x1d:
                ConnectionClose(frame, at, ref pos, type, ref sink);
                break;
            case 0x30 or 0x31:
                if (type == 0x31) pos += VarintField(frame, at, pos, QuicFields.DatagramLength, ref sink);
                sink.AddBytes(QuicFields.Datagram, at + pos, length - pos, frame[pos..]);
                break;
            case 0x00 or 0x01 or 0x1e or 0xac or 0xaf or 0x02f5:
                break;
            default:
                Notes.Add(ref ctx, ref sink, QuicFields.UnknownFrameType, at, length, sink.WantsTree ? $"Unknown Frame Type 0x{type:x}" : null);
                break;
        }
        sink.Pop();
    }

    /// <summary>What tshark appends to a frame's item label.</summary>
    private static string LabelSuffix(ReadOnlySpan<byte> frame, ulong type, int typeLength)
    {
        int pos = typeLength;
        switch (type)
        {
            case 0x00:
                return $" Length: {frame.Length - typeLength + 1}";
            case 0x04 or 0x05:
            {
                pos += QuicVarint.Read(frame, pos, out ulong id);
                QuicVarint.Read(frame, pos, out ulong error);
                return $" id={id} Error code: 0x{error:x}";
            }
            case 0x11 or 0x15:
                QuicVarint.Read(frame, pos, out ulong streamId);
                return $" id={streamId}";
            case >= 0x08 and <= 0x0f:
            {
                pos += QuicVarint.Read(frame, pos, out ulong id);
                ulong offset = 0;
                if ((type & 0x04) != 0) pos += QuicVarint.Read(frame, pos, out offset);
                ulong length = (ulong)(frame.Length - pos);
                if ((type & 0x02) != 0) QuicVarint.Read(frame, pos, out length);
                return $" id={id} fin={type & 1} off={offset} len={length} dir={((id & 2) != 0 ? "Unidirectional" : "Bidirectional")} origin={((id & 1) != 0 ? "Server-initiated" : "Client-initiated")}";
            }
            case 0x1c or 0x1d:
            {
                QuicVarint.Read(frame, pos, out ulong error);
                if (type == 0x1c && error <= 0x3fff)
                {
                    string suffix = $" Error code: {TransportError(error)}";
                    if (error >> 8 == 1 && Tls.TlsNames.AlertDescriptions.Find(error & 0xff) is { } alert) suffix += $" ({alert})";
                    return suffix;
                }
                return $" Error code: 0x{error:x}";
            }
            default:
                return "";
        }
    }

    private static string TransportError(ulong code) => code switch
    {
        0x00 => "NO_ERROR",
        0x01 => "INTERNAL_ERROR",
        0x02 => "CONNECTION_REFUSED",
        0x03 => "FLOW_CONTROL_ERROR",
        0x04 => "STREAM_ID_ERROR",
        0x05 => "STREAM_STATE_ERROR",
        0x06 => "FINAL_SIZE_ERROR",
        0x07 => "FRAME_ENCODING_ERROR",
        0x08 => "TRANSPORT_PARAMETER_ERROR",
        0x09 => "CONNECTION_ID_LIMIT_ERROR",
        0x0a => "PROTOCOL_VIOLATION",
        0x0b => "INVALID_TOKEN",
        0x0c => "APPLICATION_ERROR",
        0x0d => "CRYPTO_BUFFER_EXCEEDED",
        0x0e => "KEY_UPDATE_ERROR",
        0x0f => "AEAD_LIMIT_REACHED",
        0x10 => "NO_VIABLE_PATH",
        0x11 => "VERSION_NEGOTIATION_ERROR",
        >= 0x100 and <= 0x1ff => "CRYPTO_ERROR",
        _ => $"Unknown ({code})",
    };

    private static void StreamIdInfo(ReadOnlySpan<byte> frame, int pos, InfoColumn? info)
    {
        if (info is null) return;
        QuicVarint.Read(frame, pos, out ulong id);
        info.Append('(').Append(id).Append(')');
    }

    private static int VarintField<TSink>(ReadOnlySpan<byte> frame, int at, int pos, FieldDef field, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        int n = QuicVarint.Read(frame, pos, out ulong value);
        sink.AddUInt(field, at + pos, n, value);
        return n;
    }

    private static void Varints<TSink>(ReadOnlySpan<byte> frame, int at, ref int pos, ref TSink sink, params ReadOnlySpan<FieldDef> fields)
        where TSink : struct, IFieldSink
    {
        foreach (var field in fields) pos += VarintField(frame, at, pos, field, ref sink);
    }

    private static void LengthAndBytes<TSink>(ReadOnlySpan<byte> frame, int at, ref int pos, FieldDef lengthField, FieldDef bytesField, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        int n = QuicVarint.Read(frame, pos, out ulong length);
        sink.AddUInt(lengthField, at + pos, n, length);
        pos += n;
        sink.AddBytes(bytesField, at + pos, (int)length, frame.Slice(pos, (int)length));
        pos += (int)length;
    }

    // ACK: Largest Acknowledged (i) | ACK Delay (i) | ACK Range Count (i) | First ACK Range (i) |
    //   { Gap (i) | ACK Range Length (i) } ... | [ECT0 (i) | ECT1 (i) | ECN-CE (i)]
    private static void Ack<TSink>(ReadOnlySpan<byte> frame, int at, ref int pos, ulong type, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (type >= 0x42) pos += QuicVarint.Read(frame, pos, out _);
        Varints(frame, at, ref pos, ref sink, QuicFields.AckLargest, QuicFields.AckDelay);
        QuicVarint.Read(frame, pos, out ulong ranges);
        Varints(frame, at, ref pos, ref sink, QuicFields.AckRangeCount, QuicFields.AckFirstRange);
        for (ulong i = 0; i < ranges; i++) Varints(frame, at, ref pos, ref sink, QuicFields.AckGap, QuicFields.AckRange);
        if ((type & 1) == 1) Varints(frame, at, ref pos, ref sink, QuicFields.AckEct0, QuicFields.AckEct1, QuicFields.AckEcnCe);
    }

    // STREAM: Stream ID (i) | [Offset (i)] | [Length (i)] | Stream Data; the type's low bits say OFF, LEN, FIN.
    private static void Stream<TSink>(ReadOnlySpan<byte> frame, int at, ref int pos, ulong type, InfoColumn? info, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        StreamIdInfo(frame, pos, info);
        pos += VarintField(frame, at, pos, QuicFields.StreamId, ref sink);
        if ((type & 0x04) != 0) pos += VarintField(frame, at, pos, QuicFields.StreamOffset, ref sink);
        int length = frame.Length - pos;
        if ((type & 0x02) != 0)
        {
            int n = QuicVarint.Read(frame, pos, out ulong declared);
            sink.AddUInt(QuicFields.StreamLength, at + pos, n, declared);
            pos += n;
            length = (int)declared;
        }
        sink.AddBytes(QuicFields.StreamData, at + pos, length, frame.Slice(pos, length));
        pos += length;
    }

    // NEW_CONNECTION_ID: Sequence Number (i) | Retire Prior To (i) | Length (8) | Connection ID | Stateless Reset Token (128)
    private static void NewConnectionId<TSink>(ReadOnlySpan<byte> frame, int at, ref int pos, ulong type, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (type == 0x40) pos += QuicVarint.Read(frame, pos, out _);
        Varints(frame, at, ref pos, ref sink, QuicFields.NciSequence, QuicFields.NciRetirePriorTo);
        int cidLength = frame[pos];
        sink.AddUInt(QuicFields.NciCidLength, at + pos, 1, (ulong)cidLength);
        if (cidLength is < 1 or > QuicCid.MaxLength)
        {
            sink.Push();
            Notes.Add(ref ctx, ref sink, QuicFields.ProtocolViolation, at + pos, 1,
                sink.WantsTree ? $"Connection ID Length must be between 1 and {QuicCid.MaxLength} bytes" : null);
            sink.Pop();
        }
        pos++;
        sink.AddBytes(QuicFields.NciCid, at + pos, cidLength, frame.Slice(pos, cidLength));
        pos += cidLength;
        sink.AddBytes(QuicFields.NciResetToken, at + pos, 16, frame.Slice(pos, 16));
        pos += 16;
    }

    // CONNECTION_CLOSE: Error Code (i) | [Frame Type (i)] | Reason Phrase Length (i) | Reason Phrase
    private static void ConnectionClose<TSink>(ReadOnlySpan<byte> frame, int at, ref int pos, ulong type, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        int n = QuicVarint.Read(frame, pos, out ulong error);
        if (type == 0x1c)
        {
            sink.AddUInt(QuicFields.CcErrorCode, at + pos, n, error);
            if (sink.WantsTree && error <= 0x3fff) sink.SetLabel($"Error code: {TransportError(error)} ({error})");
            if (error >> 8 == 1 && Tls.TlsNames.AlertDescriptions.Find(error & 0xff) is not null)
                sink.AddUInt(QuicFields.CcTlsAlert, at + pos + n - 1, 1, error & 0xff);
            pos += n;
            pos += VarintField(frame, at, pos, QuicFields.CcFrameType, ref sink);
        }
        else
        {
            sink.AddUInt(QuicFields.CcErrorCodeApp, at + pos, n, error);
            pos += n;
        }
        LengthAndBytes(frame, at, ref pos, QuicFields.CcReasonLength, QuicFields.CcReason, ref sink);
    }

    // CRYPTO: Offset (i) | Length (i) | Crypto Data. The data continue the sender's CRYPTO stream at that
    // encryption level; whole TLS handshake messages go to the TLS dissector (QuicCrypto).
    private static void Crypto<TSink>(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> frame, int at, ref int pos, QuicConnection conn, bool fromServer, byte packetType,
        QuicPacketRecord record, ref int index, ref QuicDatagram dgram, int source, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        int n = QuicVarint.Read(frame, pos, out ulong streamOffset);
        sink.AddUInt(QuicFields.CryptoOffset, at + pos, n, streamOffset);
        pos += n;
        int m = QuicVarint.Read(frame, pos, out ulong length);
        sink.AddUInt(QuicFields.CryptoLength, at + pos, m, length);
        pos += m;
        sink.AddNone(QuicFields.CryptoData, at + pos, (int)length);
        QuicCrypto.Frame(payload, at + pos, (int)length, streamOffset, conn, fromServer, packetType, record, index++, dgram.FirstVisit, source, ref ctx, ref sink);
        pos += (int)length;
    }
}
