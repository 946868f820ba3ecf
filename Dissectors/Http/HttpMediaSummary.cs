using System.Text;
using Sniffer.Dissectors.Core;

namespace Sniffer.Dissectors.Http;

/// <summary>
/// What tshark's body dissectors add to the columns: " (text/html)" for most media types, the image
/// format for images ("JPEG JFIF image", "PNG", "GIF89a"), "/XML" or "/JSON" after the protocol — and
/// nothing at all when the decoded body is empty.
/// </summary>
internal static class HttpMediaSummary
{
    /// <summary>Encoded bodies up to this size are decoded just to see whether they are empty (gzip of nothing is 20 bytes).</summary>
    private const int SmallEncodedBody = 64;

    /// <summary>The most of a body <see cref="Describe"/> reads: the columns never need more.</summary>
    public const int BodyBytesRead = SmallEncodedBody;

    public static void Describe(ReadOnlySpan<byte> body, bool chunked, ReadOnlySpan<byte> contentType, ReadOnlySpan<byte> contentEncoding,
        InfoColumn? info, ref PacketContext ctx)
    {
        var media = HttpDissector.MediaType(contentType);
        bool encoded = !contentEncoding.IsEmpty && !Ascii.EqualsIgnoreCase(contentEncoding, "identity"u8);
        ReadOnlySpan<byte> start = body;
        if (chunked && !encoded)
        {
            // Emptiness and the first bytes come from the first chunk: no need to de-chunk on the fast path.
            if (!FirstChunk(body, out start)) start = body;
            else if (start.IsEmpty) return;
        }
        else if (encoded && body.Length <= SmallEncodedBody)
        {
            // Rare and small enough to decode here, even on the fast path.
            byte[] entity = chunked ? HttpBody.Dechunk(body) : body.ToArray();
            entity = HttpBody.Decode(entity, contentEncoding) ?? entity;
            if (entity.Length == 0) return;
            start = entity;
        }
        if (Ascii.EqualsIgnoreCase(media, "text/xml"u8) || Ascii.EqualsIgnoreCase(media, "application/xml"u8))
        {
            if (!ctx.InErrorPacket) ctx.Protocol = "HTTP/XML";
            return;
        }
        if (Ascii.EqualsIgnoreCase(media, "application/json"u8))
        {
            // tshark's JSON dissector names itself after the HTTP line: "HTTP/1.1 200 OK , JavaScript Object Notation (application/json)".
            if (!ctx.InErrorPacket) ctx.Protocol = "HTTP/JSON";
            info?.Append(", JavaScript Object Notation (").AppendAscii(media).Append(')');
            return;
        }
        if (info is null) return;
        if (!encoded && media.StartsWith("image/"u8))
        {
            if (start.StartsWith("GIF89a"u8) || start.StartsWith("GIF87a"u8)) { info.Append(" (").AppendAscii(start[..6]).Append(')'); return; }
            if (start.Length >= 4 && start[0] == 0x89 && start[1..4].SequenceEqual("PNG"u8)) { info.Append(" (PNG)"); return; }
            if (start.Length >= 3 && start[0] == 0xFF && start[1] == 0xD8 && start[2] == 0xFF) { info.Append(" (JPEG JFIF image)"); return; }
        }
        info.Append(" (").AppendAscii(media).Append(')');
    }

    /// <summary>The data of the first chunk of a chunked body ("1a;ext\r\n" + data); empty for a last-chunk "0".</summary>
    private static bool FirstChunk(ReadOnlySpan<byte> body, out ReadOnlySpan<byte> data)
    {
        data = default;
        int i = 0;
        long size = 0;
        for (; i < body.Length && i < 16; i++)
        {
            int digit = HexValue(body[i]);
            if (digit < 0) break;
            size = size * 16 + digit;
        }
        if (i == 0) return false;
        int lineEnd = body.IndexOf("\r\n"u8);
        if (lineEnd < i) return false;
        var rest = body[(lineEnd + 2)..];
        data = rest[..(int)Math.Min(size, rest.Length)];
        return true;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
