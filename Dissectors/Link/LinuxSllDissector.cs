using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Link;

/// <summary>Linux "cooked" capture v1 (LINKTYPE_LINUX_SLL), what libpcap writes for the "any" device.</summary>
public static class LinuxSllDissector
{
    //  0                   1                   2                   3
    // |          Packet type          |     ARPHRD_ type (hatype)     |
    // |   Link-layer address length   |  Link-layer address (8 bytes, |
    // |      first halen bytes used)                                  |
    // |                               |        Protocol type          |
    private const int HeaderLength = 16;
    public const ushort ArphrdIpGre = 778, ArphrdNetlink = 824;

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "SLL";
        if (!SllPreamble.Begin(frame, offset, end, HeaderLength, "Linux cooked capture v1", ref ctx, ref sink, out var cut)) return cut;
        ushort pktType = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        ushort haType = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
        ushort haLen = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 4)..]);
        ushort proto = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 14)..]);
        if (!ctx.InErrorPacket) ctx.Info?.Set(SllFields.PacketTypes.Find(pktType) ?? "Unknown");

        sink.PushProtocol(SllFields.Sll, offset, HeaderLength);
        if (sink.WantsTree) sink.SetLabel("Linux cooked capture v1");
        sink.AddUInt(SllFields.PktType, offset, 2, pktType);
        sink.AddUInt(SllFields.HaType, offset + 2, 2, haType);
        sink.AddUInt(SllFields.HaLen, offset + 4, 2, haLen);
        SllAddress.Add(frame, offset + 6, haLen, ref sink);
        return SllPayload.Dissect(proto, haType, frame, offset + 14, offset + HeaderLength, end, ref ctx, ref sink, out protocol);
    }
}

/// <summary>The source link-layer address both SLL versions carry in an 8-byte slot.</summary>
internal static class SllAddress
{
    public static void Add<TSink>(ReadOnlySpan<byte> frame, int offset, int haLen, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        switch (haLen)
        {
            case 0: break;
            case 4: sink.AddBytes(SllFields.SrcIpv4, offset, 4, frame.Slice(offset, 4)); break;
            case 6:
                sink.AddBytes(SllFields.SrcEth, offset, 6, frame.Slice(offset, 6));
                break;
            default:
                int n = Math.Min(haLen, 8);
                sink.AddBytes(SllFields.SrcOther, offset, n, frame.Slice(offset, n));
                break;
        }
        if (haLen < 8) sink.AddBytes(SllFields.Unused, offset + haLen, 8 - haLen, frame.Slice(offset + haLen, 8 - haLen));
    }
}

/// <summary>
/// The protocol word of a cooked header: values up to 1536 are Linux ETH_P_* pseudo-types (802.2 LLC, raw 802.3...),
/// larger ones EtherTypes, except that a GRE device's protocol is a GRE protocol type.
/// Pops the SLL item before dissecting the payload.
/// </summary>
internal static class SllPayload
{
    public static DissectStatus Dissect<TSink>(ushort proto, ushort haType, ReadOnlySpan<byte> frame, int protoOffset, int payload, int end,
        ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        if (proto <= 1536)
        {
            sink.AddUInt(SllFields.LType, protoOffset, 2, proto);
            sink.Pop();
            if (proto == SllFields.ProtoLlc) return LlcDissector.Dissect(frame, payload, end, ref ctx, ref sink, out protocol);
            protocol = "SLL";
            return DataDissector.Dissect(frame, payload, end, ref ctx, ref sink);
        }
        if (haType == LinuxSllDissector.ArphrdIpGre)
        {
            sink.AddUInt(SllFields.GreType, protoOffset, 2, proto);
            sink.Pop();
            return EtherTypeDispatch.Dissect(proto, frame, payload, end, ref ctx, ref sink, out protocol);
        }
        sink.AddUInt(SllFields.EtherType, protoOffset, 2, proto);
        sink.Pop();
        ctx.Protocols?.Add("ethertype");
        return EtherTypeDispatch.Dissect(proto, frame, payload, end, ref ctx, ref sink, out protocol);
    }
}
