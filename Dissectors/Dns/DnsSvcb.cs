using System.Buffers.Binary;
using System.Text;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Dns;

/// <summary>SVCB and HTTPS records (RFC 9460): priority, target name, then key=value parameters.</summary>
[System.Runtime.CompilerServices.SkipLocalsInit]
internal static class DnsSvcb
{
    // SvcPriority (2) | TargetName (uncompressed name) | SvcParams: { SvcParamKey (2) | length (2) | value }*
    public static bool Dissect<TSink>(ReadOnlySpan<byte> msg, int frameBase, int at, int end, ref DnsNameWork work, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (at + 3 > end) return false;
        sink.AddUInt(DnsFields.SvcbPriority, frameBase + at, 2, BinaryPrimitives.ReadUInt16BigEndian(msg[at..]));
        at += 2;
        Span<byte> text = stackalloc byte[DnsNameReader.BufferSize];
        var target = DnsNameReader.Read(msg, at, text, ref work);
        if (target.IsMalformed || at + target.WireLength > end) return false;
        sink.AddBytes(DnsFields.SvcbTarget, frameBase + at, target.WireLength, text[..target.TextLength]);
        at += target.WireLength;
        while (at < end)
        {
            if (at + 4 > end) return false;
            ushort key = BinaryPrimitives.ReadUInt16BigEndian(msg[at..]);
            ushort length = BinaryPrimitives.ReadUInt16BigEndian(msg[(at + 2)..]);
            if (at + 4 + length > end) return false;
            var value = msg.Slice(at + 4, length);
            sink.AddNone(DnsFields.SvcbParam, frameBase + at, 4 + length);
            if (sink.WantsTree) sink.SetLabel("SvcParam: " + Summary(key, value));
            sink.Push();
            sink.AddUInt(DnsFields.SvcbParamKey, frameBase + at, 2, key);
            if (sink.WantsTree && DnsFields.SvcParamKeys.Find(key) is null) sink.SetLabel($"SvcParamKey: key{key} ({key})");
            sink.AddUInt(DnsFields.SvcbParamLength, frameBase + at + 2, 2, length);
            Value(key, value, frameBase + at + 4, ref sink);
            sink.Pop();
            at += 4 + length;
        }
        return true;
    }

    private static void Value<TSink>(ushort key, ReadOnlySpan<byte> value, int offset, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        switch (key)
        {
            case 0:
                for (int i = 0; i + 2 <= value.Length; i += 2)
                    sink.AddUInt(DnsFields.SvcbMandatoryKey, offset + i, 2, BinaryPrimitives.ReadUInt16BigEndian(value[i..]));
                break;
            case 1:
                for (int i = 0; i < value.Length;)
                {
                    int n = value[i];
                    if (i + 1 + n > value.Length) break;
                    sink.AddUInt(DnsFields.SvcbAlpnLength, offset + i, 1, (ulong)n);
                    sink.AddBytes(DnsFields.SvcbAlpn, offset + i + 1, n, value.Slice(i + 1, n));
                    i += 1 + n;
                }
                break;
            case 2:
                break;
            case 3 when value.Length == 2:
                sink.AddUInt(DnsFields.SvcbPort, offset, 2, BinaryPrimitives.ReadUInt16BigEndian(value));
                break;
            case 4:
                for (int i = 0; i + 4 <= value.Length; i += 4) sink.AddBytes(DnsFields.SvcbIpv4, offset + i, 4, value.Slice(i, 4));
                break;
            case 5:
                // dissect_dns_svcparam_base64: the presentation format of an ECHConfigList is base64.
                sink.AddBytes(DnsFields.SvcbEch, offset, value.Length, value);
                if (sink.WantsTree) sink.SetLabel("ECHConfig: " + Convert.ToBase64String(value));
                break;
            case 6:
                for (int i = 0; i + 16 <= value.Length; i += 16) sink.AddBytes(DnsFields.SvcbIpv6, offset + i, 16, value.Slice(i, 16));
                break;
            default:
                if (value.Length > 0) sink.AddBytes(DnsFields.SvcbParamValue, offset, value.Length, value);
                break;
        }
    }

    /// <summary>"alpn=h2,h3", "port=443", "ipv4hint=1.2.3.4" as in tshark's SvcParam label (tree mode only).</summary>
    private static string Summary(ushort key, ReadOnlySpan<byte> value)
    {
        var sb = new StringBuilder(DnsFields.SvcParamKeys.Find(key) ?? $"key{key}");
        switch (key)
        {
            case 0:
                sb.Append('=');
                for (int i = 0; i + 2 <= value.Length; i += 2)
                {
                    if (i > 0) sb.Append(',');
                    ushort k = BinaryPrimitives.ReadUInt16BigEndian(value[i..]);
                    sb.Append(DnsFields.SvcParamKeys.Find(k) ?? $"key{k}");
                }
                break;
            case 1:
                sb.Append('=');
                for (int i = 0; i < value.Length;)
                {
                    int n = value[i];
                    if (i + 1 + n > value.Length) break;
                    if (i > 0) sb.Append(',');
                    sb.Append(FieldFormatter.Text(value.Slice(i + 1, n)));
                    i += 1 + n;
                }
                break;
            case 2:
                break;
            case 3 when value.Length == 2:
                sb.Append('=').Append(BinaryPrimitives.ReadUInt16BigEndian(value));
                break;
            case 4:
                sb.Append('=');
                for (int i = 0; i + 4 <= value.Length; i += 4) sb.Append(i > 0 ? "," : "").Append(FieldFormatter.IPv4(value.Slice(i, 4)));
                break;
            case 5:
                sb.Append('=').Append(Convert.ToBase64String(value));
                break;
            case 6:
                sb.Append('=');
                for (int i = 0; i + 16 <= value.Length; i += 16) sb.Append(i > 0 ? "," : "").Append(FieldFormatter.IPv6(value.Slice(i, 16)));
                break;
        }
        return sb.ToString();
    }
}
