using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Link;

/// <summary>
/// Arista Vendor Specific Protocol (EtherType 0xd28b): a switch-inserted timestamp between the MAC
/// addresses and the frame's real EtherType.
/// </summary>
public static class AristaDissector
{
    // | Sub Type (2) | Version (2) | Timestamp (8: sec | ns, or 6: sec16 | ns) | EtherType (2) |
    // Version: low byte 0x10 = 64-bit, 0x20 = 48-bit timestamp; high byte 0x00 = TAI, 0x01 = UTC.
    public const ushort EtherTypeValue = 0xd28b;
    private const ushort TimestampSubType = 1;

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "AVSP";
        ctx.Protocols?.Add("avsp");
        if (!ctx.InErrorPacket) ctx.Protocol = "AVSP";
        int available = Math.Max(0, Math.Min(frame.Length, end) - offset);
        if (!Bounds.Has(frame, offset, 4))
        {
            sink.PushProtocol(AristaFields.Avsp, offset, available);
            sink.Pop();
            return Bounds.Missing(frame, offset, 4, end);
        }
        ushort subType = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        ushort version = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
        int timestampLength = subType != TimestampSubType ? -1 : (version & 0xFEFF) switch { 0x0010 => 8, 0x0020 => 6, _ => -1 };
        int headerLength = timestampLength < 0 ? 4 : 4 + timestampLength + 2;
        sink.PushProtocol(AristaFields.Avsp, offset, Math.Min(headerLength, available));
        sink.AddUInt(AristaFields.SubType, offset, 2, subType);
        sink.AddUInt(AristaFields.Version, offset + 2, 2, version);
        if (timestampLength < 0)
        {
            if (subType == TimestampSubType)
                Notes.Add(ref ctx, ref sink, AristaFields.UnknownVersion, offset + 2, 2, sink.WantsTree ? $"Unknown timestamp version: 0x{version:x}" : null);
            sink.Pop();
            return DissectStatus.Complete;
        }
        if (!Bounds.Has(frame, offset, headerLength))
        {
            sink.Pop();
            return Bounds.Missing(frame, offset, headerLength, end);
        }
        int ts = offset + 4;
        bool utc = (version & 0x0100) != 0;
        if (timestampLength == 8)
        {
            sink.AddNone(AristaFields.Timestamp64, ts, 8);
            if (sink.WantsTree && utc) sink.SetLabel("Timestamp (UTC)");
            sink.Push();
            sink.AddUInt(AristaFields.Seconds64, ts, 4, BinaryPrimitives.ReadUInt32BigEndian(frame[ts..]));
            sink.AddUInt(AristaFields.Nanoseconds64, ts + 4, 4, BinaryPrimitives.ReadUInt32BigEndian(frame[(ts + 4)..]));
        }
        else
        {
            sink.AddNone(AristaFields.Timestamp48, ts, 6);
            if (sink.WantsTree && utc) sink.SetLabel("Timestamp (UTC)");
            sink.Push();
            sink.AddUInt(AristaFields.Seconds48, ts, 2, BinaryPrimitives.ReadUInt16BigEndian(frame[ts..]));
            sink.AddUInt(AristaFields.Nanoseconds48, ts + 2, 4, BinaryPrimitives.ReadUInt32BigEndian(frame[(ts + 2)..]));
        }
        sink.Pop();
        int typeOffset = ts + timestampLength;
        ushort etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[typeOffset..]);
        sink.AddUInt(AristaFields.EtherType, typeOffset, 2, etherType);
        sink.Pop();
        ctx.Protocols?.Add("ethertype");
        return EtherTypeDispatch.Dissect(etherType, frame, typeOffset + 2, end, ref ctx, ref sink, out protocol);
    }
}
