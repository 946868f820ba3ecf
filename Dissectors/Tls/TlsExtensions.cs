using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Tls;

/// <summary>Hello extensions (RFC 8446 §4.2): struct { ExtensionType extension_type; opaque extension_data&lt;0..2^16-1&gt;; } Extension.</summary>
public static class TlsExtensions
{
    public enum Message : byte { ClientHello, ServerHello }

    private const int MaxExtensions = 10_000;
    public const ushort ServerName = 0, StatusRequest = 5, CompressCertificate = 27, SupportedGroups = 10, EcPointFormats = 11, SignatureAlgorithms = 13, Alpn = 16,
        SessionTicket = 35, SupportedVersions = 43, PskKeyExchangeModes = 45, KeyShare = 51, RenegotiationInfo = 0xff01;

    /// <summary>GREASE values (RFC 8701): 0x0a0a, 0x1a1a … 0xfafa.</summary>
    public static bool IsGrease(ushort v) => (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);

    internal static void Dissect<TSink>(ReadOnlySpan<byte> list, int at, Message message, ref TlsRecordState state, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        int pos = 0;
        for (int n = 0; pos + 4 <= list.Length; n++)
        {
            if (n >= MaxExtensions)
            {
                Notes.Add(ref ctx, ref sink, TlsFields.TooManyItems, at + pos, list.Length - pos);
                return;
            }
            ushort type = BinaryPrimitives.ReadUInt16BigEndian(list[pos..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(list[(pos + 2)..]);
            int available = Math.Min(length, list.Length - pos - 4);
            var data = list.Slice(pos + 4, available);
            int dataAt = at + pos + 4;
            if (sink.WantsTree)
            {
                sink.AddText($"Extension: {Name(type)} (len={length})", at + pos, 4 + available);
                sink.Push();
            }
            sink.AddUInt(TlsFields.ExtensionType, at + pos, 2, type);
            if (sink.WantsTree && TlsNames.ExtensionTypes.Find(type) is null) sink.SetLabel($"Type: Unknown ({type})");
            sink.AddUInt(TlsFields.ExtensionLength, at + pos + 2, 2, (ulong)length);
            Body(type, data, dataAt, message, ref state, ref sink);
            if (sink.WantsTree) sink.Pop();
            pos += 4 + available;
        }
    }

    public static string Name(ushort type) => TlsNames.ExtensionTypes.Find(type) ?? $"Unknown type {type}";

    /// <summary>The version a ServerHello's supported_versions extension selects, or 0.</summary>
    public static ushort FindServerSupportedVersion(ReadOnlySpan<byte> serverHello)
    {
        // version(2) random(32) session_id<1> cipher(2) compression(1) extensions<2>
        int pos = 34;
        if (pos >= serverHello.Length) return 0;
        pos += 1 + serverHello[pos] + 3;
        if (pos + 2 > serverHello.Length) return 0;
        int end = Math.Min(serverHello.Length, pos + 2 + BinaryPrimitives.ReadUInt16BigEndian(serverHello[pos..]));
        pos += 2;
        while (pos + 4 <= end)
        {
            ushort type = BinaryPrimitives.ReadUInt16BigEndian(serverHello[pos..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(serverHello[(pos + 2)..]);
            if (type == SupportedVersions && length == 2 && pos + 6 <= end) return BinaryPrimitives.ReadUInt16BigEndian(serverHello[(pos + 4)..]);
            pos += 4 + length;
        }
        return 0;
    }

    private static void Body<TSink>(ushort type, ReadOnlySpan<byte> data, int at, Message message, ref TlsRecordState state, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        switch (type)
        {
            case ServerName when message == Message.ClientHello && data.Length >= 2:
                // ServerNameList: server_name_list<1..2^16-1> of { NameType name_type; HostName host_name<1..2^16-1>; }
                if (sink.WantsTree) { sink.AddText("Server Name Indication extension", at, data.Length); sink.Push(); }
                sink.AddUInt(TlsFields.SniListLength, at, 2, BinaryPrimitives.ReadUInt16BigEndian(data));
                for (int p = 2; p + 3 <= data.Length;)
                {
                    int nameLength = BinaryPrimitives.ReadUInt16BigEndian(data[(p + 1)..]);
                    sink.AddUInt(TlsFields.SniType, at + p, 1, data[p]);
                    sink.AddUInt(TlsFields.SniLength, at + p + 1, 2, (ulong)nameLength);
                    if (p + 3 + nameLength > data.Length) break;
                    sink.AddBytes(TlsFields.ServerName, at + p + 3, nameLength, data.Slice(p + 3, nameLength));
                    p += 3 + nameLength;
                }
                if (sink.WantsTree) sink.Pop();
                break;
            case SupportedGroups when data.Length >= 2:
                int groupsLength = Math.Min(BinaryPrimitives.ReadUInt16BigEndian(data), data.Length - 2);
                sink.AddUInt(TlsFields.GroupsLength, at, 2, BinaryPrimitives.ReadUInt16BigEndian(data));
                sink.AddNone(TlsFields.GroupsList, at + 2, groupsLength);
                if (sink.WantsTree) sink.SetLabel($"Supported Groups ({groupsLength / 2} group{(groupsLength / 2 == 1 ? "" : "s")})");
                sink.Push();
                for (int p = 0; p + 2 <= groupsLength; p += 2)
                    sink.AddUInt(TlsFields.Group, at + 2 + p, 2, BinaryPrimitives.ReadUInt16BigEndian(data[(2 + p)..]));
                sink.Pop();
                break;
            case EcPointFormats when data.Length >= 1:
                int formats = Math.Min(data[0], data.Length - 1);
                sink.AddUInt(TlsFields.EcPointFormatsLength, at, 1, data[0]);
                sink.AddNone(TlsFields.EcPointFormats, at + 1, formats);
                if (sink.WantsTree) sink.SetLabel($"Elliptic curves point formats ({formats})");
                sink.Push();
                for (int p = 0; p < formats; p++) sink.AddUInt(TlsFields.EcPointFormat, at + 1 + p, 1, data[1 + p]);
                sink.Pop();
                break;
            case SignatureAlgorithms when data.Length >= 2:
                int algsLength = Math.Min(BinaryPrimitives.ReadUInt16BigEndian(data), data.Length - 2);
                sink.AddUInt(TlsFields.SigHashAlgsLength, at, 2, BinaryPrimitives.ReadUInt16BigEndian(data));
                sink.AddNone(TlsFields.SigHashAlgs, at + 2, algsLength);
                if (sink.WantsTree) sink.SetLabel($"Signature Hash Algorithms ({algsLength / 2} algorithm{(algsLength / 2 == 1 ? "" : "s")})");
                sink.Push();
                for (int p = 0; p + 2 <= algsLength; p += 2)
                {
                    ushort alg = BinaryPrimitives.ReadUInt16BigEndian(data[(2 + p)..]);
                    sink.AddUInt(TlsFields.SigHashAlg, at + 2 + p, 2, alg);
                    if (sink.WantsTree && TlsNames.SignatureAlgorithms.Find(alg) is null &&
                        TlsNames.SigHashHashes.Find((ulong)(alg >> 8)) is { } hash && TlsNames.SigHashSignatures.Find((ulong)(alg & 0xff)) is { } signature)
                    {
                        // TLS 1.2 hash/signature pairs without a TLS 1.3 scheme name read "SHA224 ECDSA".
                        sink.SetLabel($"Signature Algorithm: {hash} {signature} (0x{alg:x4})");
                    }
                    sink.Push();
                    sink.AddUInt(TlsFields.SigHashHash, at + 2 + p, 1, (ulong)(alg >> 8));
                    sink.AddUInt(TlsFields.SigHashSig, at + 3 + p, 1, (ulong)(alg & 0xff));
                    sink.Pop();
                }
                sink.Pop();
                break;
            case Alpn when data.Length >= 2:
                // ProtocolNameList: protocol_name_list<2..2^16-1> of opaque ProtocolName<1..2^8-1>
                int alpnLength = Math.Min(BinaryPrimitives.ReadUInt16BigEndian(data), data.Length - 2);
                sink.AddUInt(TlsFields.AlpnLength, at, 2, BinaryPrimitives.ReadUInt16BigEndian(data));
                sink.AddNone(TlsFields.AlpnList, at + 2, alpnLength);
                sink.Push();
                for (int p = 2; p < 2 + alpnLength;)
                {
                    int n = data[p];
                    if (p + 1 + n > data.Length) break;
                    var protocol = data.Slice(p + 1, n);
                    sink.AddUInt(TlsFields.AlpnStringLength, at + p, 1, (ulong)n);
                    sink.AddBytes(TlsFields.AlpnString, at + p + 1, n, protocol);
                    if (message == Message.ServerHello)
                        state.Session.Alpn = protocol.SequenceEqual("h2"u8) ? (byte)2 : protocol.SequenceEqual("http/1.1"u8) ? (byte)1 : (byte)0;
                    p += 1 + n;
                }
                sink.Pop();
                break;
            case SupportedVersions:
                if (message == Message.ServerHello)
                {
                    if (data.Length >= 2) sink.AddUInt(TlsFields.SupportedVersion, at, 2, BinaryPrimitives.ReadUInt16BigEndian(data));
                    break;
                }
                if (data.Length < 1) break;
                sink.AddUInt(TlsFields.SupportedVersionsLength, at, 1, data[0]);
                for (int p = 1; p + 2 <= Math.Min(data.Length, 1 + data[0]); p += 2)
                    sink.AddUInt(TlsFields.SupportedVersion, at + p, 2, BinaryPrimitives.ReadUInt16BigEndian(data[p..]));
                break;
            case PskKeyExchangeModes when data.Length >= 1:
                sink.AddUInt(TlsFields.PskModesLength, at, 1, data[0]);
                for (int p = 1; p < Math.Min(data.Length, 1 + data[0]); p++) sink.AddUInt(TlsFields.PskMode, at + p, 1, data[p]);
                break;
            case KeyShare:
                KeyShareBody(data, at, message, ref sink);
                break;
            case RenegotiationInfo when data.Length >= 1:
                if (sink.WantsTree) { sink.AddText("Renegotiation Info extension", at, data.Length); sink.Push(); }
                if (sink.WantsTree) sink.AddText($"Renegotiation info extension length: {data[0]}", at, 1);
                if (sink.WantsTree) sink.Pop();
                break;
            case StatusRequest when message == Message.ClientHello && data.Length >= 5:
                // CertificateStatusRequest (RFC 6066 §8): status_type | responder_id_list<0..2^16-1> | request_extensions<0..2^16-1>
                sink.AddUInt(TlsFields.StatusRequestType, at, 1, data[0]);
                int responders = BinaryPrimitives.ReadUInt16BigEndian(data[1..]);
                sink.AddUInt(TlsFields.StatusRequestRespondersLength, at + 1, 2, (ulong)responders);
                if (3 + responders + 2 > data.Length) break;
                sink.AddUInt(TlsFields.StatusRequestExtensionsLength, at + 3 + responders, 2, BinaryPrimitives.ReadUInt16BigEndian(data[(3 + responders)..]));
                break;
            case CompressCertificate when data.Length >= 1:
                // CertificateCompressionAlgorithm algorithms<2..2^8-2> (RFC 8879 §3)
                sink.AddUInt(TlsFields.CompressAlgorithmsLength, at, 1, data[0]);
                for (int p = 1; p + 2 <= Math.Min(data.Length, 1 + data[0]); p += 2)
                    sink.AddUInt(TlsFields.CompressAlgorithm, at + p, 2, BinaryPrimitives.ReadUInt16BigEndian(data[p..]));
                break;
            case TlsQuicParameters.Extension or TlsQuicParameters.ExtensionDraft:
                TlsQuicParameters.Dissect(data, at, ref sink);
                break;
            default:
                if (data.Length > 0) sink.AddBytes(TlsFields.ExtensionData, at, data.Length, data);
                else if (sink.WantsTree && type == SessionTicket) sink.AddText("Data (0 bytes)", at, 0);
                else if (IsGrease(type) || TlsNames.ExtensionTypes.Find(type) is null)
                {
                    // tshark's generic item for an extension it does not know, here empty.
                    sink.AddBytes(TlsFields.ExtensionData, at, 0, data);
                    if (sink.WantsTree) sink.SetLabel("Data: <MISSING>");
                }
                break;
        }
    }

    //  struct { NamedGroup group; opaque key_exchange<1..2^16-1>; } KeyShareEntry;
    //  ClientHello: KeyShareEntry client_shares<0..2^16-1>;  ServerHello: KeyShareEntry server_share;
    //  HelloRetryRequest: NamedGroup selected_group;
    private static void KeyShareBody<TSink>(ReadOnlySpan<byte> data, int at, Message message, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (sink.WantsTree) { sink.AddText("Key Share extension", at, data.Length); sink.Push(); }
        int p = 0, end = data.Length;
        if (message == Message.ClientHello)
        {
            if (data.Length < 2) { if (sink.WantsTree) sink.Pop(); return; }
            sink.AddUInt(TlsFields.KeyShareClientLength, at, 2, BinaryPrimitives.ReadUInt16BigEndian(data));
            p = 2;
            end = Math.Min(data.Length, 2 + BinaryPrimitives.ReadUInt16BigEndian(data));
        }
        else if (data.Length == 2)
        {
            sink.AddUInt(TlsFields.KeyShareSelectedGroup, at, 2, BinaryPrimitives.ReadUInt16BigEndian(data));
            if (sink.WantsTree) sink.Pop();
            return;
        }
        for (int n = 0; p + 4 <= end && n < MaxExtensions; n++)
        {
            ushort group = BinaryPrimitives.ReadUInt16BigEndian(data[p..]);
            int keyLength = BinaryPrimitives.ReadUInt16BigEndian(data[(p + 2)..]);
            int available = Math.Min(keyLength, end - p - 4);
            if (sink.WantsTree)
            {
                sink.AddText($"Key Share Entry: Group: {TlsNames.Groups.Find(group) ?? "Unknown"}, Key Exchange length: {keyLength}", at + p, 4 + available);
                sink.Push();
            }
            sink.AddUInt(TlsFields.KeyShareGroup, at + p, 2, group);
            sink.AddUInt(TlsFields.KeyShareLength, at + p + 2, 2, (ulong)keyLength);
            if (available > 0) sink.AddBytes(TlsFields.KeyShareKey, at + p + 4, available, data.Slice(p + 4, available));
            if (sink.WantsTree) sink.Pop();
            p += 4 + available;
        }
        if (sink.WantsTree) sink.Pop();
    }
}
