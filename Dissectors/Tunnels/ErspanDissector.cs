using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Ip;
using Sniffer.Dissectors.Link;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Tunnels;

/// <summary>
/// Cisco ERSPAN (draft-foschiano-erspan) carried in GRE. Protocol type 0x88be without a GRE sequence
/// number is type I (no header: the mirrored Ethernet frame follows at once); with one it is type II or III
/// by the header's version; 0x22eb is type III.
/// </summary>
public static class ErspanDissector
{
    // Type II (version 1), 8 bytes:
    // |  Ver  |          VLAN         | COS | En|T|    Session ID     |
    // |      Reserved         |                 Index                 |
    // Type III (version 2), 12 bytes, plus 8 when O is set:
    // |  Ver  |          VLAN         | COS |BSO|T|    Session ID     |
    // |                          Timestamp                            |
    // |             SGT               |P|    FT   |   Hw ID   |D|Gra|O|
    // |        Platform Specific Info (8 bytes, when O)  ...          |
    private const int TypeIILength = 8, TypeIIILength = 12, PlatformLength = 8;

    public static DissectStatus Dissect<TSink>(ushort greType, bool greSequence, ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "ERSPAN";
        ctx.Protocols?.Add("erspan");
        if (!ctx.InErrorPacket) ctx.Protocol = "ERSPAN";
        int available = Math.Max(0, Math.Min(frame.Length, end) - offset);
        if (greType == GreProtocols.ErspanI_II && !greSequence)
        {
            sink.PushProtocol(ErspanFields.Erspan, offset, 0);
            if (sink.WantsTree) sink.SetLabel("Encapsulated Remote Switch Packet ANalysis Type I");
            sink.Pop();
            return EthernetDissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
        }
        if (!Bounds.Has(frame, offset, 2))
        {
            sink.PushProtocol(ErspanFields.Erspan, offset, available);
            sink.Pop();
            return Bounds.Missing(frame, offset, 2, end);
        }
        ushort first = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        int version = first >> 12;
        int headerLength = version == 1 ? TypeIILength : TypeIIILength;
        sink.PushProtocol(ErspanFields.Erspan, offset, Math.Min(headerLength, available));
        if (sink.WantsTree) sink.SetLabel(version == 1 ? "Encapsulated Remote Switch Packet ANalysis Type II"
            : version == 2 ? "Encapsulated Remote Switch Packet ANalysis Type III" : "Encapsulated Remote Switch Packet ANalysis");
        sink.AddUInt(ErspanFields.Version, offset, 2, first);
        if (version is not (1 or 2))
        {
            sink.Pop();
            return DissectStatus.Complete;
        }
        if (!Bounds.Has(frame, offset, headerLength))
        {
            sink.Pop();
            return Bounds.Missing(frame, offset, headerLength, end);
        }
        ushort second = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
        sink.AddUInt(ErspanFields.Vlan, offset, 2, first);
        sink.AddUInt(ErspanFields.Cos, offset + 2, 2, second);
        sink.AddUInt(version == 1 ? ErspanFields.Encap : ErspanFields.Bso, offset + 2, 2, second);
        sink.AddUInt(ErspanFields.Truncated, offset + 2, 2, second);
        sink.AddUInt(ErspanFields.SpanId, offset + 2, 2, second);
        int payload = offset + headerLength;
        bool ethernet = true;
        if (version == 1)
        {
            uint word = BinaryPrimitives.ReadUInt32BigEndian(frame[(offset + 4)..]);
            sink.AddUInt(ErspanFields.Reserved, offset + 4, 4, word);
            sink.AddUInt(ErspanFields.Index, offset + 4, 4, word);
        }
        else
        {
            sink.AddUInt(ErspanFields.Timestamp, offset + 4, 4, BinaryPrimitives.ReadUInt32BigEndian(frame[(offset + 4)..]));
            sink.AddUInt(ErspanFields.Sgt, offset + 8, 2, BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 8)..]));
            ushort bits = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 10)..]);
            sink.AddUInt(ErspanFields.HasEthernetPdu, offset + 10, 2, bits);
            sink.AddUInt(ErspanFields.FrameType, offset + 10, 2, bits);
            sink.AddUInt(ErspanFields.HardwareId, offset + 10, 2, bits);
            sink.AddUInt(ErspanFields.Direction, offset + 10, 2, bits);
            sink.AddUInt(ErspanFields.Granularity, offset + 10, 2, bits);
            sink.AddUInt(ErspanFields.Options, offset + 10, 2, bits);
            ethernet = ((bits >> 10) & 0x1F) == 0;
            if ((bits & 1) != 0)
            {
                if (!Bounds.Has(frame, payload, PlatformLength))
                {
                    sink.Pop();
                    return Bounds.Missing(frame, payload, PlatformLength, end);
                }
                uint platform = BinaryPrimitives.ReadUInt32BigEndian(frame[payload..]);
                sink.AddUInt(ErspanFields.PlatformId, payload, 4, platform);
                sink.AddUInt(ErspanFields.PlatformReserved, payload, 8, BinaryPrimitives.ReadUInt64BigEndian(frame[payload..]) >> 32);
                payload += PlatformLength;
            }
        }
        sink.Pop();
        // Frame types other than Ethernet (IP, and the undocumented ones) are left as data, as Wireshark does.
        if (!ethernet) return DataDissector.Dissect(frame, payload, end, ref ctx, ref sink);
        return EthernetDissector.Dissect(frame, payload, end, ref ctx, ref sink, out protocol);
    }
}
