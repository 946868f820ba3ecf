using System.Buffers.Text;
using System.Text;

namespace Sniffer.Dissectors.Http;

public enum HttpStartLine : byte { None, Request, Response }

/// <summary>How the body of a message is delimited (RFC 9112 §6.3).</summary>
public enum HttpBodyKind : byte { None, ContentLength, Chunked, UntilClose }

/// <summary>The message head as the framer found it: where its parts are and how its body ends.</summary>
public struct HttpHead
{
    public HttpStartLine Kind;
    /// <summary>Length of the start line without its line ending.</summary>
    public int FirstLineLength;
    /// <summary>Offset just after the blank line that ends the headers (start of the body).</summary>
    public int BodyOffset;
    public HttpBodyKind Body;
    public long ContentLength;
    public int StatusCode;
    public int HeaderLines;
    public bool TooManyHeaders;
}

/// <summary>Result of measuring one message: its total length, or how many more bytes are needed.</summary>
public readonly record struct HttpMeasure(int Length, int MoreBytes)
{
    /// <summary>More bytes are needed but how many is not known yet (Wireshark's DESEGMENT_ONE_MORE_SEGMENT).</summary>
    public const int OneMoreSegment = -1;
    public bool NeedsMore => MoreBytes != 0;
}

/// <summary>
/// Finds where an HTTP/1.x message ends, without building anything: the "desegment" half of the
/// dissector. The TCP layer asks it how long the PDU at the start of the stream data is; if the
/// answer needs more bytes it waits for them, else it hands the whole message to <see cref="HttpDissector"/>.
/// </summary>
public static class HttpFramer
{
    public const int MaxHeaderLines = 10_000;
    private const int MaxChunks = 100_000;

    private static readonly string[] s_methods =
    [
        "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PATCH", "PROPFIND", "PROPPATCH",
        "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "SEARCH", "REPORT", "NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE", "M-SEARCH",
    ];

    /// <summary>Cheap check, never throws: does the data start like an HTTP request or status line?</summary>
    public static bool Probe(ReadOnlySpan<byte> data) => StartLineKind(data, out _) != HttpStartLine.None;

    /// <summary>Request ("GET " …) or response ("HTTP/1.x ") start, judged on the first bytes only.</summary>
    public static HttpStartLine StartLineKind(ReadOnlySpan<byte> data, out int methodLength)
    {
        methodLength = 0;
        if (data.StartsWith("HTTP/1."u8) && data.Length >= 9 && data[8] == (byte)' ') return HttpStartLine.Response;
        int space = data[..Math.Min(data.Length, 12)].IndexOf((byte)' ');
        if (space <= 0) return HttpStartLine.None;
        var token = data[..space];
        foreach (var m in s_methods)
        {
            if (m.Length == token.Length && Ascii.Equals(token, m))
            {
                methodLength = space;
                return HttpStartLine.Request;
            }
        }
        return HttpStartLine.None;
    }

    /// <summary>
    /// Measures the message at the start of <paramref name="data"/>. <paramref name="requestWasHead"/>
    /// says the response answers a HEAD request (no body whatever the headers say).
    /// </summary>
    public static HttpMeasure Measure(ReadOnlySpan<byte> data, bool requestWasHead, out HttpHead head)
    {
        head = default;
        head.Kind = StartLineKind(data, out _);
        if (head.Kind == HttpStartLine.None) return new HttpMeasure(0, 0);

        int lineEnd = data.IndexOf((byte)'\n');
        if (lineEnd < 0) return new HttpMeasure(0, HttpMeasure.OneMoreSegment);
        head.FirstLineLength = lineEnd > 0 && data[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        if (head.Kind == HttpStartLine.Response && head.FirstLineLength >= 12 &&
            Utf8Parser.TryParse(data.Slice(9, 3), out int code, out int used) && used == 3)
        {
            head.StatusCode = code;
        }

        bool chunked = false;
        long contentLength = -1;
        int pos = lineEnd + 1;
        while (true)
        {
            int nl = data[pos..].IndexOf((byte)'\n');
            if (nl < 0) return new HttpMeasure(0, HttpMeasure.OneMoreSegment);
            var line = data.Slice(pos, nl);
            if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
            pos += nl + 1;
            if (line.IsEmpty) break;
            if (++head.HeaderLines > MaxHeaderLines)
            {
                // Stop reading headers; the message is cut here and the rest is shown as data.
                head.TooManyHeaders = true;
                break;
            }
            int colon = line.IndexOf((byte)':');
            if (colon <= 0) continue;
            var name = line[..colon].TrimEnd((byte)' ');
            var value = line[(colon + 1)..].Trim((byte)' ').Trim((byte)'\t');
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (Utf8Parser.TryParse(value, out long n, out int consumed) && consumed == value.Length && n >= 0) contentLength = n;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                if (ContainsIgnoreCase(value, "chunked"u8)) chunked = true;
            }
        }
        head.BodyOffset = pos;
        head.ContentLength = contentLength;

        bool noBody = head.Kind == HttpStartLine.Response
            ? requestWasHead || head.StatusCode is >= 100 and < 200 or 204 or 304
            : !chunked && contentLength < 0;
        if (noBody || head.TooManyHeaders)
        {
            head.Body = HttpBodyKind.None;
            return new HttpMeasure(pos, 0);
        }
        if (chunked)
        {
            head.Body = HttpBodyKind.Chunked;
            int end = ChunkedEnd(data, pos);
            return end < 0 ? new HttpMeasure(0, HttpMeasure.OneMoreSegment) : new HttpMeasure(end, 0);
        }
        if (contentLength >= 0)
        {
            head.Body = HttpBodyKind.ContentLength;
            long total = pos + contentLength;
            if (total > int.MaxValue) total = int.MaxValue;
            return total <= data.Length ? new HttpMeasure((int)total, 0) : new HttpMeasure(0, (int)(total - data.Length));
        }
        // A response with neither: the body runs until the connection closes; take what is here.
        head.Body = HttpBodyKind.UntilClose;
        return new HttpMeasure(data.Length, 0);
    }

    /// <summary>
    /// Fills in a head the framer could not finish because the data stops inside it or inside the
    /// body: whatever is here is shown (used when no reassembly is possible).
    /// </summary>
    public static void CompletePartialHead(ReadOnlySpan<byte> data, ref HttpHead head)
    {
        if (head.FirstLineLength == 0)
        {
            int nl = data.IndexOf((byte)'\n');
            head.FirstLineLength = nl < 0 ? data.Length : nl > 0 && data[nl - 1] == '\r' ? nl - 1 : nl;
        }
        if (head.BodyOffset == 0)
        {
            head.BodyOffset = data.Length;
            head.Body = HttpBodyKind.None;
        }
    }

    /// <summary>Offset just past the last chunk and its trailers, or -1 when the data stops before.</summary>
    //   chunked-body = *chunk last-chunk trailer-section CRLF
    //   chunk        = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
    public static int ChunkedEnd(ReadOnlySpan<byte> data, int pos)
    {
        for (int chunks = 0; chunks < MaxChunks; chunks++)
        {
            int nl = data[pos..].IndexOf((byte)'\n');
            if (nl < 0) return -1;
            long size = ParseChunkSize(data.Slice(pos, nl));
            pos += nl + 1;
            if (size < 0) return pos; // not a chunk size: stop here, the dissector shows what it can
            if (size == 0)
            {
                while (true)
                {
                    int t = data[pos..].IndexOf((byte)'\n');
                    if (t < 0) return -1;
                    bool empty = t == 0 || (t == 1 && data[pos] == '\r');
                    pos += t + 1;
                    if (empty) return pos;
                }
            }
            long next = pos + size;
            if (next > data.Length) return -1;
            pos = (int)next;
            // CRLF after the chunk data.
            if (pos < data.Length && data[pos] == '\r') pos++;
            if (pos >= data.Length) return -1;
            if (data[pos] == '\n') pos++;
        }
        return pos;
    }

    /// <summary>The hex size at the start of a chunk line (extensions after ';' ignored), or -1.</summary>
    public static long ParseChunkSize(ReadOnlySpan<byte> line)
    {
        long size = 0;
        int digits = 0;
        foreach (byte b in line)
        {
            int v = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => -1,
            };
            if (v < 0) break;
            if (++digits > 15) return -1;
            size = size * 16 + v;
        }
        return digits == 0 ? -1 : size;
    }

    private static bool ContainsIgnoreCase(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
            if (Ascii.EqualsIgnoreCase(haystack.Slice(i, needle.Length), needle)) return true;
        return false;
    }
}
