using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Ip;
using Sniffer.Dissectors.Link;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Tunnels;

/// <summary>Network Service Header (RFC 8300, EtherType 0x894f): service path, context headers, then the next protocol.</summary>
public static class NshDissector
{
    //  0                   1                   2                   3
    // |Ver|O|U|    TTL    |   Length  |U|U|U|U|MD Type| Next Protocol |
    // |          Service Path Identifier (SPI)        | Service Index |
    // |                Context Headers (Length * 4 - 8 bytes)        ...
    public const ushort EtherTypeValue = 0x894f;
    private const int BaseLength = 8;

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "NSH";
        ctx.Protocols?.Add("nsh");
        if (!ctx.InErrorPacket) ctx.Protocol = "NSH";
        int available = Math.Max(0, Math.Min(frame.Length, end) - offset);
        if (!Bounds.Has(frame, offset, BaseLength))
        {
            sink.PushProtocol(NshFields.Nsh, offset, available);
            sink.Pop();
            return Bounds.Missing(frame, offset, BaseLength, end);
        }
        ushort first = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        int headerLength = (first & 0x3F) * 4;
        byte nextProto = frame[offset + 3];
        sink.PushProtocol(NshFields.Nsh, offset, Math.Min(Math.Max(headerLength, BaseLength), available));
        sink.AddUInt(NshFields.Version, offset, 2, first);
        sink.AddUInt(NshFields.OBit, offset, 1, frame[offset]);
        sink.AddUInt(NshFields.CBit, offset, 1, frame[offset]);
        sink.AddUInt(NshFields.Ttl, offset, 2, first);
        sink.AddUInt(NshFields.Length, offset + 1, 1, frame[offset + 1]);
        sink.AddUInt(NshFields.MdType, offset + 2, 1, (ulong)(frame[offset + 2] & 0x0F));
        sink.AddUInt(NshFields.NextProto, offset + 3, 1, nextProto);
        uint path = BinaryPrimitives.ReadUInt32BigEndian(frame[(offset + 4)..]);
        sink.AddUInt(NshFields.Spi, offset + 4, 3, path >> 8);
        sink.AddUInt(NshFields.Si, offset + 7, 1, path & 0xFF);
        if (headerLength < BaseLength)
        {
            sink.Pop();
            return DissectStatus.Malformed;
        }
        if (!Bounds.Has(frame, offset, headerLength))
        {
            sink.Pop();
            return Bounds.Missing(frame, offset, headerLength, end);
        }
        for (int p = offset + BaseLength; p + 4 <= offset + headerLength; p += 4)
            sink.AddBytes(NshFields.ContextHeader, p, 4, frame.Slice(p, 4));
        sink.Pop();

        if (++ctx.Depth > 16) return DissectStatus.Malformed;
        int payload = offset + headerLength;
        return nextProto switch
        {
            1 => IPv4Dissector.Dissect(frame, payload, end, ref ctx, ref sink, out protocol),
            2 => IPv6Dissector.Dissect(frame, payload, end, ref ctx, ref sink, out protocol),
            3 => EthernetDissector.Dissect(frame, payload, end, ref ctx, ref sink, out protocol),
            4 => Dissect(frame, payload, end, ref ctx, ref sink, out protocol),
            5 => Mpls.MplsDissector.Dissect(frame, payload, end, ref ctx, ref sink, out protocol),
            _ => DataDissector.Dissect(frame, payload, end, ref ctx, ref sink),
        };
    }
}
