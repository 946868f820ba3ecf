using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Link;

/// <summary>
/// IEEE 802.1Q customer tags (0x8100, and 0x9100 as the old non-standard QinQ) and 802.1ad service tags (0x88a8).
/// Stacked tags (QinQ) simply recurse through the EtherType table.
/// </summary>
public static class VlanDissector
{
    //  0                   1                   2                   3
    // | PCP |D|        VLAN ID        |   EtherType or 802.3 length   |
    private const int TagLength = 4;

    public static DissectStatus Dissect<TSink>(ushort etherType, ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        bool serviceTag = etherType == EtherTypes.QinQ;
        protocol = serviceTag ? "IEEE 802.1ad" : "802.1Q";
        ctx.Protocols?.Add(serviceTag ? "ieee8021ad" : "vlan");
        if (!ctx.InErrorPacket) ctx.Protocol = serviceTag ? "802.1ad" : "VLAN";
        var protoField = serviceTag ? VlanFields.Ieee8021ad : VlanFields.Vlan;
        if (!Bounds.Has(frame, offset, TagLength))
        {
            sink.PushProtocol(protoField, offset, Math.Max(0, Math.Min(frame.Length, end) - offset));
            sink.Pop();
            return Bounds.Missing(frame, offset, TagLength, end);
        }
        ushort tci = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        ushort encapsulated = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
        int pri = tci >> 13, dei = (tci >> 12) & 1, id = tci & 0x0FFF;
        if (!ctx.InErrorPacket && ctx.Info is not null)
        {
            if (serviceTag) ctx.Info.Set("");
            else ctx.Info.Set("PRI: ").Append((long)pri).Append("  DEI: ").Append((long)dei).Append("  ID: ").Append((long)id);
        }

        sink.PushProtocol(protoField, offset, TagLength);
        if (serviceTag)
        {
            if (sink.WantsTree) sink.SetLabel($"IEEE 802.1ad, ID: {id}");
            sink.AddUInt(VlanFields.AdPriority, offset, 2, tci);
            sink.AddUInt(VlanFields.AdDei, offset, 2, tci);
            sink.AddUInt(VlanFields.AdId, offset, 2, tci);
        }
        else
        {
            if (sink.WantsTree) sink.SetLabel($"802.1Q Virtual LAN, PRI: {pri}, DEI: {dei}, ID: {id}");
            sink.AddUInt(VlanFields.Priority, offset, 2, tci);
            sink.AddUInt(VlanFields.Dei, offset, 2, tci);
            sink.AddUInt(VlanFields.Id, offset, 2, tci);
        }

        int payload = offset + TagLength;
        if (encapsulated <= 1500 && !serviceTag)
        {
            // An 802.3 length: the payload is LLC, or raw IPX when it starts with 0xffff (Novell's "802.3 raw").
            sink.AddUInt(VlanFields.Len, offset + 2, 2, encapsulated);
            sink.Pop();
            int payloadEnd = Math.Min(end, payload + encapsulated);
            return LlcDissector.Dissect(frame, payload, payloadEnd, ref ctx, ref sink, out protocol);
        }
        sink.AddUInt(serviceTag ? VlanFields.AdEtherType : VlanFields.EtherType, offset + 2, 2, encapsulated);
        sink.Pop();
        ctx.Protocols?.Add("ethertype");
        return EtherTypeDispatch.Dissect(encapsulated, frame, payload, end, ref ctx, ref sink, out protocol);
    }
}
