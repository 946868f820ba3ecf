using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Link;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Tunnels;

/// <summary>Geneve (RFC 8926): an 8-byte header, TLV options, then a payload named by an EtherType.</summary>
public static class GeneveDissector
{
    //  0                   1                   2                   3
    //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    // |Ver|  Opt Len  |O|C|    Rsvd.  |          Protocol Type        |
    // |        Virtual Network Identifier (VNI)       |    Reserved   |
    // |                    Variable Length Options                    |
    // Option: |        Option Class           |      Type     |R|R|R| Length  |  data (Length * 4 bytes)
    private const int HeaderLength = 8, OptionHeaderLength = 4;

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "Geneve";
        ctx.Protocols?.Add("geneve");
        if (!ctx.InErrorPacket) ctx.Protocol = "Geneve";
        int available = Math.Max(0, Math.Min(frame.Length, end) - offset);
        if (!Bounds.Has(frame, offset, HeaderLength))
        {
            sink.PushProtocol(GeneveFields.Geneve, offset, available);
            sink.Pop();
            return Bounds.Missing(frame, offset, HeaderLength, end);
        }
        byte first = frame[offset];
        int version = first >> 6;
        int optionsLength = (first & 0x3F) * 4;
        byte flags = frame[offset + 1];
        ushort protoType = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
        uint vni = BinaryPrimitives.ReadUInt32BigEndian(frame[(offset + 4)..]) >> 8;

        sink.PushProtocol(GeneveFields.Geneve, offset, Math.Min(HeaderLength + optionsLength, available));
        if (sink.WantsTree) sink.SetLabel($"Generic Network Virtualization Encapsulation, VNI: 0x{vni:x6}");
        sink.AddUInt(GeneveFields.Version, offset, 1, (ulong)version);
        if (version != 0)
        {
            sink.AddExpert(GeneveExperts.UnknownVersion, offset, 1);
            sink.Pop();
            return DataDissector.Dissect(frame, offset + HeaderLength, end, ref ctx, ref sink);
        }
        if (sink.WantsTree) sink.AddText($"Length: {optionsLength} bytes", offset, 1);
        sink.AddUInt(GeneveFields.Flags, offset + 1, 1, flags);
        if (sink.WantsTree)
        {
            string names = ((flags & 0x80) != 0 ? ", Operations, Administration and Management Frame" : "")
                + ((flags & 0x40) != 0 ? ", Critical Options Present" : "");
            sink.SetLabel($"Flags: 0x{flags:x2}{names}");
        }
        sink.Push();
        sink.AddUInt(GeneveFields.FlagOam, offset + 1, 1, flags);
        sink.AddUInt(GeneveFields.FlagCritical, offset + 1, 1, flags);
        sink.AddUInt(GeneveFields.FlagsReserved, offset + 1, 1, flags);
        sink.Pop();
        sink.AddUInt(GeneveFields.ProtoType, offset + 2, 2, protoType);
        sink.AddUInt(GeneveFields.Vni, offset + 4, 3, vni);
        if (frame[offset + 7] != 0) sink.AddUInt(GeneveFields.Reserved, offset + 7, 1, frame[offset + 7]);

        int options = offset + HeaderLength;
        if (optionsLength > 0)
        {
            if (!Bounds.Has(frame, options, optionsLength))
            {
                sink.Pop();
                return Bounds.Missing(frame, options, optionsLength, end);
            }
            AddOptions(frame, options, optionsLength, ref sink);
        }
        sink.Pop();

        if (++ctx.Depth > 16) return DissectStatus.Malformed;
        // The payload goes through the EtherType table (0x6558 is an Ethernet frame), without an "ethertype" layer.
        return EtherTypeDispatch.Dissect(protoType, frame, options + optionsLength, end, ref ctx, ref sink, out protocol);
    }

    private static void AddOptions<TSink>(ReadOnlySpan<byte> frame, int offset, int length, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        sink.AddBytes(GeneveFields.Options, offset, length, frame.Slice(offset, length));
        if (sink.WantsTree) sink.SetLabel($"Options: ({length} bytes)");
        sink.Push();
        int p = offset, end = offset + length;
        while (p < end)
        {
            if (end - p < OptionHeaderLength)
            {
                sink.AddExpert(GeneveExperts.OptionLengthInvalid, p, end - p);
                break;
            }
            ushort optionClass = BinaryPrimitives.ReadUInt16BigEndian(frame[p..]);
            byte type = frame[p + 2];
            int optionLength = OptionHeaderLength + (frame[p + 3] & 0x1F) * 4;
            bool fits = optionLength <= end - p;
            int shown = fits ? optionLength : end - p;
            sink.AddBytes(GeneveFields.Option, p, shown, frame.Slice(p, shown));
            if (sink.WantsTree)
            {
                string className = GeneveFields.OptionClasses.Find(optionClass) ?? "Unknown";
                sink.SetLabel($"Unknown, Class: {className} (0x{optionClass:x4}) Type: 0x{type:x2} ({((type & 0x80) != 0 ? "Critical" : "Non-critical")})");
            }
            sink.Push();
            sink.AddUInt(GeneveFields.OptionClass, p, 2, optionClass);
            sink.AddUInt(GeneveFields.OptionType, p + 2, 1, type);
            if (sink.WantsTree) sink.SetLabel($"Type: 0x{type:x2} ({((type & 0x80) != 0 ? "Critical" : "Non-critical")})");
            sink.AddUInt(GeneveFields.OptionLength, p + 3, 1, (ulong)optionLength);
            if (!fits)
            {
                sink.AddExpert(GeneveExperts.OptionLengthInvalid, p + 3, 1);
                sink.Pop();
                break;
            }
            if (optionLength > OptionHeaderLength)
            {
                int dataLength = optionLength - OptionHeaderLength;
                sink.AddBytes(GeneveFields.OptionUnknownData, p + OptionHeaderLength, dataLength, frame.Slice(p + OptionHeaderLength, dataLength));
            }
            sink.Pop();
            p += optionLength;
        }
        sink.Pop();
    }
}
