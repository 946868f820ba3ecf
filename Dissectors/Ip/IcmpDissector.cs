using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Ip;

/// <summary>ICMP for IPv4 (RFC 792). Error messages quote the offending datagram, which is dissected as an error packet.</summary>
public static class IcmpDissector
{
    //  0                   1                   2                   3
    // |     Type      |     Code      |          Checksum             |
    // |           Identifier          |        Sequence Number        |   (echo, timestamp, info, mask)
    // |                 unused / gateway / pointer / MTU              |   (errors, followed by the quoted IP header + 8 bytes)
    private const int HeaderLength = 8;

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "ICMP";
        ctx.Protocols?.Add("icmp");
        bool inError = ctx.InErrorPacket;
        if (!inError)
        {
            ctx.Protocol = "ICMP";
            ctx.Layers.Transport = TransportKind.Icmp;
            ctx.Layers.TransportOffset = offset;
        }
        // Wireshark reads type, code and checksum before adding any item: fewer than 4 bytes in the datagram show nothing.
        if (!Bounds.Has(frame, offset, 4) || offset + 4 > end)
        {
            sink.PushProtocol(IcmpFields.Icmp, offset, Math.Max(0, Math.Min(frame.Length, end) - offset));
            sink.Pop();
            return Bounds.Missing(frame, offset, 4, end);
        }
        byte type = frame[offset], code = frame[offset + 1];
        ushort checksum = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
        string typeName = IcmpFields.TypeNames.Find(type) ?? "Unknown ICMP (obsolete or malformed?)";
        var codeNames = CodeNames(type);
        string? codeName = codeNames is null || (ctx.Info is null && !sink.WantsTree) ? null : codeNames.Find(code) ?? "Unknown code: " + code;

        if (!inError && ctx.Info is not null)
        {
            ctx.Info.Set(typeName);
            for (int pad = typeName.Length; pad < 20; pad++) ctx.Info.Append(' ');
            if (codeName is not null) ctx.Info.Append(" (").Append(codeName).Append(')');
        }

        int captured = Math.Min(end, frame.Length) - offset;
        sink.PushProtocol(IcmpFields.Icmp, offset, captured);
        sink.AddUInt(IcmpFields.Type, offset, 1, type);
        if (sink.WantsTree) sink.SetLabel($"Type: {type} ({typeName})");
        sink.AddUInt(IcmpFields.Code, offset + 1, 1, code);
        if (sink.WantsTree && codeName is not null) sink.SetLabel($"Code: {code} ({codeName})");

        // Verified only when the whole message is here and it is not a quote inside another ICMP error.
        var verdict = ChecksumItem.Verdict.Unverified;
        ushort expected = 0;
        if (!inError && end <= frame.Length && end >= offset)
        {
            ushort computed = InternetChecksum.Compute(frame.Slice(offset, end - offset));
            verdict = computed == 0 ? ChecksumItem.Verdict.Good : ChecksumItem.Verdict.Bad;
            if (computed != 0) expected = InternetChecksum.Expected(checksum, computed);
        }
        ChecksumItem.Add(ref ctx, ref sink, IcmpFields.Checksum, IcmpFields.ChecksumStatus, IcmpFields.ChecksumBad, offset + 2, checksum, verdict, expected, inError);

        if (!Bounds.Has(frame, offset, HeaderLength))
        {
            sink.Pop();
            return Bounds.Missing(frame, offset, HeaderLength, end);
        }
        var status = type switch
        {
            0 or 8 or 13 or 14 or 15 or 16 or 17 or 18 => Query(type, frame, offset, end, ref ctx, ref sink),
            3 or 4 or 5 or 11 or 12 => Error(type, code, frame, offset, end, ref ctx, ref sink),
            9 => RouterAdvertisement(frame, offset, end, ref ctx, ref sink),
            10 => Reserved(frame, offset, end, ref ctx, ref sink),
            _ => DataDissector.Dissect(frame, offset + 4, end, ref ctx, ref sink),
        };
        sink.Pop();
        return status;
    }

    private static ValueStrings? CodeNames(byte type) => type switch
    {
        3 => IcmpFields.UnreachableCodes,
        5 => IcmpFields.RedirectCodes,
        6 => IcmpFields.AlternateHostCodes,
        9 => IcmpFields.RouterAdvertCodes,
        11 => IcmpFields.TimeExceededCodes,
        12 => IcmpFields.ParameterProblemCodes,
        40 => IcmpFields.PhoturisCodes,
        _ => null,
    };

    /// <summary>Echo, timestamp, information and address-mask messages: identifier and sequence number, then a body.</summary>
    private static DissectStatus Query<TSink>(byte type, ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        ushort ident = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 4)..]);
        ushort seq = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 6)..]);
        ushort seqLe = BinaryPrimitives.ReadUInt16LittleEndian(frame[(offset + 6)..]);
        sink.AddUInt(IcmpFields.Ident, offset + 4, 2, ident);
        sink.AddUInt(IcmpFields.IdentLe, offset + 4, 2, BinaryPrimitives.ReadUInt16LittleEndian(frame[(offset + 4)..]));
        sink.AddUInt(IcmpFields.Seq, offset + 6, 2, seq);
        sink.AddUInt(IcmpFields.SeqLe, offset + 6, 2, seqLe);
        if (!ctx.InErrorPacket && ctx.Info is not null)
        {
            ctx.Info.Append(" id=").AppendHex(ident, 4).Append(", seq=").Append((long)seq).Append('/').Append((long)seqLe);
            int ip = ctx.CurrentIpOffset;
            if (ip >= 0 && ip + 9 <= frame.Length && (frame[ip] >> 4) == 4) ctx.Info.Append(", ttl=").Append((long)frame[ip + 8]);
        }
        int body = offset + HeaderLength;
        switch (type)
        {
            case 13 or 14:
                return Timestamps(frame, body, end, ref sink);
            case 17 or 18:
                if (!Bounds.Has(frame, body, 4)) return Bounds.Missing(frame, body, 4, end);
                sink.AddBytes(IcmpFields.AddressMask, body, 4, frame.Slice(body, 4));
                return DissectStatus.Complete;
            case 0 or 8:
                return EchoData(frame, body, end, ref ctx, ref sink);
            default:
                return DataDissector.Dissect(frame, body, end, ref ctx, ref sink);
        }
    }

    /// <summary>
    /// ping puts its send time (a struct timeval) at the start of the data. Like Wireshark, accept it in either byte
    /// order when it lies within a day of the capture time, and show the rest as data.
    /// </summary>
    private static DissectStatus EchoData<TSink>(ReadOnlySpan<byte> frame, int body, int end, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (end - body >= 8 && Bounds.Has(frame, body, 8))
        {
            long frameSeconds = Math.DivRem(ctx.Frame.TimestampNs, 1_000_000_000L, out _);
            long secs = BinaryPrimitives.ReadUInt32BigEndian(frame[body..]);
            long usecs = BinaryPrimitives.ReadUInt32BigEndian(frame[(body + 4)..]);
            if (Math.Abs(secs - frameSeconds) >= 86400 || usecs >= 1_000_000)
            {
                secs = BinaryPrimitives.ReadUInt32LittleEndian(frame[body..]);
                usecs = BinaryPrimitives.ReadUInt32LittleEndian(frame[(body + 4)..]);
            }
            if (Math.Abs(secs - frameSeconds) < 86400 && usecs < 1_000_000)
            {
                long stampNs = secs * 1_000_000_000L + usecs * 1000L;
                sink.AddTime(IcmpFields.DataTime, body, 8, stampNs);
                sink.AddTime(IcmpFields.DataTimeRelative, body, 8, ctx.Frame.TimestampNs - stampNs, FieldFlags.Generated);
                return DataDissector.Dissect(frame, body + 8, end, ref ctx, ref sink);
            }
        }
        return DataDissector.Dissect(frame, body, end, ref ctx, ref sink);
    }

    private static DissectStatus Timestamps<TSink>(ReadOnlySpan<byte> frame, int body, int end, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (!Bounds.Has(frame, body, 12)) return Bounds.Missing(frame, body, 12, end);
        AddTimestamp(IcmpFields.OriginateTimestamp, "Originate timestamp", frame, body, ref sink);
        AddTimestamp(IcmpFields.ReceiveTimestamp, "Receive timestamp", frame, body + 4, ref sink);
        AddTimestamp(IcmpFields.TransmitTimestamp, "Transmit timestamp", frame, body + 8, ref sink);
        return DissectStatus.Complete;
    }

    private static void AddTimestamp<TSink>(FieldDef field, string name, ReadOnlySpan<byte> frame, int offset, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        uint ms = BinaryPrimitives.ReadUInt32BigEndian(frame[offset..]);
        sink.AddUInt(field, offset, 4, ms);
        if (sink.WantsTree && ms < 86_400_000)
        {
            var t = TimeSpan.FromMilliseconds(ms);
            sink.SetLabel($"{name}: {ms} ({t.Hours}:{t.Minutes:D2}:{t.Seconds:D2}.{t.Milliseconds:D3} after midnight UTC)");
        }
    }

    // | Num Addrs | Addr Entry Size | Lifetime | { Router Address[i] | Preference Level[i] } ...
    private static DissectStatus RouterAdvertisement<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        byte count = frame[offset + 4], entrySize = frame[offset + 5];
        ushort lifetime = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 6)..]);
        sink.AddUInt(IcmpFields.NumAddrs, offset + 4, 1, count);
        sink.AddUInt(IcmpFields.AddrEntrySize, offset + 5, 1, entrySize);
        sink.AddUInt(IcmpFields.Lifetime, offset + 6, 2, lifetime);
        if (sink.WantsTree) sink.SetLabel($"Lifetime: {TimeText.Seconds(lifetime)}");
        int p = offset + HeaderLength;
        int stride = Math.Max(2, (int)entrySize) * 4;
        for (int i = 0; i < count; i++, p += stride)
        {
            if (!Bounds.Has(frame, p, 8)) return Bounds.Missing(frame, p, 8, end);
            sink.AddBytes(IcmpFields.RouterAddress, p, 4, frame.Slice(p, 4));
            sink.AddInt(IcmpFields.PrefLevel, p + 4, 4, BinaryPrimitives.ReadInt32BigEndian(frame[(p + 4)..]));
        }
        return DissectStatus.Complete;
    }

    private static DissectStatus Reserved<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        sink.AddBytes(IcmpFields.Reserved, offset + 4, 4, frame.Slice(offset + 4, 4));
        return DataDissector.Dissect(frame, offset + HeaderLength, end, ref ctx, ref sink);
    }

    /// <summary>Unreachable, source quench, redirect, time exceeded, parameter problem: a word of detail, then the quote.</summary>
    private static DissectStatus Error<TSink>(byte type, byte code, ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        // RFC 4884: byte 5 may give the quoted datagram's length in 32-bit words.
        int originalLength = type is 3 or 11 or 12 ? frame[offset + 5] * 4 : 0;
        switch (type)
        {
            case 5:
                sink.AddBytes(IcmpFields.RedirGw, offset + 4, 4, frame.Slice(offset + 4, 4));
                break;
            case 12:
                sink.AddUInt(IcmpFields.Pointer, offset + 4, 1, frame[offset + 4]);
                if (originalLength > 0) AddOriginalLength(frame, offset, originalLength, ref sink);
                else sink.AddBytes(IcmpFields.Unused, offset + 5, 3, frame.Slice(offset + 5, 3));
                break;
            default:
                if (originalLength > 0)
                {
                    sink.AddBytes(IcmpFields.Unused, offset + 4, 1, frame.Slice(offset + 4, 1));
                    AddOriginalLength(frame, offset, originalLength, ref sink);
                    if (type == 3 && code == 4) sink.AddUInt(IcmpFields.Mtu, offset + 6, 2, BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 6)..]));
                    else sink.AddBytes(IcmpFields.Unused, offset + 6, 2, frame.Slice(offset + 6, 2));
                }
                else if (type == 3 && code == 4)
                {
                    sink.AddBytes(IcmpFields.Unused, offset + 4, 2, frame.Slice(offset + 4, 2));
                    sink.AddUInt(IcmpFields.Mtu, offset + 6, 2, BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 6)..]));
                }
                else
                {
                    sink.AddBytes(IcmpFields.Unused, offset + 4, 4, frame.Slice(offset + 4, 4));
                }
                break;
        }
        QuotedPacket.Dissect(frame, offset + HeaderLength, end, ipv6: false, ref ctx, ref sink);
        return DissectStatus.Complete;
    }

    private static void AddOriginalLength<TSink>(ReadOnlySpan<byte> frame, int offset, int originalLength, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        sink.AddUInt(IcmpFields.Length, offset + 5, 1, frame[offset + 5]);
        if (sink.WantsTree) sink.SetLabel($"Length of original datagram: {originalLength}");
    }
}
