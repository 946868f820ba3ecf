using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Tls;

/// <summary>
/// Client and server fingerprints as generated fields: JA3/JA3S (Salesforce; what tshark 4.0 shows)
/// and JA4 (FoxIO; later Wiresharks). Computed only when a tree or one of these fields is wanted.
/// </summary>
internal static class TlsFingerprints
{
    /// <summary>JA3 = MD5("version,ciphers,extensions,groups,ec_point_formats"), GREASE left out; JA4 per the FoxIO spec.</summary>
    public static void Client<TSink>(ushort version, ReadOnlySpan<byte> suites, ReadOnlySpan<byte> extensions, int at, bool quicOrDtls, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        var ciphers = new List<ushort>();
        for (int i = 0; i + 2 <= suites.Length; i += 2)
        {
            ushort c = BinaryPrimitives.ReadUInt16BigEndian(suites[i..]);
            if (!TlsExtensions.IsGrease(c)) ciphers.Add(c);
        }
        var types = new List<ushort>();
        var groups = new List<ushort>();
        var formats = new List<byte>();
        var sigAlgs = new List<ushort>();
        var versions = new List<ushort>();
        bool sni = false;
        ReadOnlySpan<byte> firstAlpn = default;
        for (int p = 0; p + 4 <= extensions.Length;)
        {
            ushort type = BinaryPrimitives.ReadUInt16BigEndian(extensions[p..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(extensions[(p + 2)..]);
            var data = extensions.Slice(p + 4, Math.Min(length, extensions.Length - p - 4));
            p += 4 + data.Length;
            if (TlsExtensions.IsGrease(type)) continue;
            types.Add(type);
            switch (type)
            {
                case TlsExtensions.ServerName: sni = true; break;
                case TlsExtensions.SupportedGroups: ReadU16List(data, groups); break;
                case TlsExtensions.SignatureAlgorithms: ReadU16List(data, sigAlgs); break;
                case TlsExtensions.EcPointFormats:
                    for (int i = 1; i < Math.Min(data.Length, 1 + (data.Length > 0 ? data[0] : 0)); i++) formats.Add(data[i]);
                    break;
                case TlsExtensions.Alpn:
                    if (data.Length >= 3 && data[2] > 0 && 3 + data[2] <= data.Length) firstAlpn = data.Slice(3, data[2]);
                    break;
                case TlsExtensions.SupportedVersions:
                    for (int i = 1; i + 2 <= Math.Min(data.Length, 1 + (data.Length > 0 ? data[0] : 0)); i += 2)
                    {
                        ushort v = BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
                        if (!TlsExtensions.IsGrease(v)) versions.Add(v);
                    }
                    break;
            }
        }

        var ja3 = new StringBuilder();
        ja3.Append(version).Append(',');
        Join(ja3, ciphers, '-').Append(',');
        Join(ja3, types, '-').Append(',');
        Join(ja3, groups, '-').Append(',');
        for (int i = 0; i < formats.Count; i++) ja3.Append(i > 0 ? "-" : "").Append(formats[i]);
        string full = ja3.ToString();
        sink.AddBytes(TlsFields.Ja3Full, at, 0, Encoding.ASCII.GetBytes(full), FieldFlags.Generated);
        sink.AddBytes(TlsFields.Ja3, at, 0, Encoding.ASCII.GetBytes(Md5Hex(full)), FieldFlags.Generated);

        // JA4: t13d1516h2_8daaf6152771_e5627efa2ab1
        ushort highest = 0;
        foreach (var v in versions) if (v > highest) highest = v;
        if (highest == 0) highest = version;
        var head = new StringBuilder();
        head.Append(quicOrDtls ? 'q' : 't').Append(Ja4Version(highest)).Append(sni ? 'd' : 'i')
            .Append(Math.Min(ciphers.Count, 99).ToString("D2")).Append(Math.Min(types.Count, 99).ToString("D2")).Append(AlpnChars(firstAlpn));
        var sortedCiphers = new List<ushort>(ciphers);
        sortedCiphers.Sort();
        var sortedTypes = new List<ushort>();
        foreach (var t in types) if (t != TlsExtensions.ServerName && t != TlsExtensions.Alpn) sortedTypes.Add(t);
        sortedTypes.Sort();
        string cipherList = HexList(sortedCiphers);
        string extensionList = HexList(sortedTypes) + (sigAlgs.Count > 0 ? "_" + HexList(sigAlgs) : "");
        string ja4 = $"{head}_{(sortedCiphers.Count == 0 ? "000000000000" : Sha256Prefix(cipherList))}_{(sortedTypes.Count == 0 ? "000000000000" : Sha256Prefix(extensionList))}";
        string ja4r = $"{head}_{cipherList}_{extensionList}";
        sink.AddBytes(TlsFields.Ja4, at, 0, Encoding.ASCII.GetBytes(ja4), FieldFlags.Generated);
        sink.AddBytes(TlsFields.Ja4R, at, 0, Encoding.ASCII.GetBytes(ja4r), FieldFlags.Generated);
    }

    /// <summary>JA3S = MD5("version,cipher,extensions").</summary>
    public static void Server<TSink>(ushort version, ushort suite, ReadOnlySpan<byte> extensions, int at, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        var types = new List<ushort>();
        for (int p = 0; p + 4 <= extensions.Length;)
        {
            ushort type = BinaryPrimitives.ReadUInt16BigEndian(extensions[p..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(extensions[(p + 2)..]);
            p += 4 + length;
            if (!TlsExtensions.IsGrease(type)) types.Add(type);
        }
        var sb = new StringBuilder().Append(version).Append(',').Append(suite).Append(',');
        string full = Join(sb, types, '-').ToString();
        sink.AddBytes(TlsFields.Ja3sFull, at, 0, Encoding.ASCII.GetBytes(full), FieldFlags.Generated);
        sink.AddBytes(TlsFields.Ja3s, at, 0, Encoding.ASCII.GetBytes(Md5Hex(full)), FieldFlags.Generated);
    }

    private static string Ja4Version(ushort v) => v switch
    {
        0x0304 => "13",
        0x0303 => "12",
        0x0302 => "11",
        0x0301 => "10",
        0x0300 => "s3",
        0x0002 => "s2",
        0xfeff => "d1",
        0xfefd => "d2",
        0xfefc => "d3",
        _ => "00",
    };

    /// <summary>First and last character of the first ALPN value; hex nibbles when those are not alphanumeric.</summary>
    private static string AlpnChars(ReadOnlySpan<byte> alpn)
    {
        if (alpn.IsEmpty) return "00";
        byte first = alpn[0], last = alpn[^1];
        if (IsAlnum(first) && IsAlnum(last)) return $"{(char)first}{(char)last}";
        string hex = Convert.ToHexStringLower(alpn);
        return $"{hex[0]}{hex[^1]}";
    }

    private static bool IsAlnum(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z');

    private static void ReadU16List(ReadOnlySpan<byte> data, List<ushort> into)
    {
        if (data.Length < 2) return;
        int length = Math.Min(BinaryPrimitives.ReadUInt16BigEndian(data), data.Length - 2);
        for (int i = 2; i + 2 <= 2 + length; i += 2)
        {
            ushort v = BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
            if (!TlsExtensions.IsGrease(v)) into.Add(v);
        }
    }

    private static StringBuilder Join(StringBuilder sb, List<ushort> values, char separator)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (i > 0) sb.Append(separator);
            sb.Append(values[i]);
        }
        return sb;
    }

    private static string HexList(List<ushort> values)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < values.Count; i++) sb.Append(i > 0 ? "," : "").Append(values[i].ToString("x4"));
        return sb.ToString();
    }

    private static string Md5Hex(string s) => Convert.ToHexStringLower(MD5.HashData(Encoding.ASCII.GetBytes(s)));

    private static string Sha256Prefix(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(s)))[..12];
}
