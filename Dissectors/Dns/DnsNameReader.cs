namespace Sniffer.Dissectors.Dns;

public enum DnsNameStatus : byte
{
    Ok,
    /// <summary>Longer than a name may be (a pointer loop ends here too): shown as &lt;Name too long&gt;.</summary>
    TooLong,
    /// <summary>A label type other than plain or pointer (0x40, 0x80): shown as &lt;Unknown extended label&gt;.</summary>
    BadLabel,
    /// <summary>A label or pointer runs past the end of the message.</summary>
    Truncated,
    /// <summary>A compression pointer aims outside the message.</summary>
    BadPointer,
}

/// <summary>What reading one (possibly compressed) name found.</summary>
public struct DnsName
{
    /// <summary>Bytes the name takes where it starts (up to and including the first pointer).</summary>
    public int WireLength;
    /// <summary>Bytes of text written to the caller's buffer.</summary>
    public int TextLength;
    /// <summary>tshark's dns.count.labels: dots in the text plus one (so the root counts 1).</summary>
    public int Labels;
    public DnsNameStatus Status;

    public readonly bool IsMalformed => Status is DnsNameStatus.Truncated or DnsNameStatus.BadPointer;
}

/// <summary>
/// Reads a domain name (RFC 1035 §3.1, compression §4.1.4) into a caller-supplied byte buffer:
/// no allocation. Work is bounded whatever the bytes say: at most <see cref="MaxHops"/> pointers
/// are followed and at most <see cref="MaxLabels"/> labels read, so a pointer loop ends as
/// "&lt;Name too long&gt;" instead of a hang.
/// </summary>
public static class DnsNameReader
{
    /// <summary>Longest text tshark prints for a name before giving up with &lt;Name too long&gt;.</summary>
    public const int MaxTextLength = 255;
    /// <summary>Buffer size callers should pass: the longest text plus room for one escaped label.</summary>
    public const int BufferSize = MaxTextLength + 64 * 4 + 8;
    public const int MaxHops = 128;
    public const int MaxLabels = 256;

    private static ReadOnlySpan<byte> Root => "<Root>"u8;
    private static ReadOnlySpan<byte> TooLongText => "<Name too long>"u8;
    private static ReadOnlySpan<byte> ExtendedLabelText => "<Unknown extended label>"u8;

    //  A name is a sequence of labels, each a length octet and that many bytes, ended by a zero
    //  octet; or ended by a pointer instead:
    //  +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
    //  | 1  1|                OFFSET                   |   offset from the start of the message
    //  +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
    /// <param name="message">The DNS message (offsets and pointers are relative to its start).</param>
    /// <param name="offset">Where the name starts in <paramref name="message"/>.</param>
    /// <param name="text">At least <see cref="BufferSize"/> bytes.</param>
    public static DnsName Read(ReadOnlySpan<byte> message, int offset, Span<byte> text)
    {
        var name = new DnsName { WireLength = -1 };
        int pos = offset;
        int written = 0;
        int hops = 0, labels = 0;
        bool tooLong = false;
        while (true)
        {
            if ((uint)pos >= (uint)message.Length) { name.Status = DnsNameStatus.Truncated; break; }
            byte len = message[pos];
            if (len == 0)
            {
                pos++;
                break;
            }
            switch (len & 0xC0)
            {
                case 0x00:
                    if (pos + 1 + len > message.Length) { name.Status = DnsNameStatus.Truncated; goto done; }
                    if (++labels > MaxLabels) { tooLong = true; goto done; }
                    if (!tooLong)
                    {
                        if (written > 0) text[written++] = (byte)'.';
                        written += Escape(message.Slice(pos + 1, len), text[written..]);
                        if (written > MaxTextLength) tooLong = true;
                    }
                    pos += 1 + len;
                    break;
                case 0xC0:
                    if (pos + 2 > message.Length) { name.Status = DnsNameStatus.Truncated; goto done; }
                    int target = ((len & 0x3F) << 8) | message[pos + 1];
                    if (name.WireLength < 0) name.WireLength = pos + 2 - offset;
                    if (target >= message.Length) { name.Status = DnsNameStatus.BadPointer; goto done; }
                    if (++hops > MaxHops) { tooLong = true; goto done; }
                    pos = target;
                    break;
                default:
                    if (name.WireLength < 0) name.WireLength = pos + 1 - offset;
                    name.Status = DnsNameStatus.BadLabel;
                    goto done;
            }
        }
    done:
        // A name cut short still covers at least one byte when there is one, never bytes past the message.
        if (name.WireLength < 0) name.WireLength = Math.Max(Math.Min(1, message.Length - offset), Math.Min(pos, message.Length) - offset);
        if (tooLong && name.Status == DnsNameStatus.Ok) name.Status = DnsNameStatus.TooLong;
        ReadOnlySpan<byte> replacement = name.Status switch
        {
            DnsNameStatus.TooLong => TooLongText,
            DnsNameStatus.BadLabel => ExtendedLabelText,
            _ => written == 0 && name.Status == DnsNameStatus.Ok ? Root : default,
        };
        if (!replacement.IsEmpty)
        {
            replacement.CopyTo(text);
            written = replacement.Length;
        }
        name.TextLength = written;
        name.Labels = 1 + text[..written].Count((byte)'.');
        return name;
    }

    /// <summary>Copies one label, writing control bytes as \DDD (decimal, RFC 1035 §5.1) as tshark does.</summary>
    private static int Escape(ReadOnlySpan<byte> label, Span<byte> output)
    {
        int n = 0;
        foreach (byte b in label)
        {
            if (b < 0x20 || b == 0x7f)
            {
                output[n++] = (byte)'\\';
                output[n++] = (byte)('0' + b / 100);
                output[n++] = (byte)('0' + b / 10 % 10);
                output[n++] = (byte)('0' + b % 10);
            }
            else output[n++] = b;
        }
        return n;
    }
}
