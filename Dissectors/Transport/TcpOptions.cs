using System.Buffers.Binary;
using System.Text;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Transport;

/// <summary>
/// TCP options (RFC 9293 §3.1): one-byte EOL/NOP, else kind, length (including kind and length), data.
/// Parsing never loops: every step advances at least one byte, and an option whose length is below 2
/// or runs past the header stops the walk with an "Invalid length for option" note, as in Wireshark.
/// </summary>
public static class TcpOptions
{
    /// <summary>Reads the options the analysis needs (MSS, window scale, SACK, timestamps) into the segment.</summary>
    public static void Parse(ReadOnlySpan<byte> options, ref TcpSegment seg)
    {
        int i = 0;
        while (i < options.Length)
        {
            byte kind = options[i];
            if (kind is TcpOptionNames.Eol or TcpOptionNames.Nop) { i++; continue; }
            if (i + 1 >= options.Length) return;
            int len = options[i + 1];
            if (len < 2 || len - 2 > options.Length - i - 2) return;
            var data = options.Slice(i + 2, len - 2);
            switch (kind)
            {
                case TcpOptionNames.Mss when data.Length == 2:
                    seg.Mss = BinaryPrimitives.ReadUInt16BigEndian(data);
                    break;
                case TcpOptionNames.WindowScale when data.Length == 1:
                    seg.WindowScale = Math.Min((int)data[0], 14);
                    break;
                case TcpOptionNames.SackPermitted when data.Length == 0:
                    seg.SackPermitted = true;
                    break;
                case TcpOptionNames.Timestamp when data.Length == 8:
                    seg.HasTimestamps = true;
                    seg.TsVal = BinaryPrimitives.ReadUInt32BigEndian(data);
                    seg.TsEcr = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
                    break;
                case TcpOptionNames.Sack:
                    for (int b = 0; b + 8 <= data.Length && seg.SackBlocks < SackEdges.MaxBlocks; b += 8)
                    {
                        seg.Sacks[2 * seg.SackBlocks] = BinaryPrimitives.ReadUInt32BigEndian(data[b..]);
                        seg.Sacks[2 * seg.SackBlocks + 1] = BinaryPrimitives.ReadUInt32BigEndian(data[(b + 4)..]);
                        seg.SackBlocks++;
                    }
                    break;
            }
            i += len;
        }
    }

    /// <summary>
    /// Writes the "Options: (N bytes), ..." subtree and appends MSS=, WS=, SACK_PERM, TSval=, SLE=/SRE= to Info.
    /// <paramref name="sackBase"/> turns SACK edges into relative numbers (the peer's base sequence), 0 for raw.
    /// Returns Truncated when an option runs past the captured bytes.
    /// </summary>
    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int length, uint sackBase, bool isSyn,
        ref PacketContext ctx, ref TSink sink) where TSink : struct, IFieldSink
    {
        int captured = Math.Max(0, Math.Min(length, frame.Length - offset));
        sink.AddBytes(TcpFields.Options, offset, captured, frame.Slice(offset, captured));
        if (sink.WantsTree) sink.SetLabel(Summary(frame.Slice(offset, captured), length));
        sink.Push();
        var info = ctx.InErrorPacket ? null : ctx.Info;
        var status = DissectStatus.Complete;
        int end = offset + length;
        int nopCount = 0;
        bool sawMss = false;
        int i = offset;
        while (i < end)
        {
            if (i >= frame.Length) { status = DissectStatus.Truncated; break; }
            byte kind = frame[i];
            if (kind is TcpOptionNames.Eol or TcpOptionNames.Nop)
            {
                if (kind == TcpOptionNames.Nop)
                {
                    // Counted within a 32-bit word of the TCP header, as Wireshark does.
                    if (nopCount == 0 || ((i - offset + 20) % 4) != 0)
                    {
                        if (++nopCount == 4) Notes.Add(ref ctx, ref sink, TcpFields.FourNops, offset, length);
                    }
                    else nopCount = 0;
                }
                sink.AddBytes(kind == TcpOptionNames.Nop ? TcpFields.OptionNop : TcpFields.OptionEol, i, 1, frame.Slice(i, 1));
                if (sink.WantsTree) sink.SetLabel("TCP Option - " + TcpOptionNames.Summary(kind));
                sink.Push();
                AddKind(kind, i, ref sink);
                sink.Pop();
                i++;
                continue;
            }
            if (i + 1 >= end)
            {
                Invalid(ref ctx, ref sink, i, 1, $"{Name(kind)} (length byte past end of options)");
                break;
            }
            if (i + 1 >= frame.Length) { status = DissectStatus.Truncated; break; }
            int len = frame[i + 1];
            if (len < 2)
            {
                Invalid(ref ctx, ref sink, i, 2, $"{Name(kind)} (with too-short option length = {len} byte{(len == 1 ? "" : "s")})");
                break;
            }
            if (len - 2 > end - i - 2)
            {
                Invalid(ref ctx, ref sink, i, end - i - 2, $"{Name(kind)} (option length = {len} bytes says option goes past end of options)");
                break;
            }
            if (kind == TcpOptionNames.Mss) sawMss = true;
            DissectOne(frame, i, len, kind, sackBase, isSyn, info, ref ctx, ref sink, ref status);
            if (status != DissectStatus.Complete) break;
            i += len;
        }
        if (isSyn && !sawMss && status == DissectStatus.Complete) Notes.Add(ref ctx, ref sink, TcpFields.MssAbsent, offset, length);
        sink.Pop();
        return status;
    }

    private static void DissectOne<TSink>(ReadOnlySpan<byte> frame, int at, int len, byte kind, uint sackBase, bool isSyn,
        InfoColumn? info, ref PacketContext ctx, ref TSink sink, ref DissectStatus status) where TSink : struct, IFieldSink
    {
        if (at + len > frame.Length)
        {
            // The option is there on the wire but cut by the snaplen: show the header of it, then stop.
            sink.AddNone(TcpFields.OptionUnknown, at, Math.Max(0, frame.Length - at));
            if (sink.WantsTree) sink.SetLabel("TCP Option - " + ItemName(kind));
            sink.Push();
            AddKind(kind, at, ref sink);
            sink.AddUInt(TcpFields.OptionLen, at + 1, 1, (uint)len);
            sink.Pop();
            status = DissectStatus.Truncated;
            return;
        }
        var data = frame.Slice(at + 2, len - 2);
        int dataAt = at + 2;
        switch (kind)
        {
            case TcpOptionNames.Mss when len == 4:
            {
                ushort mss = BinaryPrimitives.ReadUInt16BigEndian(data);
                sink.AddNone(TcpFields.OptionMss, at, len);
                if (sink.WantsTree) sink.SetLabel($"TCP Option - Maximum segment size: {mss} bytes");
                sink.Push();
                if (!isSyn) Notes.Add(ref ctx, ref sink, TcpFields.MssPresent, at, len);
                KindAndLength(kind, at, len, ref sink);
                sink.AddUInt(TcpFields.OptionMssVal, dataAt, 2, mss);
                sink.Pop();
                info?.Append(" MSS=").Append((long)mss);
                return;
            }
            case TcpOptionNames.WindowScale when len == 3:
            {
                int shift = data[0];
                int effective = Math.Min(shift, 14);
                long multiplier = 1L << effective;
                sink.AddNone(TcpFields.OptionWscale, at, len);
                if (sink.WantsTree) sink.SetLabel($"TCP Option - Window scale: {shift} (multiply by {multiplier})");
                sink.Push();
                KindAndLength(kind, at, len, ref sink);
                sink.AddUInt(TcpFields.OptionWscaleShift, dataAt, 1, (uint)shift);
                if (shift > 14)
                {
                    sink.Push();
                    Notes.Add(ref ctx, ref sink, TcpFields.WscaleShiftInvalid, dataAt, 1);
                    sink.Pop();
                }
                sink.AddUInt(TcpFields.OptionWscaleMultiplier, dataAt, 1, (ulong)multiplier, FieldFlags.Generated);
                sink.Pop();
                info?.Append(" WS=").Append(multiplier);
                return;
            }
            case TcpOptionNames.SackPermitted when len == 2:
                sink.AddNone(TcpFields.OptionSackPerm, at, len);
                sink.Push();
                KindAndLength(kind, at, len, ref sink);
                sink.Pop();
                info?.Append(" SACK_PERM");
                return;
            case TcpOptionNames.Timestamp when len == 10:
            {
                uint tsval = BinaryPrimitives.ReadUInt32BigEndian(data);
                uint tsecr = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
                sink.AddNone(TcpFields.OptionTimestamp, at, len);
                if (sink.WantsTree) sink.SetLabel($"TCP Option - Timestamps: TSval {tsval}, TSecr {tsecr}");
                sink.Push();
                KindAndLength(kind, at, len, ref sink);
                sink.AddUInt(TcpFields.OptionTsVal, dataAt, 4, tsval);
                sink.AddUInt(TcpFields.OptionTsEcr, dataAt + 4, 4, tsecr);
                sink.Pop();
                info?.Append(" TSval=").Append((long)tsval).Append(" TSecr=").Append((long)tsecr);
                return;
            }
            case TcpOptionNames.Sack:
            {
                sink.AddNone(TcpFields.OptionSack, at, len);
                if (sink.WantsTree)
                {
                    var label = new StringBuilder("TCP Option - SACK");
                    for (int b = 0; b + 8 <= data.Length; b += 8)
                        label.Append(' ').Append(BinaryPrimitives.ReadUInt32BigEndian(data[b..]) - sackBase).Append('-').Append(BinaryPrimitives.ReadUInt32BigEndian(data[(b + 4)..]) - sackBase);
                    sink.SetLabel(label.ToString());
                }
                sink.Push();
                KindAndLength(kind, at, len, ref sink);
                int count = 0;
                string rel = sackBase != 0 ? " (relative)" : "";
                for (int b = 0; b + 8 <= data.Length; b += 8, count++)
                {
                    uint le = BinaryPrimitives.ReadUInt32BigEndian(data[b..]) - sackBase;
                    uint re = BinaryPrimitives.ReadUInt32BigEndian(data[(b + 4)..]) - sackBase;
                    sink.AddUInt(TcpFields.OptionSackLe, dataAt + b, 4, le);
                    if (sink.WantsTree) sink.SetLabel($"left edge = {le}{rel}");
                    sink.AddUInt(TcpFields.OptionSackRe, dataAt + b + 4, 4, re);
                    if (sink.WantsTree) sink.SetLabel($"right edge = {re}{rel}");
                    info?.Append(" SLE=").Append((long)le).Append(" SRE=").Append((long)re);
                }
                sink.AddUInt(TcpFields.OptionSackCount, at, 0, (uint)count, FieldFlags.Generated);
                sink.Pop();
                return;
            }
            default:
                sink.AddNone(TcpFields.OptionUnknown, at, len);
                if (sink.WantsTree) sink.SetLabel("TCP Option - " + ItemName(kind));
                sink.Push();
                KindAndLength(kind, at, len, ref sink);
                if (len > 2) sink.AddBytes(TcpFields.OptionUnknownPayload, dataAt, len - 2, data);
                sink.Pop();
                // Multipath TCP (not decoded further): packet-tcp.c reads the subtype (byte 2) and a DSS option's
                // flags (byte 3) inside the option's own length, so an option too short for them throws.
                if (kind == TcpOptionNames.Mptcp && (len < 3 || (data[0] >> 4 == TcpOptionNames.MptcpDss && len < 4))) status = DissectStatus.Malformed;
                return;
        }
    }

    private static void AddKind<TSink>(byte kind, int at, ref TSink sink) where TSink : struct, IFieldSink
    {
        sink.AddUInt(TcpFields.OptionKind, at, 1, kind);
        if (sink.WantsTree) sink.SetLabel($"Kind: {TcpFields.OptionKind.Strings!.Find(kind) ?? "Unknown"} ({kind})");
    }

    private static void KindAndLength<TSink>(byte kind, int at, int len, ref TSink sink) where TSink : struct, IFieldSink
    {
        AddKind(kind, at, ref sink);
        sink.AddUInt(TcpFields.OptionLen, at + 1, 1, (uint)len);
    }

    private static void Invalid<TSink>(ref PacketContext ctx, ref TSink sink, int at, int length, string message) where TSink : struct, IFieldSink
    {
        ctx.NoteSeverity(TcpFields.OptionLenInvalid.Severity);
        sink.AddExpert(TcpFields.OptionLenInvalid, at, length, sink.WantsTree ? message : null);
    }

    private static string Name(byte kind)
    {
        string s = TcpOptionNames.Summary(kind);
        return s == "Unknown" ? $"Unknown (0x{kind:x2})" : s;
    }

    private static string ItemName(byte kind) => TcpOptionNames.Summary(kind) == "Unknown" ? "Unknown" : TcpOptionNames.Summary(kind);

    /// <summary>"Options: (20 bytes), Maximum segment size, SACK permitted, ..." (SACK blocks are not listed, as in tshark).</summary>
    private static string Summary(ReadOnlySpan<byte> captured, int length)
    {
        var sb = new StringBuilder($"Options: ({length} bytes)");
        int i = 0;
        while (i < captured.Length)
        {
            byte kind = captured[i];
            if (kind is TcpOptionNames.Eol or TcpOptionNames.Nop) { sb.Append(", ").Append(TcpOptionNames.Summary(kind)); i++; continue; }
            if (i + 1 >= captured.Length) break;
            int len = captured[i + 1];
            if (len < 2 || len - 2 > length - i - 2 || i + len > captured.Length) break;
            if (kind != TcpOptionNames.Sack) sb.Append(", ").Append(Name(kind));
            i += len;
        }
        // proto.c keeps labels within ITEM_LABEL_LENGTH (240 bytes with the terminator).
        return sb.Length > 239 ? sb.ToString(0, 239) : sb.ToString();
    }
}
