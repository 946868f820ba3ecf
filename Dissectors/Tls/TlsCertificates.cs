using System.Text;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Tls;

/// <summary>
/// The Certificate handshake message: the chain, and for each certificate its subject and issuer
/// names read from the DER (no full X.509 tree).
/// </summary>
internal static class TlsCertificates
{
    //  TLS 1.2: opaque ASN.1Cert<1..2^24-1>;  struct { ASN.1Cert certificate_list<0..2^24-1>; } Certificate;
    //  TLS 1.3: struct { opaque certificate_request_context<0..2^8-1>;
    //                    CertificateEntry certificate_list<0..2^24-1>; } Certificate;   (entries carry extensions)
    private const int MaxCertificates = 1000;

    public static void Dissect<TSink>(ReadOnlySpan<byte> body, int at, bool tls13, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        int p = 0;
        if (tls13)
        {
            if (body.Length < 1) return;
            sink.AddUInt(TlsFields.CertificateRequestContextLength, at, 1, body[0]);
            p = 1 + body[0];
        }
        if (p + 3 > body.Length) return;
        int listLength = body[p] << 16 | body[p + 1] << 8 | body[p + 2];
        sink.AddUInt(TlsFields.CertificatesLength, at + p, 3, (ulong)listLength);
        p += 3;
        int end = Math.Min(body.Length, p + listLength);
        sink.AddNone(TlsFields.Certificates, at + p, end - p);
        if (sink.WantsTree) sink.SetLabel($"Certificates ({listLength} bytes)");
        sink.Push();
        for (int n = 0; p + 3 <= end && n < MaxCertificates; n++)
        {
            int length = body[p] << 16 | body[p + 1] << 8 | body[p + 2];
            sink.AddUInt(TlsFields.CertificateLength, at + p, 3, (ulong)length);
            p += 3;
            int available = Math.Min(length, end - p);
            var der = body.Slice(p, available);
            sink.AddBytes(TlsFields.Certificate, at + p, available, der);
            if (sink.WantsTree)
            {
                var names = DerNames.Read(der);
                string hex = FieldFormatter.HexNoSeparator(der[..Math.Min(36, der.Length)]) + (der.Length > 36 ? "…" : "");
                sink.SetLabel(names.Subject is null ? $"Certificate: {hex}" : $"Certificate: {hex} ({names.Subject})");
                sink.Push();
                if (names.Issuer is not null) sink.AddText($"issuer: {names.Issuer}", at + p, available);
                if (names.Subject is not null) sink.AddText($"subject: {names.Subject}", at + p, available);
                sink.Pop();
            }
            p += available;
            if (tls13 && p + 2 <= end)
            {
                int extLength = body[p] << 8 | body[p + 1];
                p += 2 + extLength;
            }
        }
        sink.Pop();
    }
}

/// <summary>Just enough DER to find a certificate's issuer and subject names (RFC 5280 §4.1).</summary>
internal static class DerNames
{
    public readonly record struct Names(string? Issuer, string? Subject);

    public static Names Read(ReadOnlySpan<byte> der)
    {
        // Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL, serialNumber, signature,
        //                            issuer Name, validity, subject Name, ... }, ... }
        if (!Enter(der, 0x30, out var cert) || !Enter(cert, 0x30, out var tbs)) return default;
        int p = 0;
        if (tbs.Length > 0 && tbs[0] == 0xA0 && !Skip(tbs, ref p)) return default;
        if (!Skip(tbs, ref p) || !Skip(tbs, ref p)) return default; // serialNumber, signature
        int issuerAt = p;
        if (!Skip(tbs, ref p)) return default;
        string? issuer = Name(tbs[issuerAt..p]);
        if (!Skip(tbs, ref p)) return new Names(issuer, null); // validity
        int subjectAt = p;
        if (!Skip(tbs, ref p)) return new Names(issuer, null);
        return new Names(issuer, Name(tbs[subjectAt..p]));
    }

    /// <summary>"id-at-organizationName=Example,id-at-commonName=example.com" (last RDN first, as tshark prints it).</summary>
    private static string? Name(ReadOnlySpan<byte> name)
    {
        if (!Enter(name, 0x30, out var rdns)) return null;
        var parts = new List<string>();
        int p = 0;
        for (int guard = 0; p < rdns.Length && guard < 64; guard++)
        {
            int start = p;
            if (!Skip(rdns, ref p)) break;
            if (!Enter(rdns[start..p], 0x31, out var set) || !Enter(set, 0x30, out var attribute)) continue;
            int q = 0;
            int oidAt = q;
            if (!Skip(attribute, ref q)) continue;
            int valueAt = q;
            if (!Skip(attribute, ref q)) continue;
            if (!Content(attribute[oidAt..q], out var oid) || !Content(attribute[valueAt..q], out var value)) continue;
            parts.Add($"{AttributeName(oid)}={Encoding.UTF8.GetString(value)}");
        }
        parts.Reverse();
        return parts.Count == 0 ? null : string.Join(',', parts);
    }

    private static string AttributeName(ReadOnlySpan<byte> oid)
    {
        if (oid.Length == 3 && oid[0] == 0x55 && oid[1] == 0x04)
        {
            return oid[2] switch
            {
                3 => "id-at-commonName",
                5 => "id-at-serialNumber",
                6 => "id-at-countryName",
                7 => "id-at-localityName",
                8 => "id-at-stateOrProvinceName",
                10 => "id-at-organizationName",
                11 => "id-at-organizationalUnitName",
                _ => $"2.5.4.{oid[2]}",
            };
        }
        return Convert.ToHexStringLower(oid);
    }

    private static bool Enter(ReadOnlySpan<byte> data, byte tag, out ReadOnlySpan<byte> content)
    {
        content = default;
        return data.Length > 0 && data[0] == tag && Content(data, out content);
    }

    /// <summary>The content of the element at the start of <paramref name="data"/>.</summary>
    private static bool Content(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> content)
    {
        content = default;
        if (!Header(data, out int headerLength, out int length) || headerLength + length > data.Length) return false;
        content = data.Slice(headerLength, length);
        return true;
    }

    private static bool Skip(ReadOnlySpan<byte> data, ref int p)
    {
        if (p >= data.Length || !Header(data[p..], out int headerLength, out int length) || p + headerLength + length > data.Length) return false;
        p += headerLength + length;
        return true;
    }

    private static bool Header(ReadOnlySpan<byte> data, out int headerLength, out int length)
    {
        headerLength = length = 0;
        if (data.Length < 2) return false;
        int first = data[1];
        if (first < 0x80)
        {
            headerLength = 2;
            length = first;
            return true;
        }
        int count = first & 0x7F;
        if (count == 0 || count > 3 || data.Length < 2 + count) return false;
        for (int i = 0; i < count; i++) length = length << 8 | data[2 + i];
        headerLength = 2 + count;
        return true;
    }
}
