using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Link;

/// <summary>Ethernet II and IEEE 802.3 (length field) frames.</summary>
public static class EthernetDissector
{
    // dst MAC (6) | src MAC (6) | EtherType or 802.3 length (2) | payload
    private const int HeaderLength = 14;

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "Ethernet";
        ctx.Protocols?.Add("eth");
        if (!ctx.InErrorPacket)
        {
            ctx.Layers.AddressKind = AddressKind.Ether;
            ctx.Layers.DstAddressOffset = offset;
            ctx.Layers.SrcAddressOffset = offset + 6;
        }
        if (!Bounds.Has(frame, offset, HeaderLength))
        {
            sink.PushProtocol(EthernetFields.Eth, offset, Math.Max(0, frame.Length - offset));
            sink.Pop();
            return Bounds.Missing(frame, offset, HeaderLength, end);
        }
        var dst = frame.Slice(offset, 6);
        var src = frame.Slice(offset + 6, 6);
        ushort typeOrLength = BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(offset + 12));
        bool isLength = typeOrLength <= 1500;

        sink.PushProtocol(EthernetFields.Eth, offset, HeaderLength);
        if (sink.WantsTree)
        {
            // Wireshark names 802.3 frames without the addresses, and with a trailing space.
            sink.SetLabel(isLength ? "IEEE 802.3 Ethernet " : $"Ethernet II, Src: {FieldFormatter.Ether(src)}, Dst: {FieldFormatter.Ether(dst)}");
        }
        bool fields = sink.WantsFieldsOf(EthernetFields.Eth);
        if (fields)
        {
            AddAddress(frame, offset, EthernetFields.Dst, EthernetFields.DstResolved, EthernetFields.DstOui, EthernetFields.DstLg, EthernetFields.DstIg, ref sink);
            AddAddress(frame, offset + 6, EthernetFields.Src, EthernetFields.SrcResolved, EthernetFields.SrcOui, EthernetFields.SrcLg, EthernetFields.SrcIg, ref sink);
        }

        DissectStatus status;
        if (isLength)
        {
            int payloadEnd = Math.Min(end, offset + HeaderLength + typeOrLength);
            if (fields)
            {
                sink.AddUInt(EthernetFields.Len, offset + 12, 2, typeOrLength);
                AddPaddingOrTrailer(frame, payloadEnd, Math.Min(frame.Length, end), ref sink);
            }
            sink.Pop();
            status = LlcDissector.Dissect(frame, offset + HeaderLength, payloadEnd, ref ctx, ref sink, out protocol);
        }
        else
        {
            if (fields) sink.AddUInt(EthernetFields.Type, offset + 12, 2, typeOrLength);
            sink.Pop();
            ctx.Protocols?.Add("ethertype");
            status = EtherTypeDispatch.Dissect(typeOrLength, frame, offset + HeaderLength, end, ref ctx, ref sink, out protocol);
        }
        return status;
    }

    /// <summary>
    /// Bytes after the length an 802.3 header announces: zeros are padding up to the minimum frame size,
    /// anything else a trailer. Both belong to the Ethernet item, as in Wireshark.
    /// </summary>
    private static void AddPaddingOrTrailer<TSink>(ReadOnlySpan<byte> frame, int start, int stop, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (stop <= start) return;
        var extra = frame[start..stop];
        bool zeros = !extra.ContainsAnyExcept((byte)0);
        sink.AddBytes(zeros ? EthernetFields.Padding : EthernetFields.Trailer, start, extra.Length, extra);
    }

    private static void AddAddress<TSink>(ReadOnlySpan<byte> frame, int offset, FieldDef field, FieldDef resolved, FieldDef oui, FieldDef lg, FieldDef ig, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        var mac = frame.Slice(offset, 6);
        uint firstThree = (uint)(mac[0] << 16 | mac[1] << 8 | mac[2]);
        sink.AddBytes(field, offset, 6, mac);
        sink.Push();
        // Name resolution is never done, so "resolved" is the address itself (as tshark -n shows it).
        bool wantsText = sink.WantsTree || sink.Wants(resolved) || sink.Wants(EthernetFields.AddrResolved);
        Span<byte> text = stackalloc byte[17];
        if (wantsText) FormatMac(mac, text);
        if (wantsText) sink.AddBytes(resolved, offset, 6, text, FieldFlags.Hidden);
        sink.AddUInt(oui, offset, 3, firstThree, FieldFlags.Hidden);
        sink.AddBytes(EthernetFields.Addr, offset, 6, mac);
        if (wantsText) sink.AddBytes(EthernetFields.AddrResolved, offset, 6, text, FieldFlags.Hidden);
        sink.AddUInt(EthernetFields.AddrOui, offset, 3, firstThree, FieldFlags.Hidden);
        sink.AddUInt(lg, offset, 3, firstThree);
        sink.AddUInt(EthernetFields.Lg, offset, 3, firstThree, FieldFlags.Hidden);
        sink.AddUInt(ig, offset, 3, firstThree);
        sink.AddUInt(EthernetFields.Ig, offset, 3, firstThree, FieldFlags.Hidden);
        sink.Pop();
    }

    private static void FormatMac(ReadOnlySpan<byte> mac, Span<byte> text)
    {
        const string hex = "0123456789abcdef";
        for (int i = 0, j = 0; i < 6; i++)
        {
            if (i > 0) text[j++] = (byte)':';
            text[j++] = (byte)hex[mac[i] >> 4];
            text[j++] = (byte)hex[mac[i] & 15];
        }
    }
}
