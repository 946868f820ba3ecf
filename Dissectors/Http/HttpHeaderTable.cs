using System.Text;
using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Http;

/// <summary>What a header means to the dissector beyond its field.</summary>
public enum HttpHeaderKind : byte { Plain, ContentType, ContentLength, ContentEncoding, TransferEncoding, Host, Cookie, Authorization }

/// <summary>The headers tshark gives a field of their own (packet-http.c's headers[]); others are plain lines.</summary>
public static class HttpHeaderTable
{
    private static readonly (string Name, FieldDef Field, HttpHeaderKind Kind)[] s_headers =
    [
        ("Authorization", HttpFields.Authorization, HttpHeaderKind.Authorization),
        ("Proxy-Authorization", HttpFields.ProxyAuthorization, HttpHeaderKind.Authorization),
        ("Proxy-Authenticate", HttpFields.ProxyAuthenticate, HttpHeaderKind.Plain),
        ("WWW-Authenticate", HttpFields.WwwAuthenticate, HttpHeaderKind.Plain),
        ("Content-Type", HttpFields.ContentType, HttpHeaderKind.ContentType),
        ("Content-Length", HttpFields.ContentLengthHeader, HttpHeaderKind.ContentLength),
        ("Content-Encoding", HttpFields.ContentEncoding, HttpHeaderKind.ContentEncoding),
        ("Transfer-Encoding", HttpFields.TransferEncoding, HttpHeaderKind.TransferEncoding),
        ("Upgrade", HttpFields.Upgrade, HttpHeaderKind.Plain),
        ("User-Agent", HttpFields.UserAgent, HttpHeaderKind.Plain),
        ("Host", HttpFields.Host, HttpHeaderKind.Host),
        ("Connection", HttpFields.Connection, HttpHeaderKind.Plain),
        ("Cookie", HttpFields.Cookie, HttpHeaderKind.Cookie),
        ("Accept", HttpFields.Accept, HttpHeaderKind.Plain),
        ("Referer", HttpFields.Referer, HttpHeaderKind.Plain),
        ("Accept-Language", HttpFields.AcceptLanguage, HttpHeaderKind.Plain),
        ("Accept-Encoding", HttpFields.AcceptEncoding, HttpHeaderKind.Plain),
        ("Date", HttpFields.Date, HttpHeaderKind.Plain),
        ("Cache-Control", HttpFields.CacheControl, HttpHeaderKind.Plain),
        ("Server", HttpFields.Server, HttpHeaderKind.Plain),
        ("Location", HttpFields.Location, HttpHeaderKind.Plain),
        ("Sec-WebSocket-Accept", HttpFields.SecWebSocketAccept, HttpHeaderKind.Plain),
        ("Sec-WebSocket-Extensions", HttpFields.SecWebSocketExtensions, HttpHeaderKind.Plain),
        ("Sec-WebSocket-Key", HttpFields.SecWebSocketKey, HttpHeaderKind.Plain),
        ("Sec-WebSocket-Protocol", HttpFields.SecWebSocketProtocol, HttpHeaderKind.Plain),
        ("Sec-WebSocket-Version", HttpFields.SecWebSocketVersion, HttpHeaderKind.Plain),
        ("Set-Cookie", HttpFields.SetCookie, HttpHeaderKind.Plain),
        ("Last-Modified", HttpFields.LastModified, HttpHeaderKind.Plain),
        ("X-Forwarded-For", HttpFields.XForwardedFor, HttpHeaderKind.Plain),
        ("HTTP2-Settings", HttpFields.Http2Settings, HttpHeaderKind.Plain),
    ];

    /// <summary>The field and meaning of a header name (case-insensitive), or false for one tshark has no field for.</summary>
    public static bool TryFind(ReadOnlySpan<byte> name, out FieldDef field, out HttpHeaderKind kind)
    {
        foreach (var h in s_headers)
        {
            if (h.Name.Length == name.Length && Ascii.EqualsIgnoreCase(name, h.Name))
            {
                field = h.Field;
                kind = h.Kind;
                return true;
            }
        }
        field = null!;
        kind = HttpHeaderKind.Plain;
        return false;
    }
}
