using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Link;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Tunnels;

/// <summary>
/// Cisco MetaData as carried in GRE (protocol type 0x8909): a Security Group Tag in front of the payload,
/// whose EtherType comes first, as Wireshark decodes it under GRE.
/// </summary>
public static class CiscoMetaDataDissector
{
    // | EtherType (2) | Version (1) | Length (1) | Options (2) | SGT (2) |
    private const int HeaderLength = 8;

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "CMD";
        ctx.Protocols?.Add("cmd");
        if (!ctx.InErrorPacket) ctx.Protocol = "CMD";
        if (!Bounds.Has(frame, offset, HeaderLength))
        {
            sink.PushProtocol(CiscoMetaDataFields.Cmd, offset, Math.Max(0, Math.Min(frame.Length, end) - offset));
            sink.Pop();
            return Bounds.Missing(frame, offset, HeaderLength, end);
        }
        ushort type = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        sink.PushProtocol(CiscoMetaDataFields.Cmd, offset, HeaderLength);
        sink.AddUInt(CiscoMetaDataFields.Type, offset, 2, type);
        sink.AddUInt(CiscoMetaDataFields.Version, offset + 2, 1, frame[offset + 2]);
        sink.AddUInt(CiscoMetaDataFields.Length, offset + 3, 1, frame[offset + 3]);
        sink.AddUInt(CiscoMetaDataFields.Options, offset + 4, 2, BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 4)..]));
        sink.AddUInt(CiscoMetaDataFields.Sgt, offset + 6, 2, BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 6)..]));
        sink.Pop();
        return EtherTypeDispatch.Dissect(type, frame, offset + HeaderLength, end, ref ctx, ref sink, out protocol);
    }
}
