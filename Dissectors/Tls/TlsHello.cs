using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Tls;

/// <summary>ClientHello and ServerHello bodies, and the fingerprints computed from them.</summary>
internal static class TlsHello
{
    //  struct {
    //      ProtocolVersion legacy_version = 0x0303;    /* TLS v1.2 */
    //      Random random;                              /* 32 bytes */
    //      opaque legacy_session_id<0..32>;
    //      CipherSuite cipher_suites<2..2^16-2>;
    //      opaque legacy_compression_methods<1..2^8-1>;
    //      Extension extensions<8..2^16-1>;
    //  } ClientHello;
    public static void Client<TSink>(ReadOnlySpan<byte> body, int at, ref TlsRecordState state, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        var r = new TlsReader(body);
        if (!r.Has(2 + 32 + 1)) return;
        ushort version = r.U16();
        sink.AddUInt(TlsFields.HandshakeVersion, at, 2, version);
        // tshark hides the time of a hello it already knows to be TLS 1.3 (QUIC's).
        RandomField(body.Slice(2, 32), at + 2, showTime: state.Session.Version != 0x0304, ref sink);
        r.Skip(32);
        if (!SessionId(ref r, at, ref sink)) return;

        if (!r.Has(2)) return;
        int suitesLength = r.U16();
        sink.AddUInt(TlsFields.CipherSuitesLength, at + r.Position - 2, 2, (ulong)suitesLength);
        if (!r.Has(suitesLength)) return;
        var suites = body.Slice(r.Position, suitesLength);
        sink.AddNone(TlsFields.CipherSuites, at + r.Position, suitesLength);
        if (sink.WantsTree) sink.SetLabel($"Cipher Suites ({suitesLength / 2} suite{(suitesLength / 2 == 1 ? "" : "s")})");
        sink.Push();
        for (int i = 0; i + 2 <= suitesLength; i += 2)
            sink.AddUInt(TlsFields.CipherSuite, at + r.Position + i, 2, BinaryPrimitives.ReadUInt16BigEndian(suites[i..]));
        sink.Pop();
        r.Skip(suitesLength);

        if (!r.Has(1)) return;
        int compLength = r.U8();
        sink.AddUInt(TlsFields.CompMethodsLength, at + r.Position - 1, 1, (ulong)compLength);
        if (!r.Has(compLength)) return;
        sink.AddNone(TlsFields.CompMethods, at + r.Position, compLength);
        if (sink.WantsTree) sink.SetLabel($"Compression Methods ({compLength} method{(compLength == 1 ? "" : "s")})");
        sink.Push();
        for (int i = 0; i < compLength; i++) sink.AddUInt(TlsFields.CompMethod, at + r.Position + i, 1, body[r.Position + i]);
        sink.Pop();
        r.Skip(compLength);

        var extensions = default(ReadOnlySpan<byte>);
        int extensionsAt = 0;
        if (r.Has(2))
        {
            int extLength = r.U16();
            sink.AddUInt(TlsFields.ExtensionsLength, at + r.Position - 2, 2, (ulong)extLength);
            extLength = Math.Min(extLength, r.Remaining);
            extensions = body.Slice(r.Position, extLength);
            extensionsAt = at + r.Position;
            TlsExtensions.Dissect(extensions, extensionsAt, TlsExtensions.Message.ClientHello, ref state, ref ctx, ref sink);
        }

        if (sink.WantsTree || sink.Wants(TlsFields.Ja3) || sink.Wants(TlsFields.Ja3Full) || sink.Wants(TlsFields.Ja4) || sink.Wants(TlsFields.Ja4R))
            TlsFingerprints.Client(version, suites, extensions, at, ctx.Layers.Transport == TransportKind.Udp, ref sink);
    }

    //  struct {
    //      ProtocolVersion legacy_version = 0x0303;    /* TLS v1.2 */
    //      Random random;
    //      opaque legacy_session_id_echo<0..32>;
    //      CipherSuite cipher_suite;
    //      uint8 legacy_compression_method = 0;
    //      Extension extensions<6..2^16-1>;
    //  } ServerHello;
    public static void Server<TSink>(ReadOnlySpan<byte> body, int at, ref TlsRecordState state, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        var r = new TlsReader(body);
        if (!r.Has(2 + 32 + 1)) return;
        ushort version = r.U16();
        sink.AddUInt(TlsFields.HandshakeVersion, at, 2, version);
        // Look ahead for supported_versions: TLS 1.3's random carries no time, and the version is the extension's.
        ushort negotiated = TlsExtensions.FindServerSupportedVersion(body);
        ushort effective = negotiated != 0 ? negotiated : version;
        RandomField(body.Slice(2, 32), at + 2, showTime: effective != 0x0304, ref sink);
        r.Skip(32);
        if (!SessionId(ref r, at, ref sink)) return;
        if (!r.Has(3)) return;
        ushort suite = r.U16();
        sink.AddUInt(TlsFields.CipherSuite, at + r.Position - 2, 2, suite);
        byte comp = r.U8();
        sink.AddUInt(TlsFields.CompMethod, at + r.Position - 1, 1, comp);
        state.Session.Version = effective;

        var extensions = default(ReadOnlySpan<byte>);
        if (r.Has(2))
        {
            int extLength = r.U16();
            sink.AddUInt(TlsFields.ExtensionsLength, at + r.Position - 2, 2, (ulong)extLength);
            extLength = Math.Min(extLength, r.Remaining);
            extensions = body.Slice(r.Position, extLength);
            TlsExtensions.Dissect(extensions, at + r.Position, TlsExtensions.Message.ServerHello, ref state, ref ctx, ref sink);
        }
        if (effective == 0x0304)
        {
            // From here on both sides use handshake keys: later handshake records are encrypted.
            state.Session.FirstEncrypted = state.Session.SecondEncrypted = true;
        }
        if (sink.WantsTree || sink.Wants(TlsFields.Ja3s) || sink.Wants(TlsFields.Ja3sFull))
            TlsFingerprints.Server(version, suite, extensions, at, ref sink);
    }

    private static void RandomField<TSink>(ReadOnlySpan<byte> random, int at, bool showTime, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        sink.AddBytes(TlsFields.Random, at, 32, random);
        if (!showTime) return;
        sink.Push();
        sink.AddTime(TlsFields.RandomTime, at, 4, BinaryPrimitives.ReadUInt32BigEndian(random) * 1_000_000_000L);
        sink.AddBytes(TlsFields.RandomBytes, at + 4, 28, random[4..]);
        sink.Pop();
    }

    private static bool SessionId<TSink>(ref TlsReader r, int at, ref TSink sink) where TSink : struct, IFieldSink
    {
        int length = r.U8();
        sink.AddUInt(TlsFields.SessionIdLength, at + r.Position - 1, 1, (ulong)length);
        if (!r.Has(length)) return false;
        if (length > 0) sink.AddBytes(TlsFields.SessionId, at + r.Position, length, r.Slice(length));
        r.Skip(length);
        return true;
    }
}

/// <summary>A bounds-checked cursor over a handshake body.</summary>
internal ref struct TlsReader
{
    private readonly ReadOnlySpan<byte> _data;
    public int Position;

    public TlsReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        Position = 0;
    }

    public readonly int Remaining => _data.Length - Position;
    public readonly bool Has(int n) => n >= 0 && n <= _data.Length - Position;
    public byte U8() => _data[Position++];
    public ushort U16() { ushort v = BinaryPrimitives.ReadUInt16BigEndian(_data[Position..]); Position += 2; return v; }
    public readonly ReadOnlySpan<byte> Slice(int n) => _data.Slice(Position, n);
    public void Skip(int n) => Position += n;
}
