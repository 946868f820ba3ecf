namespace Sniffer.Dissectors.Dns;

public enum DnsNameStatus : byte
{
    Ok,
    /// <summary>254 characters or more: shown as &lt;Name too long&gt; (the wire length still covers the whole name).</summary>
    TooLong,
    /// <summary>More than 255 compression pointers, or tshark's self-pointer test: &lt;Name contains a pointer that loops&gt;.</summary>
    Loop,
    /// <summary>An extended label type other than the bitstring (RFC 2673): &lt;Unknown extended label&gt;, reading stops.</summary>
    ExtendedLabel,
    /// <summary>
    /// The name cannot be read: a label or pointer runs past the message, a pointer aims outside it, a
    /// 0x80 label type, or the packet's name-reading budget is spent. tshark throws here; the record is not shown.
    /// </summary>
    Malformed,
}

/// <summary>What reading one (possibly compressed) name found.</summary>
public struct DnsName
{
    /// <summary>Bytes the name takes where it starts (up to and including the first pointer).</summary>
    public int WireLength;
    /// <summary>Bytes of display text (tshark's format_text of the name) written to the caller's buffer.</summary>
    public int TextLength;
    /// <summary>Length of the name before escaping (tshark's name_len: dns.qry.name.len).</summary>
    public int RawLength;
    /// <summary>tshark's dns.count.labels: dots in the name plus one, 0 for a one-character name.</summary>
    public int Labels;
    public DnsNameStatus Status;

    public readonly bool IsMalformed => Status == DnsNameStatus.Malformed;
}

/// <summary>
/// The state the names of one message share: what is left of the work budget, and (only for hostile
/// messages) where each run of labels ends, so a long chain is walked once, not once per name.
/// Call <see cref="Release"/> when the message is done.
/// </summary>
public struct DnsNameWork
{
    public int Budget;
    internal int[]? RunEnds;

    public static DnsNameWork ForMessage() => new() { Budget = DnsNameReader.MessageBudget };

    public void Release()
    {
        if (RunEnds is not null) System.Buffers.ArrayPool<int>.Shared.Return(RunEnds);
        RunEnds = null;
    }
}

/// <summary>
/// Reads a domain name (RFC 1035 §3.1, compression §4.1.4) into a caller-supplied byte buffer, with
/// tshark 4.0's rules (expand_dns_name / get_dns_name): the whole name is walked to its end even
/// when it is too long to show, at most 255 pointers are followed, and the text is escaped as
/// format_text does. No allocation for real names. A name too long to show walks its labels through
/// <see cref="DnsNameWork"/>'s run table, which remembers where each run of labels ends; crafted
/// messages (tcpdump's dns_fwdptr: ten thousand questions, each a chain of forward pointers through
/// 60 KB of one-byte labels, 168 million steps in tshark) then cost under a million. A budget
/// (<see cref="MessageBudget"/>) bounds the rest.
/// </summary>
[System.Runtime.CompilerServices.SkipLocalsInit]
public static class DnsNameReader
{
    /// <summary>tshark's MAX_DNAME_LEN: a name needs fewer than this many characters (plus its terminator).</summary>
    public const int MaxNameLength = 255;
    // Readers stackalloc this per name (SkipLocalsInit on them: zeroing it was ~8 % of a DNS-heavy run;
    // every byte read is written first).
    /// <summary>Buffer size callers should pass: every raw byte may take four bytes of text (\ooo, or U+FFFD).</summary>
    public const int BufferSize = MaxNameLength * 4 + 8;
    /// <summary>Pointers followed before a name is called a loop (tshark: pointers_count > MAX_DNAME_LEN).</summary>
    public const int MaxPointers = MaxNameLength;
    /// <summary>
    /// Labels and pointers one message may walk in all its names (past that its names are malformed).
    /// A real message walks a few thousand; tshark has no such bound.
    /// </summary>
    public const int MessageBudget = 1 << 26;
    /// <summary>tshark's MIN_DNAME_LEN: any name but the root takes at least two bytes.</summary>
    private const int MinWireLength = 2;

    private static ReadOnlySpan<byte> Root => "<Root>"u8;
    private static ReadOnlySpan<byte> TooLongText => "<Name too long>"u8;
    private static ReadOnlySpan<byte> LoopText => "<Name contains a pointer that loops>"u8;
    private static ReadOnlySpan<byte> ExtendedLabelText => "<Unknown extended label>"u8;

    /// <summary>Reads a name with a budget of its own (tests, and callers outside a message).</summary>
    public static DnsName Read(ReadOnlySpan<byte> message, int offset, Span<byte> text)
    {
        var work = DnsNameWork.ForMessage();
        var name = Read(message, offset, text, ref work);
        work.Release();
        return name;
    }

    //  A name is a sequence of labels, each a length octet and that many bytes, ended by a zero
    //  octet; or ended by a pointer instead:
    //  +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
    //  | 1  1|                OFFSET                   |   offset from the start of the message
    //  +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
    //  Length octets 01xxxxxx are extended labels (RFC 2673: 0x41 is a bitstring), 10xxxxxx reserved.
    /// <param name="message">The DNS message (offsets and pointers are relative to its start).</param>
    /// <param name="offset">Where the name starts in <paramref name="message"/>.</param>
    /// <param name="text">At least <see cref="BufferSize"/> bytes.</param>
    /// <param name="work">The message's budget and run table; spent as the name is walked.</param>
    public static DnsName Read(ReadOnlySpan<byte> message, int offset, Span<byte> text, ref DnsNameWork work)
    {
        var name = new DnsName();
        Span<byte> raw = stackalloc byte[MaxNameLength];
        int rawLength = 0;
        int room = MaxNameLength;        // tshark's maxname: one is kept for the terminator
        int pos = offset;
        int wire = -1;
        int pointers = 0;
        while (true)
        {
            if (--work.Budget < 0 || (uint)pos >= (uint)message.Length) return Fail(ref name);
            int length = message[pos];
            if (room <= 0 && (length & 0xC0) == 0 && length != 0)
            {
                // Nothing more will be shown: skip to the end of this run of labels.
                pos = RunEnd(message, pos, ref work);
                continue;
            }
            pos++;
            if (length == 0) break;
            switch (length & 0xC0)
            {
                case 0x00:
                    if (rawLength > 0)
                    {
                        if (room > 0) { raw[rawLength++] = (byte)'.'; room--; }
                    }
                    else room--;
                    if (pos + length > message.Length) return Fail(ref name);
                    int copy = Math.Min(length, Math.Max(0, room));
                    message.Slice(pos, copy).CopyTo(raw[rawLength..]);
                    rawLength += copy;
                    room -= copy;
                    pos += length;
                    break;
                case 0x40:
                    if ((length & 0x3F) != 0x01)
                    {
                        // tshark gives up on the name here and measures it to this byte, even after a
                        // pointer (then from wherever the pointer led; a result below one is an error).
                        wire = pos - offset;
                        return Finish(ref name, ExtendedLabelText, DnsNameStatus.ExtendedLabel, wire, text);
                    }
                    if (pos >= message.Length) return Fail(ref name);
                    int bits = message[pos++];
                    int bytes = (bits - 1) / 8 + 1;
                    if (bits == 0) bytes = 1;    // tshark's (0 - 1) / 8 + 1 in C integer arithmetic
                    if (pos + bytes > message.Length) return Fail(ref name);
                    AppendBitstring(message.Slice(pos, bytes), bits, raw, ref rawLength, ref room);
                    pos += bytes;
                    break;
                case 0x80:
                    return Fail(ref name);
                default:
                    if (pos >= message.Length) return Fail(ref name);
                    int target = ((length & 0x3F) << 8) | message[pos++];
                    pointers++;
                    if (wire < 0) wire = pos - offset;
                    // tshark's loop test compares with the offset two bytes past the pointer.
                    if (target == pos + 2 || pointers > MaxPointers)
                        return Finish(ref name, LoopText, DnsNameStatus.Loop, wire, text);
                    pos = target;
                    break;
            }
        }
        if (wire < 0) wire = pos - offset;
        if (room <= 0) return Finish(ref name, TooLongText, DnsNameStatus.TooLong, wire, text);
        // get_dns_name: an empty name of at most two bytes is the root; a longer empty one is an error.
        if (rawLength == 0)
        {
            if (wire <= MinWireLength) return Finish(ref name, Root, DnsNameStatus.Ok, wire, text);
            return Fail(ref name);
        }
        if (wire < MinWireLength) return Fail(ref name);
        name.Status = DnsNameStatus.Ok;
        name.WireLength = wire;
        name.RawLength = rawLength;
        name.Labels = CountLabels(raw[..rawLength]);
        name.TextLength = FormatText(raw[..rawLength], text);
        return name;
    }

    /// <summary>
    /// Where the run of plain labels starting at <paramref name="pos"/> ends: the offset of the first byte
    /// that is not a label length (terminator, pointer, extended label), or the message length when a
    /// label runs past the end. Each offset is walked at most once per message.
    /// </summary>
    private static int RunEnd(ReadOnlySpan<byte> message, int pos, ref DnsNameWork work)
    {
        var ends = work.RunEnds;
        if (ends is null)
        {
            ends = work.RunEnds = System.Buffers.ArrayPool<int>.Shared.Rent(message.Length);
            Array.Clear(ends, 0, message.Length);
        }
        int at = pos;
        int end;
        while (true)
        {
            if (at >= message.Length) { end = message.Length; break; }
            if (ends[at] != 0) { end = ends[at] - 1; break; }
            int length = message[at];
            if (length == 0 || (length & 0xC0) != 0) { end = at; break; }
            if (--work.Budget < 0 || at + 1 + length > message.Length) { end = message.Length; break; }
            at += 1 + length;
        }
        // Remember the end for every label of the run just walked.
        for (int p = pos; p < message.Length && p != end && ends[p] == 0;)
        {
            ends[p] = end + 1;
            int length = message[p];
            if (length == 0 || (length & 0xC0) != 0) break;
            p += 1 + length;
        }
        return end;
    }

    private static DnsName Fail(ref DnsName name)
    {
        name.Status = DnsNameStatus.Malformed;
        name.WireLength = 0;
        return name;
    }

    private static DnsName Finish(ref DnsName name, ReadOnlySpan<byte> replacement, DnsNameStatus status, int wire, Span<byte> text)
    {
        // get_dns_name: a name shorter than two bytes is an error unless it is the root.
        if (wire < MinWireLength && status != DnsNameStatus.Ok) return Fail(ref name);
        replacement.CopyTo(text);
        name.Status = status;
        name.WireLength = wire;
        name.TextLength = replacement.Length;
        name.RawLength = replacement.Length;
        name.Labels = CountLabels(replacement);
        return name;
    }

    /// <summary>qname_labels_count: dots plus one, for names longer than one character.</summary>
    private static int CountLabels(ReadOnlySpan<byte> raw) => raw.Length > 1 ? raw.Count((byte)'.') + 1 : 0;

    /// <summary>RFC 2673 bitstring label, written as tshark does: \[x0123abcd/32].</summary>
    private static void AppendBitstring(ReadOnlySpan<byte> bits, int count, Span<byte> raw, ref int length, ref int room)
    {
        Append("\\[x"u8, raw, ref length, ref room);
        Span<byte> hex = stackalloc byte[2];
        foreach (byte b in bits)
        {
            hex[0] = HexDigit(b >> 4);
            hex[1] = HexDigit(b & 0xF);
            Append(hex, raw, ref length, ref room);
        }
        Span<byte> tail = stackalloc byte[8];
        int n = 0;
        tail[n++] = (byte)'/';
        if (count >= 100) tail[n++] = (byte)('0' + count / 100);
        if (count >= 10) tail[n++] = (byte)('0' + count / 10 % 10);
        tail[n++] = (byte)('0' + count % 10);
        tail[n++] = (byte)']';
        Append(tail[..n], raw, ref length, ref room);
    }

    // snprintf into what is left: a piece that does not fit stops all later printing.
    private static void Append(ReadOnlySpan<byte> piece, Span<byte> raw, ref int length, ref int room)
    {
        if (room <= 0) return;
        if (piece.Length > room) { room = 0; return; }
        piece.CopyTo(raw[length..]);
        length += piece.Length;
        room -= piece.Length;
    }

    private static byte HexDigit(int v) => (byte)(v < 10 ? '0' + v : 'a' + v - 10);

    /// <summary>
    /// tshark's format_text: printable ASCII as is, other ASCII as C escapes (\n, \t, ... or \ooo octal),
    /// valid UTF-8 sequences as is, and each byte of an invalid one as U+FFFD.
    /// </summary>
    public static int FormatText(ReadOnlySpan<byte> raw, Span<byte> text)
    {
        int n = 0;
        for (int i = 0; i < raw.Length;)
        {
            byte c = raw[i];
            if (c is >= 0x20 and < 0x7F)
            {
                text[n++] = c;
                i++;
                continue;
            }
            if (c < 0x80)
            {
                text[n++] = (byte)'\\';
                byte letter = c switch { 7 => (byte)'a', 8 => (byte)'b', 9 => (byte)'t', 10 => (byte)'n', 11 => (byte)'v', 12 => (byte)'f', 13 => (byte)'r', _ => 0 };
                if (letter != 0) text[n++] = letter;
                else
                {
                    text[n++] = (byte)('0' + (c >> 6));
                    text[n++] = (byte)('0' + ((c >> 3) & 7));
                    text[n++] = (byte)('0' + (c & 7));
                }
                i++;
                continue;
            }
            int sequence = Utf8SequenceLength(raw[i..]);
            if (sequence > 0)
            {
                raw.Slice(i, sequence).CopyTo(text[n..]);
                n += sequence;
                i += sequence;
            }
            else
            {
                text[n++] = 0xEF; text[n++] = 0xBF; text[n++] = 0xBD;
                i++;
            }
        }
        return n;
    }

    /// <summary>Length of the valid UTF-8 sequence starting with a byte &gt;= 0x80, or 0 when it is not one.</summary>
    private static int Utf8SequenceLength(ReadOnlySpan<byte> s)
    {
        byte lead = s[0];
        int length = lead switch { >= 0xC2 and <= 0xDF => 2, >= 0xE0 and <= 0xEF => 3, >= 0xF0 and <= 0xF4 => 4, _ => 0 };
        if (length == 0 || s.Length < length) return 0;
        for (int k = 1; k < length; k++) if ((s[k] & 0xC0) != 0x80) return 0;
        // Overlong forms, surrogates and code points past U+10FFFF.
        if (lead == 0xE0 && s[1] < 0xA0) return 0;
        if (lead == 0xED && s[1] > 0x9F) return 0;
        if (lead == 0xF0 && s[1] < 0x90) return 0;
        if (lead == 0xF4 && s[1] > 0x8F) return 0;
        return length;
    }
}
