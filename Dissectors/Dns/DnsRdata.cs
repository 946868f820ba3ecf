using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Dns;

/// <summary>
/// The RDATA of one record, by type. Returns false when the data contradicts its length (a name or
/// a string running past RDLENGTH or the message), which makes the message malformed.
/// Names inside RDATA may point anywhere in the message, so they are read from the whole message.
/// </summary>
[System.Runtime.CompilerServices.SkipLocalsInit]
internal static class DnsRdata
{
    public static bool Dissect<TSink>(ReadOnlySpan<byte> msg, int frameBase, ushort type, ushort cls, int at, int length,
        InfoColumn? info, ref DnsNameWork work, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        int end = at + length;
        switch (type)
        {
            case DnsTypes.A when length == 4:
                sink.AddBytes(DnsFields.A, frameBase + at, 4, msg.Slice(at, 4));
                if (info is not null) AppendIPv4(info, msg.Slice(at, 4));
                return true;
            case DnsTypes.AAAA when length == 16:
                sink.AddBytes(DnsFields.Aaaa, frameBase + at, 16, msg.Slice(at, 16));
                if (info is not null) AppendIPv6(info, msg.Slice(at, 16));
                return true;
            case DnsTypes.CNAME:
                return NameField(msg, frameBase, at, end, DnsFields.Cname, info, ref work, ref sink);
            case DnsTypes.NS:
                return NameField(msg, frameBase, at, end, DnsFields.Ns, info, ref work, ref sink);
            case DnsTypes.PTR:
                return NameField(msg, frameBase, at, end, DnsFields.Ptr, info, ref work, ref sink);
            case DnsTypes.MX:
                if (length < 3) return false;
                ushort preference = BinaryPrimitives.ReadUInt16BigEndian(msg[at..]);
                sink.AddUInt(DnsFields.MxPreference, frameBase + at, 2, preference);
                info?.Append(' ').Append((long)preference);
                return NameField(msg, frameBase, at + 2, end, DnsFields.MxExchange, info, ref work, ref sink);
            case DnsTypes.SOA:
                return Soa(msg, frameBase, at, end, info, ref work, ref sink);
            case DnsTypes.TXT:
                return CharacterStrings(msg, frameBase, at, end, DnsFields.TxtLength, DnsFields.Txt, ref sink);
            case DnsTypes.SPF:
                return CharacterStrings(msg, frameBase, at, end, DnsFields.SpfLength, DnsFields.Spf, ref sink);
            case DnsTypes.HINFO:
                return Hinfo(msg, frameBase, at, end, info, ref sink);
            case DnsTypes.SRV:
                return Srv(msg, frameBase, at, end, info, ref work, ref sink);
            case DnsTypes.CAA:
                return Caa(msg, frameBase, at, end, ref sink);
            case DnsTypes.SSHFP when length >= 2:
                sink.AddUInt(DnsFields.SshfpAlgorithm, frameBase + at, 1, msg[at]);
                sink.AddUInt(DnsFields.SshfpType, frameBase + at + 1, 1, msg[at + 1]);
                if (length > 2) sink.AddBytes(DnsFields.SshfpFingerprint, frameBase + at + 2, length - 2, msg.Slice(at + 2, length - 2));
                return true;
            case DnsTypes.RRSIG:
                return Rrsig(msg, frameBase, at, end, ref work, ref sink);
            case DnsTypes.OPT:
                return DnsOpt.Options(msg, frameBase, at, end, ref sink);
            case DnsTypes.SVCB:
            case DnsTypes.HTTPS:
                return DnsSvcb.Dissect(msg, frameBase, at, end, ref work, ref sink);
            default:
                if (DnsTypes.ShortName(type) is null || type == 0)
                {
                    string? message = sink.WantsTree
                        ? $"Dissector for DNS Type ({type}) code not implemented, Contact Wireshark developers if you want this supported"
                        : null;
                    Notes.Add(ref ctx, ref sink, DnsFields.UndecodedType, frameBase + at, length, message);
                }
                if (length > 0) sink.AddBytes(DnsFields.Data, frameBase + at, length, msg.Slice(at, length));
                return true;
        }
    }

    /// <summary>The part of a record's tree label after "type X, class Y" (tree mode only).</summary>
    public static string LabelSuffix(ReadOnlySpan<byte> msg, ushort type, int at, int length, ref DnsNameWork work)
    {
        Span<byte> text = stackalloc byte[DnsNameReader.BufferSize];
        switch (type)
        {
            case DnsTypes.A when length == 4:
                return ", addr " + FieldFormatter.IPv4(msg.Slice(at, 4));
            case DnsTypes.AAAA when length == 16:
                return ", addr " + FieldFormatter.IPv6(msg.Slice(at, 16));
            case DnsTypes.CNAME:
                return ", cname " + NameText(msg, at, text, ref work);
            case DnsTypes.NS:
                return ", ns " + NameText(msg, at, text, ref work);
            case DnsTypes.PTR:
                return ", " + NameText(msg, at, text, ref work);
            case DnsTypes.MX when length >= 3:
                return $", preference {BinaryPrimitives.ReadUInt16BigEndian(msg[at..])}, mx {NameText(msg, at + 2, text, ref work)}";
            case DnsTypes.SOA:
                return ", mname " + NameText(msg, at, text, ref work);
            case DnsTypes.SRV when length >= 7:
                return $", priority {BinaryPrimitives.ReadUInt16BigEndian(msg[at..])}, weight {BinaryPrimitives.ReadUInt16BigEndian(msg[(at + 2)..])}" +
                       $", port {BinaryPrimitives.ReadUInt16BigEndian(msg[(at + 4)..])}, target {NameText(msg, at + 6, text, ref work)}";
            case DnsTypes.HINFO when length >= 1 && msg[at] + 1 < length:
                int cpuLength = msg[at];
                int osLength = msg[at + 1 + cpuLength];
                if (at + 2 + cpuLength + osLength > at + length) return "";
                return $", CPU {FieldFormatter.Text(msg.Slice(at + 1, cpuLength))}, OS {FieldFormatter.Text(msg.Slice(at + 2 + cpuLength, osLength))}";
            default:
                return "";
        }
    }

    private static string NameText(ReadOnlySpan<byte> msg, int at, Span<byte> text, ref DnsNameWork work)
    {
        var name = DnsNameReader.Read(msg, at, text, ref work);
        return DnsText.Name(text[..name.TextLength]);
    }

    private static bool NameField<TSink>(ReadOnlySpan<byte> msg, int frameBase, int at, int end, FieldDef field, InfoColumn? info, ref DnsNameWork work, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        Span<byte> text = stackalloc byte[DnsNameReader.BufferSize];
        var name = DnsNameReader.Read(msg, at, text, ref work);
        if (name.IsMalformed || at + name.WireLength > end) return false;
        sink.AddBytes(field, frameBase + at, name.WireLength, text[..name.TextLength]);
        info?.Append(' ').AppendAscii(text[..name.TextLength]);
        return true;
    }

    // SOA: MNAME | RNAME | SERIAL (4) | REFRESH (4) | RETRY (4) | EXPIRE (4) | MINIMUM (4)
    private static bool Soa<TSink>(ReadOnlySpan<byte> msg, int frameBase, int at, int end, InfoColumn? info, ref DnsNameWork work, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        Span<byte> text = stackalloc byte[DnsNameReader.BufferSize];
        var mname = DnsNameReader.Read(msg, at, text, ref work);
        if (mname.IsMalformed || at + mname.WireLength > end) return false;
        sink.AddBytes(DnsFields.SoaMname, frameBase + at, mname.WireLength, text[..mname.TextLength]);
        info?.Append(' ').AppendAscii(text[..mname.TextLength]);
        at += mname.WireLength;
        var rname = DnsNameReader.Read(msg, at, text, ref work);
        if (rname.IsMalformed || at + rname.WireLength > end) return false;
        sink.AddBytes(DnsFields.SoaRname, frameBase + at, rname.WireLength, text[..rname.TextLength]);
        at += rname.WireLength;
        if (at + 20 > end) return false;
        sink.AddUInt(DnsFields.SoaSerial, frameBase + at, 4, BinaryPrimitives.ReadUInt32BigEndian(msg[at..]));
        Interval(DnsFields.SoaRefresh, msg, frameBase, at + 4, ref sink);
        Interval(DnsFields.SoaRetry, msg, frameBase, at + 8, ref sink);
        Interval(DnsFields.SoaExpire, msg, frameBase, at + 12, ref sink);
        Interval(DnsFields.SoaMinimum, msg, frameBase, at + 16, ref sink);
        return true;
    }

    private static void Interval<TSink>(FieldDef field, ReadOnlySpan<byte> msg, int frameBase, int at, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        uint seconds = BinaryPrimitives.ReadUInt32BigEndian(msg[at..]);
        sink.AddUInt(field, frameBase + at, 4, seconds);
        if (sink.WantsTree) sink.SetLabel($"{field.DisplayName}: {seconds} ({DnsText.Duration(seconds)})");
    }

    // TXT / SPF: one or more <character-string>s, each a length octet and that many bytes.
    private static bool CharacterStrings<TSink>(ReadOnlySpan<byte> msg, int frameBase, int at, int end, FieldDef lengthField, FieldDef textField, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        while (at < end)
        {
            int n = msg[at];
            if (at + 1 + n > end) return false;
            sink.AddUInt(lengthField, frameBase + at, 1, (ulong)n);
            sink.AddBytes(textField, frameBase + at + 1, n, msg.Slice(at + 1, n));
            at += 1 + n;
        }
        return true;
    }

    // HINFO: CPU <character-string> | OS <character-string>
    private static bool Hinfo<TSink>(ReadOnlySpan<byte> msg, int frameBase, int at, int end, InfoColumn? info, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (at >= end || at + 1 + msg[at] >= end) return false;
        int cpu = msg[at];
        int osAt = at + 1 + cpu;
        int os = msg[osAt];
        if (osAt + 1 + os > end) return false;
        sink.AddUInt(DnsFields.HinfoCpuLength, frameBase + at, 1, (ulong)cpu);
        sink.AddBytes(DnsFields.HinfoCpu, frameBase + at + 1, cpu, msg.Slice(at + 1, cpu));
        sink.AddUInt(DnsFields.HinfoOsLength, frameBase + osAt, 1, (ulong)os);
        sink.AddBytes(DnsFields.HinfoOs, frameBase + osAt + 1, os, msg.Slice(osAt + 1, os));
        info?.Append(' ').AppendAscii(msg.Slice(at + 1, cpu)).Append(' ').AppendAscii(msg.Slice(osAt + 1, os));
        return true;
    }

    // SRV: PRIORITY (2) | WEIGHT (2) | PORT (2) | TARGET (name)
    private static bool Srv<TSink>(ReadOnlySpan<byte> msg, int frameBase, int at, int end, InfoColumn? info, ref DnsNameWork work, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (at + 7 > end) return false;
        ushort priority = BinaryPrimitives.ReadUInt16BigEndian(msg[at..]);
        ushort weight = BinaryPrimitives.ReadUInt16BigEndian(msg[(at + 2)..]);
        ushort port = BinaryPrimitives.ReadUInt16BigEndian(msg[(at + 4)..]);
        sink.AddUInt(DnsFields.SrvPriority, frameBase + at, 2, priority);
        sink.AddUInt(DnsFields.SrvWeight, frameBase + at + 2, 2, weight);
        sink.AddUInt(DnsFields.SrvPort, frameBase + at + 4, 2, port);
        info?.Append(' ').Append((long)priority).Append(' ').Append((long)weight).Append(' ').Append((long)port);
        return NameField(msg, frameBase, at + 6, end, DnsFields.SrvTarget, info, ref work, ref sink);
    }

    // CAA (RFC 8659): FLAGS (1) | TAG LENGTH (1) | TAG | VALUE (rest)
    private static bool Caa<TSink>(ReadOnlySpan<byte> msg, int frameBase, int at, int end, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (at + 2 > end) return false;
        byte flags = msg[at];
        int tagLength = msg[at + 1];
        if (at + 2 + tagLength > end) return false;
        var tag = msg.Slice(at + 2, tagLength);
        var value = msg.Slice(at + 2 + tagLength, end - at - 2 - tagLength);
        sink.AddUInt(DnsFields.CaaFlags, frameBase + at, 1, flags);
        sink.Push();
        sink.AddUInt(DnsFields.CaaCritical, frameBase + at, 1, flags);
        sink.Pop();
        var field = tag.SequenceEqual("issue"u8) ? DnsFields.CaaIssue
            : tag.SequenceEqual("issuewild"u8) ? DnsFields.CaaIssueWild
            : tag.SequenceEqual("iodef"u8) ? DnsFields.CaaIodef
            : DnsFields.CaaUnknown;
        sink.AddBytes(field, frameBase + at + 1, end - at - 1, value);
        sink.Push();
        sink.AddUInt(DnsFields.CaaTagLength, frameBase + at + 1, 1, (ulong)tagLength);
        sink.AddBytes(DnsFields.CaaTag, frameBase + at + 2, tagLength, tag);
        sink.AddBytes(DnsFields.CaaValue, frameBase + at + 2 + tagLength, value.Length, value);
        sink.Pop();
        return true;
    }

    // RRSIG (RFC 4034 §3.1): TYPE COVERED (2) | ALG (1) | LABELS (1) | ORIGINAL TTL (4) |
    //   EXPIRATION (4) | INCEPTION (4) | KEY TAG (2) | SIGNER'S NAME | SIGNATURE
    private static bool Rrsig<TSink>(ReadOnlySpan<byte> msg, int frameBase, int at, int end, ref DnsNameWork work, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (at + 18 > end) return false;
        sink.AddUInt(DnsFields.RrsigTypeCovered, frameBase + at, 2, BinaryPrimitives.ReadUInt16BigEndian(msg[at..]));
        sink.AddUInt(DnsFields.RrsigAlgorithm, frameBase + at + 2, 1, msg[at + 2]);
        sink.AddUInt(DnsFields.RrsigLabels, frameBase + at + 3, 1, msg[at + 3]);
        Interval(DnsFields.RrsigOriginalTtl, msg, frameBase, at + 4, ref sink);
        sink.AddTime(DnsFields.RrsigExpiration, frameBase + at + 8, 4, BinaryPrimitives.ReadUInt32BigEndian(msg[(at + 8)..]) * 1_000_000_000L);
        sink.AddTime(DnsFields.RrsigInception, frameBase + at + 12, 4, BinaryPrimitives.ReadUInt32BigEndian(msg[(at + 12)..]) * 1_000_000_000L);
        sink.AddUInt(DnsFields.RrsigKeyTag, frameBase + at + 16, 2, BinaryPrimitives.ReadUInt16BigEndian(msg[(at + 16)..]));
        Span<byte> text = stackalloc byte[DnsNameReader.BufferSize];
        int nameAt = at + 18;
        var signer = DnsNameReader.Read(msg, nameAt, text, ref work);
        if (signer.IsMalformed || nameAt + signer.WireLength > end) return false;
        sink.AddBytes(DnsFields.RrsigSigner, frameBase + nameAt, signer.WireLength, text[..signer.TextLength]);
        int sigAt = nameAt + signer.WireLength;
        if (sigAt < end) sink.AddBytes(DnsFields.RrsigSignature, frameBase + sigAt, end - sigAt, msg[sigAt..end]);
        return true;
    }

    private static void AppendIPv4(InfoColumn info, ReadOnlySpan<byte> a)
    {
        info.Append(' ');
        for (int i = 0; i < 4; i++)
        {
            if (i > 0) info.Append('.');
            info.Append((long)a[i]);
        }
    }

    private static void AppendIPv6(InfoColumn info, ReadOnlySpan<byte> a)
    {
        Span<char> chars = stackalloc char[40];
        info.Append(' ').Append(chars[..Ipv6Text.Format(a, chars)]);
    }
}
