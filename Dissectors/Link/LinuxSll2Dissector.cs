using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Link;

/// <summary>Linux "cooked" capture v2 (LINKTYPE_LINUX_SLL2): v1 plus the interface index, fields reordered.</summary>
public static class LinuxSll2Dissector
{
    //  0                   1                   2                   3
    // |         Protocol type         |       Reserved (MBZ)          |
    // |                       Interface index                         |
    // |     ARPHRD_ type (hatype)     |  Packet type  | Addr length   |
    // |              Link-layer address (8 bytes)                     |
    private const int HeaderLength = 20;

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "SLL";
        if (!SllPreamble.Begin(frame, offset, end, HeaderLength, "Linux cooked capture v2", ref ctx, ref sink, out var cut)) return cut;
        ushort proto = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        ushort reserved = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
        uint ifIndex = BinaryPrimitives.ReadUInt32BigEndian(frame[(offset + 4)..]);
        ushort haType = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 8)..]);
        byte pktType = frame[offset + 10], haLen = frame[offset + 11];
        if (!ctx.InErrorPacket) ctx.Info?.Set(SllFields.PacketTypes.Find(pktType) ?? "Unknown");

        sink.PushProtocol(SllFields.Sll, offset, HeaderLength);
        if (sink.WantsTree) sink.SetLabel("Linux cooked capture v2");
        // The protocol word comes first in v2 but Wireshark adds it where v1 has it: after the address.
        sink.AddUInt(SllFields.Reserved, offset + 2, 2, reserved);
        sink.AddUInt(SllFields.IfIndex, offset + 4, 4, ifIndex);
        sink.AddUInt(SllFields.HaType, offset + 8, 2, haType);
        sink.AddUInt(SllFields.PktType, offset + 10, 1, pktType);
        sink.AddUInt(SllFields.HaLen, offset + 11, 1, haLen);
        SllAddress.Add(frame, offset + 12, haLen, ref sink);
        return SllPayload.Dissect(proto, haType, frame, offset, offset + HeaderLength, end, ref ctx, ref sink, out protocol);
    }
}
