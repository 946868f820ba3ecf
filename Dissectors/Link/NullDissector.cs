using System.Buffers.Binary;
using Sniffer.Capture;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Ip;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Link;

/// <summary>
/// BSD loopback (LINKTYPE_NULL): a 4-byte address family in the byte order of the machine that captured,
/// and OpenBSD's LINKTYPE_LOOP, where it is in network order.
/// </summary>
public static class NullDissector
{
    // | Address family (AF_INET = 2, AF_INET6 = 24/28/30 by OS), 4 bytes | IP packet ...
    private const int HeaderLength = 4;

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "Null";
        ctx.Protocols?.Add("null");
        if (!ctx.InErrorPacket) ctx.Protocol = "N/A";
        if (!Bounds.Has(frame, offset, HeaderLength))
        {
            sink.PushProtocol(NullFields.Null, offset, Math.Max(0, Math.Min(frame.Length, end) - offset));
            sink.Pop();
            return Bounds.Missing(frame, offset, HeaderLength, end);
        }
        if (!ctx.InErrorPacket) ctx.Info?.Set("Null/Loopback");
        bool loop = ctx.Frame.LinkType == LinkType.Loop;
        uint family = loop ? BinaryPrimitives.ReadUInt32BigEndian(frame[offset..]) : HostOrderFamily(frame.Slice(offset, 4));

        sink.PushProtocol(NullFields.Null, offset, HeaderLength);
        int payload = offset + HeaderLength;
        if (!loop && family > 1500)
        {
            // Some systems put an EtherType here instead of a family.
            sink.AddUInt(NullFields.Type, offset, 4, (ushort)family);
            sink.Pop();
            return EtherTypeDispatch.Dissect((ushort)family, frame, payload, end, ref ctx, ref sink, out protocol);
        }
        sink.AddUInt(NullFields.Family, offset, 4, family);
        sink.Pop();
        switch (family)
        {
            case NullFields.AfInet:
                return IPv4Dissector.Dissect(frame, payload, end, ref ctx, ref sink, out protocol);
            case NullFields.AfInet6Bsd or NullFields.AfInet6FreeBsd or NullFields.AfInet6Darwin:
                return IPv6Dissector.Dissect(frame, payload, end, ref ctx, ref sink, out protocol);
            default:
                return DataDissector.Dissect(frame, payload, end, ref ctx, ref sink);
        }
    }

    /// <summary>
    /// The family was written in the capturing host's byte order, which the file doesn't record. Families are small,
    /// so read it little-endian and, if that gives a large number, take the other order, as Wireshark does.
    /// (IRIX wrote a 16-bit family in the first two bytes; that also ends up in the low half.)
    /// </summary>
    public static uint HostOrderFamily(ReadOnlySpan<byte> header)
    {
        uint value = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if ((value & 0xFFFF0000) == 0) return value;
        if ((value & 0xFF000000) == 0 && (value & 0x00FF0000) < 0x00060000) return value >> 16;
        return BinaryPrimitives.ReverseEndianness(value);
    }
}
