using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Link;

/// <summary>ARP, RARP and Inverse ARP (RFC 826, 903, 2390), with Wireshark's gratuitous/probe/announcement labels.</summary>
public static class ArpDissector
{
    //  0                   1                   2                   3
    // |        Hardware Type          |         Protocol Type         |
    // |   HW Len      |  Proto Len    |            Opcode             |
    // | Sender HW address (HW Len) | Sender protocol address (Proto Len) |
    // | Target HW address (HW Len) | Target protocol address (Proto Len) |
    private const int FixedLength = 8;

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "ARP";
        ctx.Protocols?.Add("arp");
        if (!ctx.InErrorPacket) ctx.Protocol = "ARP";
        if (!Bounds.Has(frame, offset, FixedLength))
        {
            sink.PushProtocol(ArpFields.Arp, offset, Math.Max(0, Math.Min(frame.Length, end) - offset));
            sink.Pop();
            return Bounds.Missing(frame, offset, FixedLength, end);
        }
        ushort hrd = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        ushort pro = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
        byte hln = frame[offset + 4], pln = frame[offset + 5];
        ushort op = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 6)..]);
        int sha = offset + FixedLength, spa = sha + hln, tha = spa + pln, tpa = tha + hln;
        int total = FixedLength + 2 * (hln + pln);
        if (!ctx.InErrorPacket) ctx.Protocol = ColumnName(op);

        bool hwIsEther = hrd is 1 or 2 or 6 && hln == 6;
        bool protoIsIpv4 = pro is 0x0800 or 0x00CC && pln == 4;
        bool complete = Bounds.Has(frame, offset, total);
        bool gratuitous = false, probe = false, announcement = false;
        if (complete)
        {
            gratuitous = frame.Slice(spa, pln).SequenceEqual(frame.Slice(tpa, pln));
            bool targetHwZero = frame.Slice(tha, hln).IndexOfAnyExcept((byte)0) < 0;
            bool senderProtoZero = frame.Slice(spa, pln).IndexOfAnyExcept((byte)0) < 0;
            announcement = op == ArpFields.Request && gratuitous && targetHwZero && hwIsEther && protoIsIpv4;
            probe = op == ArpFields.Request && senderProtoZero && targetHwZero && hwIsEther && protoIsIpv4;
        }

        sink.PushProtocol(ArpFields.Arp, offset, Math.Min(total, Math.Max(0, frame.Length - offset)));
        if (sink.WantsTree)
        {
            string? opName = ArpFields.Opcodes.Find(op);
            if (opName is not null)
            {
                if (announcement) opName = "ARP Announcement";
                else if (probe) opName = "ARP Probe";
                else if (gratuitous && op is ArpFields.Request or ArpFields.Reply) opName += "/gratuitous ARP";
                sink.SetLabel($"Address Resolution Protocol ({opName})");
            }
        }
        sink.AddUInt(ArpFields.HwType, offset, 2, hrd);
        sink.AddUInt(ArpFields.ProtoType, offset + 2, 2, pro);
        sink.AddUInt(ArpFields.HwSize, offset + 4, 1, hln);
        sink.AddUInt(ArpFields.ProtoSize, offset + 5, 1, pln);
        sink.AddUInt(ArpFields.Opcode, offset + 6, 2, op);
        if (!complete)
        {
            sink.Pop();
            return Bounds.Missing(frame, offset, total, end);
        }
        if (gratuitous) sink.AddUInt(ArpFields.IsGratuitous, offset, 0, 1, FieldFlags.Generated);
        if (probe) sink.AddUInt(ArpFields.IsProbe, offset, 0, 1, FieldFlags.Generated);
        if (announcement) sink.AddUInt(ArpFields.IsAnnouncement, offset, 0, 1, FieldFlags.Generated);
        AddHardware(frame, sha, hln, hwIsEther, ArpFields.SrcHwMac, ArpFields.SrcHw, ref sink);
        AddProtocol(frame, spa, pln, protoIsIpv4, ArpFields.SrcProtoIpv4, ArpFields.SrcProto, ref sink);
        AddHardware(frame, tha, hln, hwIsEther, ArpFields.DstHwMac, ArpFields.DstHw, ref sink);
        AddProtocol(frame, tpa, pln, protoIsIpv4, ArpFields.DstProtoIpv4, ArpFields.DstProto, ref sink);
        sink.Pop();

        if (!ctx.InErrorPacket && ctx.Info is not null)
        {
            var info = ctx.Info.Set("");
            switch (op)
            {
                case ArpFields.Request when gratuitous && announcement:
                    info.Append("ARP Announcement for "); AppendProto(info, frame, tpa, pln, protoIsIpv4);
                    break;
                case ArpFields.Request when gratuitous:
                    info.Append("Gratuitous ARP for "); AppendProto(info, frame, tpa, pln, protoIsIpv4); info.Append(" (Request)");
                    break;
                case ArpFields.Request when probe:
                    info.Append("Who has "); AppendProto(info, frame, tpa, pln, protoIsIpv4); info.Append("? (ARP Probe)");
                    break;
                case ArpFields.Request:
                    info.Append("Who has "); AppendProto(info, frame, tpa, pln, protoIsIpv4);
                    info.Append("? Tell "); AppendProto(info, frame, spa, pln, protoIsIpv4);
                    break;
                case ArpFields.Reply when gratuitous:
                    info.Append("Gratuitous ARP for "); AppendProto(info, frame, spa, pln, protoIsIpv4); info.Append(" (Reply)");
                    break;
                case ArpFields.Reply:
                    AppendProto(info, frame, spa, pln, protoIsIpv4); info.Append(" is at "); AppendHw(info, frame, sha, hln, hwIsEther);
                    break;
                case ArpFields.ReverseRequest or ArpFields.InverseRequest:
                    info.Append("Who is "); AppendHw(info, frame, tha, hln, hwIsEther);
                    info.Append("? Tell "); AppendHw(info, frame, sha, hln, hwIsEther);
                    break;
                case ArpFields.ReverseReply:
                    AppendHw(info, frame, tha, hln, hwIsEther); info.Append(" is at "); AppendProto(info, frame, tpa, pln, protoIsIpv4);
                    break;
                case ArpFields.InverseReply:
                    AppendHw(info, frame, sha, hln, hwIsEther); info.Append(" is at "); AppendProto(info, frame, spa, pln, protoIsIpv4);
                    break;
                default:
                    info.Append("Unknown ARP opcode ").AppendHex(op, 4);
                    break;
            }
        }
        return DissectStatus.Complete;
    }

    private static string ColumnName(ushort op) => op switch
    {
        ArpFields.ReverseRequest or ArpFields.ReverseReply => "RARP",
        5 or 6 or 7 => "DRARP",
        ArpFields.InverseRequest or ArpFields.InverseReply => "Inverse ARP",
        >= 11 and <= 22 => "MARS",
        _ => "ARP",
    };

    private static void AddHardware<TSink>(ReadOnlySpan<byte> frame, int offset, int length, bool isEther, FieldDef mac, FieldDef bytes, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (length == 0) return;
        sink.AddBytes(isEther ? mac : bytes, offset, length, frame.Slice(offset, length));
    }

    private static void AddProtocol<TSink>(ReadOnlySpan<byte> frame, int offset, int length, bool isIpv4, FieldDef ipv4, FieldDef bytes, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (length == 0) return;
        sink.AddBytes(isIpv4 ? ipv4 : bytes, offset, length, frame.Slice(offset, length));
    }

    private static void AppendProto(InfoColumn info, ReadOnlySpan<byte> frame, int offset, int length, bool isIpv4)
    {
        if (isIpv4)
        {
            for (int i = 0; i < 4; i++)
            {
                if (i > 0) info.Append('.');
                info.Append((long)frame[offset + i]);
            }
        }
        else AppendHexBytes(info, frame.Slice(offset, length), '\0');
    }

    private static void AppendHw(InfoColumn info, ReadOnlySpan<byte> frame, int offset, int length, bool isEther) =>
        AppendHexBytes(info, frame.Slice(offset, length), isEther ? ':' : '\0');

    private static void AppendHexBytes(InfoColumn info, ReadOnlySpan<byte> bytes, char separator)
    {
        const string digits = "0123456789abcdef";
        for (int i = 0; i < bytes.Length; i++)
        {
            if (i > 0 && separator != '\0') info.Append(separator);
            info.Append(digits[bytes[i] >> 4]).Append(digits[bytes[i] & 15]);
        }
    }
}
