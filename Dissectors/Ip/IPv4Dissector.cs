using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Ip.Fragments;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Ip;

/// <summary>IPv4 (RFC 791).</summary>
public static class IPv4Dissector
{
    //  0                   1                   2                   3
    //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    // |Version|  IHL  |Type of Service|          Total Length         |
    // |         Identification        |Flags|      Fragment Offset    |
    // |  Time to Live |    Protocol   |         Header Checksum       |
    // |                       Source Address                          |
    // |                    Destination Address                        |
    // |                    Options                    |    Padding    |
    private const int MinHeader = 20;

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "IPv4";
        ctx.Protocols?.Add("ip");
        if (!ctx.InErrorPacket) ctx.Protocol = "IPv4";
        if (Bounds.Has(frame, offset, 1) && (frame[offset] >> 4) != 4 && offset < end) return BogusVersion(frame, offset, end, ref ctx, ref sink, out protocol);
        if (!Bounds.Has(frame, offset, MinHeader))
        {
            sink.PushProtocol(IPv4Fields.Ip, offset, Math.Max(0, Math.Min(frame.Length, end) - offset));
            sink.Pop();
            return Bounds.Missing(frame, offset, MinHeader, end);
        }
        var h = frame.Slice(offset);
        byte versionIhl = h[0];
        int headerLength = (versionIhl & 0x0F) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(h[2..]);
        ushort flagsFrag = BinaryPrimitives.ReadUInt16BigEndian(h[6..]);
        byte proto = h[9];
        var src = h.Slice(12, 4);
        var dst = h.Slice(16, 4);

        bool bogusLength = totalLength != 0 && totalLength < headerLength && headerLength >= MinHeader;

        // The item never reaches past the captured bytes, even when the header length claims more.
        sink.PushProtocol(IPv4Fields.Ip, offset, Math.Min(Math.Max(MinHeader, headerLength), frame.Length - offset));
        if (sink.WantsTree && !bogusLength) sink.SetLabel($"Internet Protocol Version 4, Src: {FieldFormatter.IPv4(src)}, Dst: {FieldFormatter.IPv4(dst)}");
        // Most -Y and -T fields runs read no ip.* field: their plain fields are skipped (never notes, state or Info).
        bool fields = sink.WantsFieldsOf(IPv4Fields.Ip);
        if (fields)
        {
            sink.AddUInt(IPv4Fields.Version, offset, 1, versionIhl);
            sink.AddUInt(IPv4Fields.HdrLen, offset, 1, (ulong)headerLength);
            if (sink.WantsTree) sink.SetLabel($"{FieldFormatter.BitPattern(0x0F, versionIhl, 8)} = Header Length: {headerLength} bytes ({versionIhl & 0x0F})");
        }
        if ((versionIhl >> 4) != 4 || headerLength < MinHeader)
        {
            sink.Pop();
            if (!ctx.InErrorPacket) ctx.Info?.Set(headerLength < MinHeader ? "Bogus IPv4 header length" : "Bogus IPv4 version");
            return DissectStatus.Malformed;
        }

        byte tos = h[1];
        if (fields) AddDsField(tos, offset, ref sink);
        // TSO/offloaded captures write 0 here; Wireshark then presumes the rest of the frame and shows that value.
        bool presumedLength = totalLength == 0;
        if (presumedLength) totalLength = end - offset;
        if (fields)
        {
            sink.AddUInt(IPv4Fields.Len, offset + 2, 2, (ulong)totalLength, presumedLength ? FieldFlags.Generated : FieldFlags.None);
            if (presumedLength && sink.WantsTree)
                sink.SetLabel($"[Total Length: {totalLength} bytes (reported as 0, presumed to be because of \"TCP segmentation offload\" (TSO))]");
        }
        if (bogusLength)
        {
            // Wireshark stops at a total length shorter than the header, before the identification.
            if (sink.WantsTree) sink.SetLabel($"Total Length: {totalLength} bytes (bogus, less than header length {headerLength})");
            Notes.Add(ref ctx, ref sink, IPv4Experts.BogusLength, offset + 2, 2,
                sink.WantsTree ? $"Bogus IP length ({totalLength}, less than header length {headerLength})" : null);
            sink.Pop();
            if (!ctx.InErrorPacket) ctx.Info?.Set("Bogus IP length (").Append((long)totalLength).Append(", less than header length ").Append((long)headerLength).Append(')');
            return DissectStatus.Malformed;
        }
        if (fields) AddFixedFields(frame, offset, flagsFrag, ref sink);

        ctx.CurrentIpOffset = offset;
        if (!ctx.InErrorPacket)
        {
            ctx.Layers.AddressKind = AddressKind.IPv4;
            ctx.Layers.SrcAddressOffset = offset + 12;
            ctx.Layers.DstAddressOffset = offset + 16;
            ctx.Layers.IpOffset = offset;
            ctx.Layers.IpVersion = 4;
            ctx.Layers.IpProtocol = proto;
        }

        if (headerLength > MinHeader)
        {
            if (!Bounds.Has(frame, offset + MinHeader, headerLength - MinHeader))
            {
                // packet-ip.c throws in the options, before it queues the ip tap.
                ctx.Untapped?.Add(TapKind.IPv4, offset);
                sink.Pop();
                return Bounds.Missing(frame, offset + MinHeader, headerLength - MinHeader, end);
            }
            IPv4Options.Dissect(frame, offset + MinHeader, headerLength - MinHeader, ref ctx, ref sink);
        }

        // A total length beyond the frame (an ICMP error quoting only the start of a datagram, or a lying header):
        // Wireshark dissects what is there and lets the payload's dissectors find out what is missing.
        int payloadStart = offset + headerLength;
        int payloadEnd = Math.Min(offset + totalLength, end);
        // The header itself runs past the end of what encloses it (a tunnel's shorter length, or a presumed TSO length):
        // Wireshark's subset buffer throws there, a malformed packet. (Found by tests/Fuzz, target eth.)
        if (payloadEnd < payloadStart)
        {
            sink.Pop();
            return DissectStatus.Malformed;
        }
        int fragmentOffset = (flagsFrag & 0x1FFF) * 8;
        bool moreFragments = (flagsFrag & 0x2000) != 0;
        bool fragmented = fragmentOffset != 0 || moreFragments;
        // Wireshark reassembles only fragments whose whole payload was captured.
        bool wholeFragment = offset + totalLength <= frame.Length;
        ReassembledDatagram? datagram = null;
        int sourceId = 0;
        if (fragmented && FragmentReassembly.CanReassemble(ctx, frame, payloadStart, offset + totalLength))
        {
            var key = FragmentKey.IPv4(src, dst, BinaryPrimitives.ReadUInt16BigEndian(h[4..]), proto);
            datagram = ctx.Analyzer!.Fragments!.Add(ctx.FrameNumber, key, frame.Slice(offset, headerLength), fragmentOffset, moreFragments,
                frame[payloadStart..payloadEnd], out uint reassembledIn);
            if (datagram is not null) sourceId = FragmentReassembly.AddFragmentItems(datagram, FragmentFields.IPv4, ref ctx, ref sink);
            else FragmentReassembly.AddReassembledIn(reassembledIn, FragmentFields.IPv4, ref sink);
        }
        sink.Pop();

        ctx.Fragmented = datagram is null && moreFragments; // a first fragment cut short is dissected as far as it goes
        if (datagram is not null) return FragmentReassembly.DissectPayload(datagram, proto, sourceId, ref ctx, ref sink, out protocol);
        // Later fragments, and a first one waiting for the rest, are data; a first fragment cut short is dissected as far as it goes.
        if (fragmentOffset != 0 || (fragmented && wholeFragment))
        {
            if (!ctx.InErrorPacket)
            {
                ctx.Info?.Set("Fragmented IP protocol (proto=")
                    .Append(IpProtocols.Names.Find(proto) ?? "Unknown").Append(' ').Append((long)proto)
                    .Append(", off=").Append((long)fragmentOffset).Append(", ID=")
                    .AppendHex(BinaryPrimitives.ReadUInt16BigEndian(h[4..]), 4, prefix: false).Append(')');
            }
            return DataDissector.Dissect(frame, payloadStart, payloadEnd, ref ctx, ref sink);
        }
        // A datagram with no payload at all (a bare header, as PIM null-registers carry) hands nothing on.
        if (payloadEnd == payloadStart) return DissectStatus.Complete;
        return IpDispatch.DissectPayload(proto, frame, payloadStart, payloadEnd, ref ctx, ref sink, out protocol);
    }

    private static void AddDsField<TSink>(byte tos, int offset, ref TSink sink) where TSink : struct, IFieldSink
    {
        sink.AddUInt(IPv4Fields.DsField, offset + 1, 1, tos);
        if (sink.WantsTree)
        {
            sink.SetLabel($"Differentiated Services Field: 0x{tos:x2} (DSCP: {IPv4Fields.DscpShortNames.Find((ulong)(tos >> 2)) ?? "Unknown"}, ECN: {IPv4Fields.EcnShortNames.Find((ulong)(tos & 3))})");
        }
        sink.Push();
        sink.AddUInt(IPv4Fields.Dscp, offset + 1, 1, tos);
        sink.AddUInt(IPv4Fields.Ecn, offset + 1, 1, tos);
        sink.Pop();
    }

    /// <summary>Identification to destination address.</summary>
    private static void AddFixedFields<TSink>(ReadOnlySpan<byte> frame, int offset, ushort flagsFrag, ref TSink sink) where TSink : struct, IFieldSink
    {
        var h = frame.Slice(offset);
        sink.AddUInt(IPv4Fields.Id, offset + 4, 2, BinaryPrimitives.ReadUInt16BigEndian(h[4..]));
        byte flags = (byte)(flagsFrag >> 8);
        sink.AddUInt(IPv4Fields.Flags, offset + 6, 1, flags);
        if (sink.WantsTree)
        {
            string names = (flags & 0x40) != 0 ? ", Don't fragment" : (flags & 0x20) != 0 ? ", More fragments" : "";
            if ((flags & 0x80) != 0) names = ", Reserved" + names;
            sink.SetLabel($"{FieldFormatter.BitPattern(0xE0, flags, 8)} = Flags: 0x{flags >> 5:x}{names}");
        }
        sink.Push();
        sink.AddUInt(IPv4Fields.FlagRb, offset + 6, 1, flags);
        sink.AddUInt(IPv4Fields.FlagDf, offset + 6, 1, flags);
        sink.AddUInt(IPv4Fields.FlagMf, offset + 6, 1, flags);
        sink.Pop();
        sink.AddUInt(IPv4Fields.FragOffset, offset + 6, 2, flagsFrag);
        // The field holds the 8-byte units; Wireshark's label shows bytes.
        if (sink.WantsTree) sink.SetLabel($"{FieldFormatter.BitPattern(0x1FFF, flagsFrag, 16)} = Fragment Offset: {(flagsFrag & 0x1FFF) * 8}");
        sink.AddUInt(IPv4Fields.Ttl, offset + 8, 1, h[8]);
        sink.AddUInt(IPv4Fields.Proto, offset + 9, 1, h[9]);
        ushort checksum = BinaryPrimitives.ReadUInt16BigEndian(h[10..]);
        sink.AddUInt(IPv4Fields.Checksum, offset + 10, 2, checksum);
        if (sink.WantsTree) sink.SetLabel($"Header Checksum: 0x{checksum:x4} [validation disabled]");
        sink.AddUInt(IPv4Fields.ChecksumStatus, offset + 10, 0, ChecksumStatusNames.Unverified, FieldFlags.Generated);
        AddAddress(IPv4Fields.Src, IPv4Fields.SrcHost, frame, offset + 12, ref sink);
        AddAddress(IPv4Fields.Dst, IPv4Fields.DstHost, frame, offset + 16, ref sink);
    }

    /// <summary>
    /// A header whose version is not 4 where IPv4 was expected: Wireshark shows the version with a note and,
    /// when it says 6, hands the bytes to IPv6.
    /// </summary>
    private static DissectStatus BogusVersion<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        byte versionIhl = frame[offset];
        sink.PushProtocol(IPv4Fields.Ip, offset, 1);
        sink.AddUInt(IPv4Fields.Version, offset, 1, versionIhl);
        sink.Push();
        Notes.Add(ref ctx, ref sink, IPv4Experts.BogusVersion, offset, 1);
        sink.Pop();
        sink.Pop();
        if ((versionIhl >> 4) == 6) return IPv6Dissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
        protocol = "IPv4";
        if (!ctx.InErrorPacket) ctx.Info?.Set("Bogus IPv4 version");
        return DissectStatus.Malformed;
    }

    private static void AddAddress<TSink>(FieldDef field, FieldDef hostField, ReadOnlySpan<byte> frame, int offset, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        var address = frame.Slice(offset, 4);
        sink.AddBytes(field, offset, 4, address);
        sink.AddBytes(IPv4Fields.Addr, offset, 4, address, FieldFlags.Hidden);
        if (sink.Wants(hostField) || sink.Wants(IPv4Fields.Host))
        {
            Span<byte> text = stackalloc byte[16];
            int n = FormatDotted(address, text);
            sink.AddBytes(hostField, offset, 4, text[..n], FieldFlags.Hidden);
            sink.AddBytes(IPv4Fields.Host, offset, 4, text[..n], FieldFlags.Hidden);
        }
    }

    private static int FormatDotted(ReadOnlySpan<byte> a, Span<byte> text)
    {
        int n = 0;
        for (int i = 0; i < 4; i++)
        {
            if (i > 0) text[n++] = (byte)'.';
            System.Buffers.Text.Utf8Formatter.TryFormat(a[i], text[n..], out int w);
            n += w;
        }
        return n;
    }
}
