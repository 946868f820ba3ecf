using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Link;

/// <summary>
/// IEEE 802.1AE MACsec (EtherType 0x88e5): the SecTAG, then, when the frame is only integrity-protected,
/// the protected frame's EtherType and payload, and the ICV at the end. Encrypted data stays data.
/// </summary>
public static class MacsecDissector
{
    // SecTAG: | V ES SC SCB E C AN (1) | SL (1) | PN (4) | SCI (8, when SC) |
    // Secure data: | EtherType (2) | payload ... |  (SL bytes when SL != 0)   then ICV (16)
    public const ushort EtherTypeValue = 0x88e5;
    private const int BaseLength = 6, SciLength = 8, IcvLength = 16;

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "MACSEC";
        ctx.Protocols?.Add("macsec");
        if (!ctx.InErrorPacket) ctx.Protocol = "MACSEC";
        int limit = Math.Min(frame.Length, end);
        if (!Bounds.Has(frame, offset, BaseLength))
        {
            sink.PushProtocol(MacsecFields.Macsec, offset, Math.Max(0, limit - offset));
            sink.Pop();
            return Bounds.Missing(frame, offset, BaseLength, end);
        }
        byte tci = frame[offset];
        bool hasSci = (tci & 0x20) != 0, encrypted = (tci & 0x0C) != 0;
        int secTagLength = BaseLength + (hasSci ? SciLength : 0);
        if (!Bounds.Has(frame, offset, secTagLength))
        {
            sink.PushProtocol(MacsecFields.Macsec, offset, Math.Max(0, limit - offset));
            sink.Pop();
            return Bounds.Missing(frame, offset, secTagLength, end);
        }
        byte shortLength = frame[offset + 1];
        int secureData = offset + secTagLength;
        // The secure data is SL bytes when SL is set, else everything but the ICV.
        int secureEnd = shortLength != 0 ? Math.Min(end, secureData + shortLength) : Math.Max(secureData, end - IcvLength);

        sink.PushProtocol(MacsecFields.Macsec, offset, Math.Max(0, Math.Min(limit, end) - offset));
        sink.AddUInt(MacsecFields.Tci, offset, 1, tci);
        if (sink.WantsTree)
        {
            string names = ((tci & 0x40) != 0 ? ", ES" : "") + (hasSci ? ", SC" : "") + ((tci & 0x10) != 0 ? ", SCB" : "")
                + ((tci & 0x08) != 0 ? ", E" : "") + ((tci & 0x04) != 0 ? ", C" : "");
            sink.SetLabel($"{FieldFormatter.BitPattern(0xFC, tci, 8)} = TCI: 0x{(tci & 0xFC) >> 2:x2}, VER: 0x{tci >> 7:x}{names}");
        }
        sink.Push();
        sink.AddUInt(MacsecFields.TciVersion, offset, 1, tci);
        sink.AddUInt(MacsecFields.TciEs, offset, 1, tci);
        sink.AddUInt(MacsecFields.TciSc, offset, 1, tci);
        sink.AddUInt(MacsecFields.TciScb, offset, 1, tci);
        sink.AddUInt(MacsecFields.TciE, offset, 1, tci);
        sink.AddUInt(MacsecFields.TciC, offset, 1, tci);
        sink.Pop();
        sink.AddUInt(MacsecFields.An, offset, 1, tci);
        sink.AddUInt(MacsecFields.ShortLength, offset + 1, 1, shortLength);
        sink.AddUInt(MacsecFields.PacketNumber, offset + 2, 4, BinaryPrimitives.ReadUInt32BigEndian(frame[(offset + 2)..]));
        if (hasSci)
        {
            sink.AddBytes(MacsecFields.SystemIdentifier, offset + 6, 6, frame.Slice(offset + 6, 6));
            sink.AddUInt(MacsecFields.PortIdentifier, offset + 12, 2, BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 12)..]));
        }
        bool clearText = !encrypted && Bounds.Has(frame, secureData, 2) && secureData + 2 <= secureEnd;
        ushort etherType = clearText ? BinaryPrimitives.ReadUInt16BigEndian(frame[secureData..]) : (ushort)0;
        if (clearText) sink.AddUInt(MacsecFields.EtherType, secureData, 2, etherType);
        int icvLength = Math.Min(IcvLength, limit - secureEnd);
        if (icvLength > 0) sink.AddBytes(MacsecFields.Icv, secureEnd, icvLength, frame.Slice(secureEnd, icvLength));
        sink.Pop();

        if (!encrypted && secureData + 2 <= secureEnd && !Bounds.Has(frame, secureData, 2)) return Bounds.Missing(frame, secureData, 2, end);
        if (!clearText) return DataDissector.Dissect(frame, secureData, secureEnd, ref ctx, ref sink);
        ctx.Protocols?.Add("ethertype");
        return EtherTypeDispatch.Dissect(etherType, frame, secureData + 2, secureEnd, ref ctx, ref sink, out protocol);
    }
}
