using Sniffer.Dissectors.Http;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Analysis.Web;

/// <summary>One header line as sent: name and value, and its size on the wire (with the line end).</summary>
public readonly record struct HttpHeader(string Name, string Value);

/// <summary>
/// One HTTP/1.x message read back from the fields the dissector produced for it: the start line, the header
/// lines, sizes on the wire and the decoded body (de-chunked and decompressed, as http.file_data holds it).
/// </summary>
public sealed class HttpMessage
{
    public bool IsRequest, IsResponse;
    public string Method = "", Uri = "", Version = "", Host = "", Phrase = "", ContentType = "", ContentEncoding = "", Location = "";
    public string? FullUri;
    public ushort Code;
    public uint RequestIn;
    public readonly List<HttpHeader> Headers = new();
    /// <summary>Bytes of the whole message, of its start line and headers (to the blank line), and of the body as sent.</summary>
    public int MessageLength, HeadersSize, BodySize;
    public bool HasBody;
    public bool DecompressionFailed;
    /// <summary>The decoded body; only copied when <see cref="Read"/> is asked to keep it.</summary>
    public byte[]? Body;
    public int BodyLength;

    public static HttpMessage Read(FieldValueSet values, HttpMessageRange range, bool keepBody)
    {
        var m = new HttpMessage { IsRequest = range.IsRequest, IsResponse = range.IsResponse };
        int messageOffset = 0, headersEnd = -1, firstLineEnd = -1;
        bool lastLineCrlf = true;
        for (int i = range.First; i < range.End; i++)
        {
            var v = values[i];
            var f = v.Field;
            if (f == HttpFields.Http) { messageOffset = v.Offset; m.MessageLength = v.Length; }
            else if (f == HttpFields.Method) m.Method = Text(values, i);
            else if (f == HttpFields.Uri) m.Uri = Text(values, i);
            else if (f == HttpFields.RequestVersion) { m.Version = Text(values, i); firstLineEnd = v.Offset + v.Length; }
            else if (f == HttpFields.ResponseVersion) m.Version = Text(values, i);
            else if (f == HttpFields.Code) m.Code = (ushort)v.Bits;
            else if (f == HttpFields.Phrase) { m.Phrase = Text(values, i); firstLineEnd = v.Offset + v.Length; }
            else if (f == HttpFields.Host) m.Host = Text(values, i);
            else if (f == HttpFields.ContentType) m.ContentType = Text(values, i);
            else if (f == HttpFields.ContentEncoding) m.ContentEncoding = Text(values, i);
            else if (f == HttpFields.Location) m.Location = Text(values, i);
            else if (f == HttpFields.FullUri) m.FullUri = Text(values, i);
            else if (f == HttpFields.RequestIn) m.RequestIn = (uint)v.Bits;
            else if (f == HttpFields.DecompressionFailed.Field) m.DecompressionFailed = true;
            else if (f == HttpFields.RequestLine || f == HttpFields.ResponseLine)
            {
                var line = values.Bytes(i);
                lastLineCrlf = line.EndsWith("\r\n"u8);
                var content = line.TrimEnd("\r\n"u8);
                int colon = content.IndexOf((byte)':');
                if (colon > 0)
                    m.Headers.Add(new HttpHeader(FieldText.Latin1(content[..colon]).TrimEnd(), FieldText.Latin1(content[(colon + 1)..]).Trim()));
                if (firstLineEnd < 0) firstLineEnd = v.Offset;
                headersEnd = v.Offset + v.Length;
            }
            else if (f == HttpFields.FileData)
            {
                m.HasBody = true;
                var body = values.Bytes(i);
                m.BodyLength = body.Length;
                if (keepBody) m.Body = body.ToArray();
            }
        }
        // Start line, header lines, then the blank line (CRLF, or a bare LF when the headers used bare LFs).
        if (headersEnd < 0) headersEnd = firstLineEnd >= 0 ? firstLineEnd + 2 : messageOffset + m.MessageLength;
        int size = headersEnd - messageOffset + (lastLineCrlf ? 2 : 1);
        m.HeadersSize = Math.Clamp(size, 0, m.MessageLength);
        m.BodySize = m.MessageLength - m.HeadersSize;
        return m;
    }

    private static string Text(FieldValueSet values, int i) => FieldText.Latin1(values.Bytes(i));

    /// <summary>The media type without parameters ("text/html; charset=UTF-8" → "text/html").</summary>
    public string MediaType
    {
        get
        {
            int semi = ContentType.IndexOf(';');
            return (semi < 0 ? ContentType : ContentType[..semi]).Trim();
        }
    }

    public string? Header(string name)
    {
        foreach (var h in Headers) if (string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)) return h.Value;
        return null;
    }
}
