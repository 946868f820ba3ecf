using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Ip;

/// <summary>
/// PIMv2 (RFC 7761): the common header with its checksum, and the Register message, whose payload is a
/// whole multicast IP packet that Wireshark dissects in place. Other message bodies are not decoded yet.
/// </summary>
public static class PimDissector
{
    //  0                   1                   2                   3
    // |PIM Ver| Type  |   Reserved    |           Checksum            |
    // Register (type 1):
    // |B|N|                       Reserved2                           |
    // |                  Multicast data packet ...                    |
    private const int HeaderLength = 4, RegisterHeaderLength = 8;
    private const byte Register = 1;

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "PIM";
        ctx.Protocols?.Add("pim");
        int available = Math.Max(0, Math.Min(frame.Length, end) - offset);
        if (!Bounds.Has(frame, offset, HeaderLength))
        {
            if (!ctx.InErrorPacket) ctx.Protocol = "PIM";
            sink.PushProtocol(PimFields.Pim, offset, available);
            sink.Pop();
            return Bounds.Missing(frame, offset, HeaderLength, end);
        }
        byte versionType = frame[offset];
        int version = versionType >> 4, type = versionType & 0x0F;
        string typeName = PimFields.TypeNames.Find((ulong)type) ?? "Unknown";
        if (!ctx.InErrorPacket)
        {
            ctx.Protocol = version == 2 ? "PIMv2" : "PIM";
            ctx.Info?.Set(typeName);
        }
        sink.PushProtocol(PimFields.Pim, offset, available);
        sink.AddUInt(PimFields.Version, offset, 1, versionType);
        sink.AddUInt(PimFields.Type, offset, 1, versionType);
        sink.AddBytes(PimFields.Reserved, offset + 1, 1, frame.Slice(offset + 1, 1));
        AddChecksum(frame, offset, end, type, ref ctx, ref sink);
        if (version != 2 || type != Register)
        {
            if (sink.WantsTree && available > HeaderLength) sink.AddText($"Message body not decoded ({available - HeaderLength} bytes)", offset + HeaderLength, available - HeaderLength);
            sink.Pop();
            return DissectStatus.Complete;
        }
        if (!Bounds.Has(frame, offset, RegisterHeaderLength))
        {
            sink.Pop();
            return Bounds.Missing(frame, offset, RegisterHeaderLength, end);
        }
        int inner = offset + RegisterHeaderLength;
        sink.AddNone(PimFields.Options, offset + HeaderLength, Math.Max(0, available - HeaderLength));
        sink.Push();
        sink.AddUInt(PimFields.RegisterFlags, offset + HeaderLength, 4, BinaryPrimitives.ReadUInt32BigEndian(frame[(offset + HeaderLength)..]));
        sink.Push();
        sink.AddUInt(PimFields.RegisterBorder, offset + HeaderLength, 4, BinaryPrimitives.ReadUInt32BigEndian(frame[(offset + HeaderLength)..]));
        sink.AddUInt(PimFields.RegisterNull, offset + HeaderLength, 4, BinaryPrimitives.ReadUInt32BigEndian(frame[(offset + HeaderLength)..]));
        sink.Pop();
        bool hasInner = Bounds.Has(frame, inner, 1) && inner < end;
        if (hasInner) sink.AddUInt(PimFields.IpVersion, inner, 1, frame[inner]);
        sink.Pop();
        sink.Pop();
        if (!hasInner) return DissectStatus.Complete;

        // The encapsulated packet sets the addresses, but Wireshark keeps PIM's Protocol and Info columns.
        if (++ctx.Depth > 16) return DissectStatus.Malformed;
        DissectStatus status = (frame[inner] >> 4) switch
        {
            4 => IPv4Dissector.Dissect(frame, inner, end, ref ctx, ref sink, out _),
            6 => IPv6Dissector.Dissect(frame, inner, end, ref ctx, ref sink, out _),
            _ => DissectStatus.Complete,
        };
        if (!ctx.InErrorPacket)
        {
            ctx.Protocol = "PIMv2";
            ctx.Info?.Set(typeName);
        }
        return status;
    }

    /// <summary>
    /// The checksum covers the whole message, except for Register where it covers only the 8-byte header;
    /// over IPv6 it includes the pseudo-header.
    /// </summary>
    private static void AddChecksum<TSink>(ReadOnlySpan<byte> frame, int offset, int end, int type, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        ushort stored = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
        int length = type == Register ? Math.Min(RegisterHeaderLength, end - offset) : end - offset;
        var verdict = ChecksumItem.Verdict.Unverified;
        ushort expected = 0;
        int ip = ctx.CurrentIpOffset;
        if (!ctx.InErrorPacket && length >= HeaderLength && offset + length <= frame.Length && ip >= 0 && ip < offset)
        {
            var message = frame.Slice(offset, length);
            int ipVersion = frame[ip] >> 4;
            ushort computed = ipVersion == 6 && ip + IPv6Dissector.HeaderLength <= offset
                ? InternetChecksum.ComputeIPv6(frame.Slice(ip + 8, 16), frame.Slice(ip + 24, 16), IpProtocols.Pim, message)
                : InternetChecksum.Compute(message);
            verdict = computed == 0 ? ChecksumItem.Verdict.Good : ChecksumItem.Verdict.Bad;
            if (computed != 0) expected = InternetChecksum.Expected(stored, computed);
        }
        ChecksumItem.Add(ref ctx, ref sink, PimFields.Checksum, PimFields.ChecksumStatus, PimFields.BadChecksum, offset + 2, stored, verdict, expected, ctx.InErrorPacket);
    }
}
