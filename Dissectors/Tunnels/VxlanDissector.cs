using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Link;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Tunnels;

/// <summary>VXLAN (RFC 7348, with the Group Based Policy extension): an 8-byte header, then an Ethernet frame.</summary>
public static class VxlanDissector
{
    //  0                   1                   2                   3
    // |G|R|R|R|I|R|R|R|R|D|R|R|A|R|R|R|        Group Policy ID        |
    // |          VXLAN Network Identifier (VNI)       |   Reserved    |
    private const int HeaderLength = 8;

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "VXLAN";
        ctx.Protocols?.Add("vxlan");
        if (!ctx.InErrorPacket) ctx.Protocol = "VXLAN";
        if (!Bounds.Has(frame, offset, HeaderLength))
        {
            sink.PushProtocol(VxlanFields.Vxlan, offset, Math.Max(0, Math.Min(frame.Length, end) - offset));
            sink.Pop();
            return Bounds.Missing(frame, offset, HeaderLength, end);
        }
        ushort flags = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        uint vniWord = BinaryPrimitives.ReadUInt32BigEndian(frame[(offset + 4)..]);
        sink.PushProtocol(VxlanFields.Vxlan, offset, HeaderLength);
        sink.AddUInt(VxlanFields.Flags, offset, 2, flags);
        sink.Push();
        sink.AddUInt(VxlanFields.FlagG, offset, 2, flags);
        sink.AddUInt(VxlanFields.FlagI, offset, 2, flags);
        sink.AddUInt(VxlanFields.FlagD, offset, 2, flags);
        sink.AddUInt(VxlanFields.FlagA, offset, 2, flags);
        sink.AddUInt(VxlanFields.FlagsReserved, offset, 2, flags);
        sink.Pop();
        sink.AddUInt(VxlanFields.Gbp, offset + 2, 2, BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]));
        sink.AddUInt(VxlanFields.Vni, offset + 4, 3, vniWord >> 8);
        sink.AddUInt(VxlanFields.Reserved8, offset + 7, 1, vniWord & 0xFF);
        sink.Pop();
        if (++ctx.Depth > 16) return DissectStatus.Malformed;
        return EthernetDissector.Dissect(frame, offset + HeaderLength, end, ref ctx, ref sink, out protocol);
    }
}
