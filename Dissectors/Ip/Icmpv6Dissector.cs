using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Ip;

/// <summary>ICMPv6 (RFC 4443) with Neighbor Discovery (RFC 4861) and MLD (RFC 2710, 3810).</summary>
public static class Icmpv6Dissector
{
    //  0                   1                   2                   3
    // |     Type      |     Code      |          Checksum             |
    // |                         Message Body                          |
    private const int HeaderLength = 4;

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "ICMPv6";
        ctx.Protocols?.Add("icmpv6");
        bool inError = ctx.InErrorPacket;
        if (!inError)
        {
            ctx.Protocol = "ICMPv6";
            ctx.Layers.Transport = TransportKind.Icmpv6;
            ctx.Layers.TransportOffset = offset;
        }
        if (!Bounds.Has(frame, offset, HeaderLength) || offset + HeaderLength > end)
        {
            sink.PushProtocol(Icmpv6Fields.Icmpv6, offset, Math.Max(0, Math.Min(frame.Length, end) - offset));
            sink.Pop();
            return Bounds.Missing(frame, offset, HeaderLength, end);
        }
        byte type = frame[offset], code = frame[offset + 1];
        ushort checksum = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
        var codeNames = type switch
        {
            1 => Icmpv6Fields.UnreachableCodes,
            3 => Icmpv6Fields.TimeExceededCodes,
            4 => Icmpv6Fields.ParameterProblemCodes,
            _ => null,
        };
        string? codeName = codeNames?.Find(code);
        if (!inError && ctx.Info is not null)
        {
            ctx.Info.Set(Icmpv6Fields.TypeNames.Find(type) ?? "Unknown ICMPv6 Type");
            if (codeName is not null) ctx.Info.Append(" (").Append(codeName).Append(')');
        }

        sink.PushProtocol(Icmpv6Fields.Icmpv6, offset, Math.Min(end, frame.Length) - offset);
        sink.AddUInt(Icmpv6Fields.Type, offset, 1, type);
        sink.AddUInt(Icmpv6Fields.Code, offset + 1, 1, code);
        if (sink.WantsTree && codeName is not null) sink.SetLabel($"Code: {code} ({codeName})");
        var verdict = ChecksumItem.Verdict.Unverified;
        ushort expected = 0;
        int ip = ctx.CurrentIpOffset;
        if (!inError && end <= frame.Length && ip >= 0 && ip + IPv6Dissector.HeaderLength <= offset && (frame[ip] >> 4) == 6)
        {
            ushort computed = InternetChecksum.ComputeIPv6(frame.Slice(ip + 8, 16), frame.Slice(ip + 24, 16), IpProtocols.Icmpv6, frame.Slice(offset, end - offset));
            verdict = computed == 0 ? ChecksumItem.Verdict.Good : ChecksumItem.Verdict.Bad;
            if (computed != 0) expected = InternetChecksum.Expected(checksum, computed);
        }
        ChecksumItem.Add(ref ctx, ref sink, Icmpv6Fields.Checksum, Icmpv6Fields.ChecksumStatus, Icmpv6Fields.ChecksumBad, offset + 2, checksum, verdict, expected, inError);

        int body = offset + HeaderLength;
        DissectStatus status;
        if (!Bounds.Has(frame, body, 4))
        {
            status = Math.Min(end, frame.Length) > body || end > body ? Bounds.Missing(frame, body, 4, end) : DissectStatus.Complete;
            sink.Pop();
            return status;
        }
        switch (type)
        {
            case 1 or 3:
                sink.AddBytes(Icmpv6Fields.Reserved, body, 4, frame.Slice(body, 4));
                QuotedPacket.Dissect(frame, body + 4, end, ipv6: true, ref ctx, ref sink);
                status = DissectStatus.Complete;
                break;
            case 2:
                sink.AddUInt(Icmpv6Fields.Mtu, body, 4, BinaryPrimitives.ReadUInt32BigEndian(frame[body..]));
                QuotedPacket.Dissect(frame, body + 4, end, ipv6: true, ref ctx, ref sink);
                status = DissectStatus.Complete;
                break;
            case 4:
                sink.AddUInt(Icmpv6Fields.Pointer, body, 4, BinaryPrimitives.ReadUInt32BigEndian(frame[body..]));
                QuotedPacket.Dissect(frame, body + 4, end, ipv6: true, ref ctx, ref sink);
                status = DissectStatus.Complete;
                break;
            case 128 or 129:
                status = Echo(frame, body, end, ref ctx, ref sink);
                break;
            case 130 or 131 or 132:
                status = Mld(type, frame, body, end, ref sink);
                break;
            case 143:
                status = MldV2Report(frame, body, end, ref sink);
                break;
            case >= 133 and <= 137:
                status = NeighborDiscovery.Dissect(type, frame, body, end, ref ctx, ref sink);
                break;
            default:
                status = DataDissector.Dissect(frame, body, end, ref ctx, ref sink);
                break;
        }
        sink.Pop();
        return status;
    }

    private static DissectStatus Echo<TSink>(ReadOnlySpan<byte> frame, int body, int end, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        ushort id = BinaryPrimitives.ReadUInt16BigEndian(frame[body..]);
        ushort seq = BinaryPrimitives.ReadUInt16BigEndian(frame[(body + 2)..]);
        sink.AddUInt(Icmpv6Fields.EchoId, body, 2, id);
        sink.AddUInt(Icmpv6Fields.EchoSeq, body + 2, 2, seq);
        if (!ctx.InErrorPacket && ctx.Info is not null)
        {
            ctx.Info.Append(" id=").AppendHex(id, 4).Append(", seq=").Append((long)seq);
            int ip = ctx.CurrentIpOffset;
            if (ip >= 0 && ip + 8 <= frame.Length && (frame[ip] >> 4) == 6) ctx.Info.Append(", hop limit=").Append((long)frame[ip + 7]);
        }
        return DataDissector.Dissect(frame, body + 4, end, ref ctx, ref sink);
    }

    // MLDv1 (and the MLDv2 query, which extends it): | Max Response Delay | Reserved | Multicast Address (16) | ...
    private static DissectStatus Mld<TSink>(byte type, ReadOnlySpan<byte> frame, int body, int end, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (!Bounds.Has(frame, body, 20)) return Bounds.Missing(frame, body, 20, end);
        bool v2Query = type == 130 && end - body >= 24;
        ushort delay = BinaryPrimitives.ReadUInt16BigEndian(frame[body..]);
        sink.AddUInt(v2Query ? Icmpv6Fields.MldMaxResponseCode : Icmpv6Fields.MldMaxResponseDelay, body, 2, delay);
        sink.AddBytes(Icmpv6Fields.Reserved, body + 2, 2, frame.Slice(body + 2, 2));
        sink.AddBytes(Icmpv6Fields.MldMulticastAddress, body + 4, 16, frame.Slice(body + 4, 16));
        if (!v2Query) return DissectStatus.Complete;
        int p = body + 20;
        if (!Bounds.Has(frame, p, 4)) return Bounds.Missing(frame, p, 4, end);
        sink.AddUInt(Icmpv6Fields.MldFlag, p, 1, frame[p]);
        sink.AddUInt(Icmpv6Fields.MldQqi, p + 1, 1, frame[p + 1]);
        ushort sources = BinaryPrimitives.ReadUInt16BigEndian(frame[(p + 2)..]);
        sink.AddUInt(Icmpv6Fields.MldNbSources, p + 2, 2, sources);
        p += 4;
        for (int i = 0; i < sources; i++, p += 16)
        {
            if (!Bounds.Has(frame, p, 16)) return Bounds.Missing(frame, p, 16, end);
            sink.AddBytes(Icmpv6Fields.MldSourceAddress, p, 16, frame.Slice(p, 16));
        }
        return DissectStatus.Complete;
    }

    // | Reserved | Nr of Mcast Address Records | { Record Type | Aux Data Len | Number of Sources | Multicast Address | Sources | Aux } ...
    private static DissectStatus MldV2Report<TSink>(ReadOnlySpan<byte> frame, int body, int end, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        sink.AddBytes(Icmpv6Fields.Reserved, body, 2, frame.Slice(body, 2));
        ushort records = BinaryPrimitives.ReadUInt16BigEndian(frame[(body + 2)..]);
        sink.AddUInt(Icmpv6Fields.MldrNbRecords, body + 2, 2, records);
        int p = body + 4;
        for (int r = 0; r < records; r++)
        {
            if (!Bounds.Has(frame, p, 20)) return Bounds.Missing(frame, p, 20, end);
            byte recordType = frame[p], auxLen = frame[p + 1];
            ushort sources = BinaryPrimitives.ReadUInt16BigEndian(frame[(p + 2)..]);
            int length = 20 + sources * 16 + auxLen * 4;
            sink.AddNone(Icmpv6Fields.MldrRecord, p, Math.Min(length, frame.Length - p));
            if (sink.WantsTree)
            {
                sink.SetLabel($"Multicast Address Record {Icmpv6Fields.RecordTypes.Find(recordType) ?? "Unknown"}: {FieldFormatter.IPv6(frame.Slice(p + 4, 16))}");
            }
            sink.Push();
            sink.AddUInt(Icmpv6Fields.MldrRecordType, p, 1, recordType);
            sink.AddUInt(Icmpv6Fields.MldrAuxDataLen, p + 1, 1, auxLen);
            sink.AddUInt(Icmpv6Fields.MldrNbSources, p + 2, 2, sources);
            sink.AddBytes(Icmpv6Fields.MldrMulticastAddress, p + 4, 16, frame.Slice(p + 4, 16));
            int q = p + 20;
            for (int i = 0; i < sources; i++, q += 16)
            {
                if (!Bounds.Has(frame, q, 16)) { sink.Pop(); return Bounds.Missing(frame, q, 16, end); }
                sink.AddBytes(Icmpv6Fields.MldrSourceAddress, q, 16, frame.Slice(q, 16));
            }
            if (auxLen > 0)
            {
                if (!Bounds.Has(frame, q, auxLen * 4)) { sink.Pop(); return Bounds.Missing(frame, q, auxLen * 4, end); }
                sink.AddBytes(Icmpv6Fields.MldrAuxData, q, auxLen * 4, frame.Slice(q, auxLen * 4));
            }
            sink.Pop();
            p += length;
        }
        return DissectStatus.Complete;
    }
}
