using System.IO.Compression;

namespace Sniffer.Dissectors.Http;

/// <summary>
/// Turns a message body into what a user reads: de-chunked, then gzip/deflate-decoded. Used only when
/// a tree or the body field is wanted, never on the fast path. Output is capped so a small hostile
/// body cannot expand into gigabytes.
/// </summary>
public static class HttpBody
{
    public const int MaxDecodedBytes = 16 << 20;

    /// <summary>The chunk data of a chunked body, concatenated.</summary>
    public static byte[] Dechunk(ReadOnlySpan<byte> body)
    {
        var output = new MemoryStream();
        int pos = 0;
        while (pos < body.Length && output.Length < MaxDecodedBytes)
        {
            int nl = body[pos..].IndexOf((byte)'\n');
            if (nl < 0) break;
            long size = HttpFramer.ParseChunkSize(body.Slice(pos, nl));
            pos += nl + 1;
            if (size <= 0) break;
            int take = (int)Math.Min(size, body.Length - pos);
            output.Write(body.Slice(pos, take));
            pos += take;
            if (pos < body.Length && body[pos] == '\r') pos++;
            if (pos < body.Length && body[pos] == '\n') pos++;
        }
        return output.ToArray();
    }

    /// <summary>Decodes gzip, deflate (zlib or raw) or brotli; null when the coding is unknown or the data is damaged.</summary>
    public static byte[]? Decode(ReadOnlySpan<byte> encoded, ReadOnlySpan<byte> contentEncoding)
    {
        var coding = System.Text.Encoding.ASCII.GetString(contentEncoding).Trim().ToLowerInvariant();
        try
        {
            return coding switch
            {
                "gzip" or "x-gzip" => Inflate(new GZipStream(new MemoryStream(encoded.ToArray()), CompressionMode.Decompress)),
                "deflate" => encoded.Length >= 2 && (encoded[0] & 0x0F) == 8 && ((encoded[0] << 8) | encoded[1]) % 31 == 0
                    ? Inflate(new ZLibStream(new MemoryStream(encoded.ToArray()), CompressionMode.Decompress))
                    : Inflate(new DeflateStream(new MemoryStream(encoded.ToArray()), CompressionMode.Decompress)),
                "br" => Inflate(new BrotliStream(new MemoryStream(encoded.ToArray()), CompressionMode.Decompress)),
                _ => null,
            };
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static byte[] Inflate(Stream decoder)
    {
        using (decoder)
        {
            var output = new MemoryStream();
            var buffer = new byte[16384];
            int n;
            while (output.Length < MaxDecodedBytes && (n = decoder.Read(buffer, 0, buffer.Length)) > 0) output.Write(buffer, 0, n);
            return output.ToArray();
        }
    }
}
