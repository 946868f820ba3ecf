using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Dns;

/// <summary>
/// Reads the questions and resource records of one message. Offsets are relative to the message
/// (compression pointers are); <see cref="_base"/> turns them into frame offsets for the sink.
/// Each method returns the bytes consumed, or -1 when the record runs past the message.
/// </summary>
internal readonly ref struct DnsRecordReader
{
    private readonly ReadOnlySpan<byte> _msg;
    private readonly int _base;
    private readonly InfoColumn? _info;

    public DnsRecordReader(ReadOnlySpan<byte> message, int frameOffset, InfoColumn? info)
    {
        _msg = message;
        _base = frameOffset;
        _info = info;
    }

    // Question:  QNAME (name) | QTYPE (2) | QCLASS (2)
    public int Question<TSink>(int pos, DnsFlavor flavor, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        Span<byte> text = stackalloc byte[DnsNameReader.BufferSize];
        var name = DnsNameReader.Read(_msg, pos, text);
        var nameText = text[..name.TextLength];
        int fixedAt = pos + name.WireLength;
        bool complete = !name.IsMalformed && fixedAt + 4 <= _msg.Length;
        ushort type = complete ? BinaryPrimitives.ReadUInt16BigEndian(_msg[fixedAt..]) : (ushort)0;
        ushort cls = complete ? BinaryPrimitives.ReadUInt16BigEndian(_msg[(fixedAt + 2)..]) : (ushort)0;

        if (sink.WantsTree)
        {
            string label = complete
                ? $"{DnsText.Name(nameText)}: type {DnsText.TypeShort(type)}, class {DnsText.ClassShort(MaskClass(cls, flavor))}"
                : DnsText.Name(nameText);
            if (complete && flavor == DnsFlavor.Mdns && (cls & 0x8000) != 0) label += ", \"QU\" question";
            sink.AddText(label, _base + pos, Math.Min(name.WireLength + 4, _msg.Length - pos));
            sink.Push();
        }
        int nameSpan = Math.Min(name.WireLength, _msg.Length - pos);
        sink.AddBytes(DnsFields.QryName, _base + pos, nameSpan, nameText);
        sink.AddUInt(DnsFields.QryNameLen, _base + pos, nameSpan, (ulong)name.TextLength, FieldFlags.Generated);
        sink.AddUInt(DnsFields.CountLabels, _base + pos, nameSpan, (ulong)name.Labels, FieldFlags.Generated);
        if (complete)
        {
            sink.AddUInt(DnsFields.QryType, _base + fixedAt, 2, type);
            if (flavor == DnsFlavor.Mdns)
            {
                sink.AddUInt(DnsFields.QryClass, _base + fixedAt + 2, 2, (ulong)(cls & 0x7FFF));
                sink.AddUInt(DnsFields.QryQu, _base + fixedAt + 2, 2, cls);
            }
            else
            {
                sink.AddUInt(DnsFields.QryClass, _base + fixedAt + 2, 2, cls);
                if (sink.WantsTree) ClassLabel(cls, ref sink);
            }
        }
        if (sink.WantsTree) sink.Pop();
        if (!complete) return -1;

        if (_info is not null)
        {
            _info.Append(' ');
            AppendType(_info, type);
            _info.Append(' ').AppendAscii(nameText);
        }
        return name.WireLength + 4;
    }

    // Resource record:  NAME | TYPE (2) | CLASS (2) | TTL (4) | RDLENGTH (2) | RDATA
    public int Record<TSink>(int pos, DnsFlavor flavor, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        Span<byte> text = stackalloc byte[DnsNameReader.BufferSize];
        var name = DnsNameReader.Read(_msg, pos, text);
        var nameText = text[..name.TextLength];
        int fixedAt = pos + name.WireLength;
        if (name.IsMalformed || fixedAt + 10 > _msg.Length)
        {
            if (sink.WantsTree)
            {
                sink.AddText(DnsText.Name(nameText), _base + pos, Math.Max(0, _msg.Length - pos));
                sink.Push();
                sink.AddBytes(DnsFields.RespName, _base + pos, Math.Min(name.WireLength, _msg.Length - pos), nameText);
                sink.Pop();
            }
            return -1;
        }
        ushort type = BinaryPrimitives.ReadUInt16BigEndian(_msg[fixedAt..]);
        ushort cls = BinaryPrimitives.ReadUInt16BigEndian(_msg[(fixedAt + 2)..]);
        uint ttl = BinaryPrimitives.ReadUInt32BigEndian(_msg[(fixedAt + 4)..]);
        ushort rdLength = BinaryPrimitives.ReadUInt16BigEndian(_msg[(fixedAt + 8)..]);
        int rdata = fixedAt + 10;
        bool rdataFits = rdata + rdLength <= _msg.Length;

        if (sink.WantsTree)
        {
            string label = type == DnsTypes.OPT
                ? $"{DnsText.Name(nameText)}: type OPT"
                : $"{DnsText.Name(nameText)}: type {DnsText.TypeShort(type)}, class {DnsText.ClassShort(MaskClass(cls, flavor))}";
            if (flavor == DnsFlavor.Mdns && type != DnsTypes.OPT && (cls & 0x8000) != 0) label += ", cache flush";
            if (rdataFits) label += DnsRdata.LabelSuffix(_msg, type, rdata, rdLength);
            sink.AddText(label, _base + pos, Math.Min(name.WireLength + 10 + rdLength, _msg.Length - pos));
            sink.Push();
        }

        // tshark splits an SRV owner into service, protocol and name, and then has no dns.resp.name.
        int serviceEnd = 0, protoEnd = 0;
        bool srvName = type == DnsTypes.SRV && SplitServiceName(nameText, out serviceEnd, out protoEnd);
        if (srvName)
        {
            sink.AddBytes(DnsFields.SrvService, _base + pos, name.WireLength, nameText[..serviceEnd]);
            sink.AddBytes(DnsFields.SrvProto, _base + pos, name.WireLength, nameText[(serviceEnd + 1)..protoEnd]);
            sink.AddBytes(DnsFields.SrvName, _base + pos, name.WireLength, nameText[(protoEnd + 1)..]);
        }
        else
        {
            sink.AddBytes(DnsFields.RespName, _base + pos, name.WireLength, nameText);
        }
        sink.AddUInt(DnsFields.RespType, _base + fixedAt, 2, type);

        if (type == DnsTypes.OPT)
        {
            sink.AddUInt(DnsFields.UdpPayloadSize, _base + fixedAt + 2, 2, cls);
            sink.AddUInt(DnsFields.ExtRcode, _base + fixedAt + 4, 1, ttl >> 24);
            sink.AddUInt(DnsFields.Edns0Version, _base + fixedAt + 5, 1, (ttl >> 16) & 0xFF);
            sink.AddUInt(DnsFields.EdnsZ, _base + fixedAt + 6, 2, ttl & 0xFFFF);
            sink.Push();
            sink.AddUInt(DnsFields.EdnsZDo, _base + fixedAt + 6, 2, ttl & 0xFFFF);
            sink.AddUInt(DnsFields.EdnsZReserved, _base + fixedAt + 6, 2, ttl & 0xFFFF);
            sink.Pop();
        }
        else
        {
            if (flavor == DnsFlavor.Mdns)
            {
                sink.AddUInt(DnsFields.RespClass, _base + fixedAt + 2, 2, (ulong)(cls & 0x7FFF));
                sink.AddUInt(DnsFields.RespCacheFlush, _base + fixedAt + 2, 2, cls);
            }
            else
            {
                sink.AddUInt(DnsFields.RespClass, _base + fixedAt + 2, 2, cls);
                if (sink.WantsTree) ClassLabel(cls, ref sink);
            }
            sink.AddUInt(DnsFields.RespTtl, _base + fixedAt + 4, 4, ttl);
            if (sink.WantsTree) sink.SetLabel($"Time to live: {ttl} ({DnsText.Duration(ttl)})");
        }
        sink.AddUInt(DnsFields.RespLen, _base + fixedAt + 8, 2, rdLength);

        if (_info is not null)
        {
            _info.Append(' ');
            AppendType(_info, type);
        }

        bool ok = rdataFits && DnsRdata.Dissect(_msg, _base, type, cls, rdata, rdLength, _info, ref ctx, ref sink);
        if (sink.WantsTree) sink.Pop();
        return ok ? name.WireLength + 10 + rdLength : -1;
    }

    private static ushort MaskClass(ushort cls, DnsFlavor flavor) => flavor == DnsFlavor.Mdns ? (ushort)(cls & 0x7FFF) : cls;

    private static void ClassLabel<TSink>(ushort cls, ref TSink sink) where TSink : struct, IFieldSink
    {
        if (DnsFields.Classes.Find(cls) is null) sink.SetLabel($"Class: Unknown (0x{cls:x4})");
    }

    private static void AppendType(InfoColumn info, ushort type)
    {
        string? shortName = DnsTypes.ShortName(type);
        if (shortName is not null) info.Append(shortName);
        else info.Append("Unknown (").Append((long)type).Append(')');
    }

    /// <summary>"_sip._tcp.example.com" → service "_sip", protocol "_tcp", name "example.com" (RFC 2782).</summary>
    private static bool SplitServiceName(ReadOnlySpan<byte> name, out int serviceEnd, out int protoEnd)
    {
        serviceEnd = name.IndexOf((byte)'.');
        protoEnd = -1;
        if (serviceEnd <= 0 || name[0] != '_') return false;
        int next = name[(serviceEnd + 1)..].IndexOf((byte)'.');
        if (next <= 0 || name[serviceEnd + 1] != '_') return false;
        protoEnd = serviceEnd + 1 + next;
        return true;
    }
}
