using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Dns;

/// <summary>
/// Reads the questions and resource records of one message. Offsets are relative to the message
/// (compression pointers are); <see cref="_base"/> turns them into frame offsets for the sink.
/// Each method returns the bytes consumed, or -1 when the record cannot be read. As in tshark, a
/// question or record whose name, type and class (and TTL and length) cannot all be read is not
/// shown at all: tshark reads them before it adds the record's items and throws when they are missing.
/// All names of the message share one work budget (<see cref="DnsNameReader.MessageBudget"/>).
/// </summary>
[System.Runtime.CompilerServices.SkipLocalsInit]
internal ref struct DnsRecordReader
{
    private readonly ReadOnlySpan<byte> _msg;
    private readonly int _base;
    private readonly InfoColumn? _info;
    /// <summary>The message's length as sent (the captured <see cref="_msg"/> may be shorter).</summary>
    private readonly int _reported;
    private DnsNameWork _work;

    public DnsRecordReader(ReadOnlySpan<byte> message, int reportedLength, int frameOffset, InfoColumn? info)
    {
        _msg = message;
        _reported = Math.Max(reportedLength, message.Length);
        _base = frameOffset;
        _info = info;
        _work = DnsNameWork.ForMessage();
    }

    /// <summary>Gives back what the message's name reading borrowed.</summary>
    public void Release() => _work.Release();

    /// <summary>True when one of the <paramref name="count"/> questions from <paramref name="pos"/> asks for AXFR or IXFR.</summary>
    public bool AsksZoneTransfer(int pos, int count)
    {
        Span<byte> text = stackalloc byte[DnsNameReader.BufferSize];
        for (int i = 0; i < count; i++)
        {
            var name = DnsNameReader.Read(_msg, pos, text, ref _work);
            int fixedAt = pos + name.WireLength;
            if (name.IsMalformed || fixedAt + 4 > _msg.Length) return false;
            if (BinaryPrimitives.ReadUInt16BigEndian(_msg[fixedAt..]) is DnsTypes.AXFR or DnsTypes.IXFR) return true;
            pos = fixedAt + 4;
        }
        return false;
    }

    // Question:  QNAME (name) | QTYPE (2) | QCLASS (2)
    public int Question<TSink>(int pos, DnsFlavor flavor, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        Span<byte> text = stackalloc byte[DnsNameReader.BufferSize];
        var name = DnsNameReader.Read(_msg, pos, text, ref _work);
        int fixedAt = pos + name.WireLength;
        if (name.IsMalformed || fixedAt + 4 > _msg.Length) return -1;
        var nameText = text[..name.TextLength];
        ushort type = BinaryPrimitives.ReadUInt16BigEndian(_msg[fixedAt..]);
        ushort cls = BinaryPrimitives.ReadUInt16BigEndian(_msg[(fixedAt + 2)..]);
        bool mdns = flavor == DnsFlavor.Mdns;
        bool qu = mdns && (cls & 0x8000) != 0;

        if (sink.WantsTree)
        {
            string label = $"{DnsText.Name(nameText)}: type {DnsText.TypeShort(type)}, class {DnsText.ClassShort(MaskClass(cls, flavor))}";
            if (mdns) label += qu ? ", \"QU\" question" : ", \"QM\" question";
            sink.AddText(label, _base + pos, name.WireLength + 4);
            sink.Push();
        }
        sink.AddBytes(DnsFields.QryName, _base + pos, name.WireLength, nameText);
        sink.AddUInt(DnsFields.QryNameLen, _base + pos, name.WireLength, name.RawLength > 1 ? (ulong)name.RawLength : 0, FieldFlags.Generated);
        sink.AddUInt(DnsFields.CountLabels, _base + pos, name.WireLength, (ulong)name.Labels, FieldFlags.Generated);
        sink.AddUInt(DnsFields.QryType, _base + fixedAt, 2, type);
        if (mdns) Class(DnsFields.QryClassMdns, DnsFields.QryQu, _base + fixedAt + 2, cls, ref sink);
        else Class(DnsFields.QryClass, null, _base + fixedAt + 2, cls, ref sink);
        if (sink.WantsTree) sink.Pop();

        if (_info is not null)
        {
            _info.Append(' ');
            AppendType(_info, type);
            _info.Append(' ').AppendAscii(nameText);
            if (mdns) _info.Append(qu ? ", \"QU\" question" : ", \"QM\" question");
        }
        return name.WireLength + 4;
    }

    // Resource record:  NAME | TYPE (2) | CLASS (2) | TTL (4) | RDLENGTH (2) | RDATA
    public int Record<TSink>(int pos, DnsFlavor flavor, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        Span<byte> text = stackalloc byte[DnsNameReader.BufferSize];
        var name = DnsNameReader.Read(_msg, pos, text, ref _work);
        int fixedAt = pos + name.WireLength;
        if (name.IsMalformed || fixedAt + 10 > _msg.Length) return -1;
        var nameText = text[..name.TextLength];
        ushort type = BinaryPrimitives.ReadUInt16BigEndian(_msg[fixedAt..]);
        ushort cls = BinaryPrimitives.ReadUInt16BigEndian(_msg[(fixedAt + 2)..]);
        uint ttl = BinaryPrimitives.ReadUInt32BigEndian(_msg[(fixedAt + 4)..]);
        ushort rdLength = BinaryPrimitives.ReadUInt16BigEndian(_msg[(fixedAt + 8)..]);
        int rdata = fixedAt + 10;
        bool rdataFits = rdata + rdLength <= _msg.Length;
        bool mdns = flavor == DnsFlavor.Mdns;
        bool flush = mdns && (cls & 0x8000) != 0;

        if (_info is not null)
        {
            _info.Append(' ');
            AppendType(_info, type);
            if (flush) _info.Append(", cache flush");
        }
        // tshark adds the record's subtree only now, and an item reaching past the message throws:
        // a record whose data would end past the datagram is not shown at all.
        if (rdata + rdLength > _reported) return -1;

        if (sink.WantsTree)
        {
            string label = type == DnsTypes.OPT
                ? $"{DnsText.Name(nameText)}: type OPT"
                : $"{DnsText.Name(nameText)}: type {DnsText.TypeShort(type)}, class {DnsText.ClassShort(MaskClass(cls, flavor))}";
            if (flush) label += ", cache flush";
            if (rdataFits) label += DnsRdata.LabelSuffix(_msg, type, rdata, rdLength, ref _work);
            sink.AddText(label, _base + pos, Math.Min(name.WireLength + 10 + rdLength, _msg.Length - pos));
            sink.Push();
        }

        // tshark splits an SRV owner at its first two dots into service, protocol and name (no dns.resp.name then).
        if (type == DnsTypes.SRV && nameText.Length > 0)
        {
            int first = nameText.IndexOf((byte)'.');
            sink.AddBytes(DnsFields.SrvService, _base + pos, name.WireLength, first < 0 ? nameText : nameText[..first]);
            if (first >= 0)
            {
                var rest = nameText[(first + 1)..];
                int second = rest.IndexOf((byte)'.');
                sink.AddBytes(DnsFields.SrvProto, _base + pos, name.WireLength, second < 0 ? rest : rest[..second]);
                if (second >= 0) sink.AddBytes(DnsFields.SrvName, _base + pos, name.WireLength, rest[(second + 1)..]);
            }
        }
        else
        {
            sink.AddBytes(DnsFields.RespName, _base + pos, name.WireLength, nameText);
        }
        sink.AddUInt(DnsFields.RespType, _base + fixedAt, 2, type);

        if (type == DnsTypes.OPT)
        {
            if (mdns)
            {
                sink.AddUInt(DnsFields.UdpPayloadSizeMdns, _base + fixedAt + 2, 2, cls);
                sink.AddUInt(DnsFields.RespCacheFlush, _base + fixedAt + 2, 2, cls);
            }
            else sink.AddUInt(DnsFields.UdpPayloadSize, _base + fixedAt + 2, 2, cls);
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
            if (mdns) Class(DnsFields.RespClassMdns, DnsFields.RespCacheFlush, _base + fixedAt + 2, cls, ref sink);
            else Class(DnsFields.RespClass, null, _base + fixedAt + 2, cls, ref sink);
            sink.AddUInt(DnsFields.RespTtl, _base + fixedAt + 4, 4, ttl);
            if (sink.WantsTree) sink.SetLabel($"Time to live: {ttl} ({DnsText.Duration(ttl)})");
        }
        sink.AddUInt(DnsFields.RespLen, _base + fixedAt + 8, 2, rdLength);

        // tshark returns before looking at the data when there is none.
        bool ok = rdLength == 0 || rdataFits && DnsRdata.Dissect(_msg, _base, type, cls, rdata, rdLength, _info, ref _work, ref ctx, ref sink);
        if (sink.WantsTree) sink.Pop();
        return ok ? name.WireLength + 10 + rdLength : -1;
    }

    private static ushort MaskClass(ushort cls, DnsFlavor flavor) => flavor == DnsFlavor.Mdns ? (ushort)(cls & 0x7FFF) : cls;

    /// <summary>The class; mDNS splits off its top bit (QU question, cache flush) into a flag of its own.</summary>
    private static void Class<TSink>(FieldDef classField, FieldDef? topBit, int offset, ushort cls, ref TSink sink) where TSink : struct, IFieldSink
    {
        sink.AddUInt(classField, offset, 2, cls);
        if (topBit is not null) sink.AddUInt(topBit, offset, 2, cls);
        else if (sink.WantsTree && DnsFields.Classes.Find(cls) is null) sink.SetLabel($"Class: Unknown (0x{cls:x4})");
    }

    private static void AppendType(InfoColumn info, ushort type)
    {
        string? shortName = DnsTypes.ShortName(type);
        if (shortName is not null) info.Append(shortName);
        else info.Append("Unknown (").Append((long)type).Append(')');
    }
}
