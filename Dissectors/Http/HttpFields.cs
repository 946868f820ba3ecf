using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Http;

/// <summary>HTTP/1.x fields, named and typed as tshark 4.0 registers them.</summary>
[FieldTable]
public static class HttpFields
{
    public static readonly FieldDef Http = FieldDef.Protocol("http", "Hypertext Transfer Protocol");
    /// <summary>SSDP (UPnP discovery) is HTTP over UDP 1900; tshark shows the same fields under its own name.</summary>
    public static readonly FieldDef Ssdp = FieldDef.Protocol("ssdp", "Simple Service Discovery Protocol");
    public static readonly FieldDef Request = new("http.request", "Request", FieldType.Boolean, trueFalse: TrueFalse.TrueFalseText);
    public static readonly FieldDef Response = new("http.response", "Response", FieldType.Boolean, trueFalse: TrueFalse.TrueFalseText);
    public static readonly FieldDef RequestNumber = new("http.request_number", "Request number", FieldType.UInt32);
    public static readonly FieldDef ResponseNumber = new("http.response_number", "Response number", FieldType.UInt32);
    public static readonly FieldDef RequestLine = new("http.request.line", "Request line", FieldType.String);
    public static readonly FieldDef ResponseLine = new("http.response.line", "Response line", FieldType.String);
    public static readonly FieldDef Method = new("http.request.method", "Request Method", FieldType.String);
    public static readonly FieldDef Uri = new("http.request.uri", "Request URI", FieldType.String);
    public static readonly FieldDef UriPath = new("http.request.uri.path", "Request URI Path", FieldType.String);
    public static readonly FieldDef UriQuery = new("http.request.uri.query", "Request URI Query", FieldType.String);
    public static readonly FieldDef UriQueryParameter = new("http.request.uri.query.parameter", "Request URI Query Parameter", FieldType.String);
    public static readonly FieldDef RequestVersion = new("http.request.version", "Request Version", FieldType.String);
    public static readonly FieldDef ResponseVersion = new("http.response.version", "Response Version", FieldType.String);
    public static readonly FieldDef FullUri = new("http.request.full_uri", "Full request URI", FieldType.String);
    public static readonly FieldDef Code = new("http.response.code", "Status Code", FieldType.UInt16);
    public static readonly FieldDef CodeDescription = new("http.response.code.desc", "Status Code Description", FieldType.String);
    public static readonly FieldDef ResponseForUri = new("http.response_for.uri", "Request URI", FieldType.String);
    public static readonly FieldDef Phrase = new("http.response.phrase", "Response Phrase", FieldType.String);

    public static readonly FieldDef Authorization = new("http.authorization", "Authorization", FieldType.String);
    public static readonly FieldDef AuthBasic = new("http.authbasic", "Credentials", FieldType.String);
    public static readonly FieldDef ProxyAuthenticate = new("http.proxy_authenticate", "Proxy-Authenticate", FieldType.String);
    public static readonly FieldDef ProxyAuthorization = new("http.proxy_authorization", "Proxy-Authorization", FieldType.String);
    public static readonly FieldDef WwwAuthenticate = new("http.www_authenticate", "WWW-Authenticate", FieldType.String);
    public static readonly FieldDef ContentType = new("http.content_type", "Content-Type", FieldType.String);
    public static readonly FieldDef ContentLengthHeader = new("http.content_length_header", "Content-Length", FieldType.String);
    public static readonly FieldDef ContentLength = new("http.content_length", "Content length", FieldType.UInt64);
    public static readonly FieldDef ContentEncoding = new("http.content_encoding", "Content-Encoding", FieldType.String);
    public static readonly FieldDef TransferEncoding = new("http.transfer_encoding", "Transfer-Encoding", FieldType.String);
    public static readonly FieldDef Upgrade = new("http.upgrade", "Upgrade", FieldType.String);
    public static readonly FieldDef UserAgent = new("http.user_agent", "User-Agent", FieldType.String);
    public static readonly FieldDef Host = new("http.host", "Host", FieldType.String);
    public static readonly FieldDef Connection = new("http.connection", "Connection", FieldType.String);
    public static readonly FieldDef Cookie = new("http.cookie", "Cookie", FieldType.String);
    public static readonly FieldDef CookiePair = new("http.cookie_pair", "Cookie pair", FieldType.String);
    public static readonly FieldDef Accept = new("http.accept", "Accept", FieldType.String);
    public static readonly FieldDef Referer = new("http.referer", "Referer", FieldType.String);
    public static readonly FieldDef AcceptLanguage = new("http.accept_language", "Accept-Language", FieldType.String);
    public static readonly FieldDef AcceptEncoding = new("http.accept_encoding", "Accept Encoding", FieldType.String);
    public static readonly FieldDef Date = new("http.date", "Date", FieldType.String);
    public static readonly FieldDef CacheControl = new("http.cache_control", "Cache-Control", FieldType.String);
    public static readonly FieldDef Server = new("http.server", "Server", FieldType.String);
    public static readonly FieldDef Location = new("http.location", "Location", FieldType.String);
    public static readonly FieldDef SecWebSocketAccept = new("http.sec_websocket_accept", "Sec-WebSocket-Accept", FieldType.String);
    public static readonly FieldDef SecWebSocketExtensions = new("http.sec_websocket_extensions", "Sec-WebSocket-Extensions", FieldType.String);
    public static readonly FieldDef SecWebSocketKey = new("http.sec_websocket_key", "Sec-WebSocket-Key", FieldType.String);
    public static readonly FieldDef SecWebSocketProtocol = new("http.sec_websocket_protocol", "Sec-WebSocket-Protocol", FieldType.String);
    public static readonly FieldDef SecWebSocketVersion = new("http.sec_websocket_version", "Sec-WebSocket-Version", FieldType.String);
    public static readonly FieldDef SetCookie = new("http.set_cookie", "Set-Cookie", FieldType.String);
    public static readonly FieldDef LastModified = new("http.last_modified", "Last-Modified", FieldType.String);
    public static readonly FieldDef XForwardedFor = new("http.x_forwarded_for", "X-Forwarded-For", FieldType.String);
    public static readonly FieldDef Http2Settings = new("http.http2_settings", "HTTP2-Settings", FieldType.String);

    public static readonly FieldDef RequestIn = new("http.request_in", "Request in frame", FieldType.FrameNum);
    public static readonly FieldDef ResponseIn = new("http.response_in", "Response in frame", FieldType.FrameNum);
    public static readonly FieldDef NextRequestIn = new("http.next_request_in", "Next request in frame", FieldType.FrameNum);
    public static readonly FieldDef NextResponseIn = new("http.next_response_in", "Next response in frame", FieldType.FrameNum);
    public static readonly FieldDef PrevRequestIn = new("http.prev_request_in", "Prev request in frame", FieldType.FrameNum);
    public static readonly FieldDef PrevResponseIn = new("http.prev_response_in", "Prev response in frame", FieldType.FrameNum);
    public static readonly FieldDef Time = new("http.time", "Time since request", FieldType.RelativeTime);
    public static readonly FieldDef ChunkSize = new("http.chunk_size", "Chunk size", FieldType.UInt32);
    public static readonly FieldDef ChunkData = new("http.chunk_data", "Chunk data", FieldType.Bytes);
    public static readonly FieldDef ChunkBoundary = new("http.chunk_boundary", "Chunk boundary", FieldType.Bytes);
    public static readonly FieldDef ChunkedTrailer = new("http.chunked_trailer_part", "trailer-part", FieldType.String);
    public static readonly FieldDef FileData = new("http.file_data", "File Data", FieldType.String);
    public static readonly FieldDef UnknownHeader = new("http.unknown_header", "Unknown header", FieldType.String);

    public static readonly ExpertDef Chat = new("http.chat", ExpertGroup.Sequence, ExpertSeverity.Chat, "Formatted text");
    public static readonly ExpertDef TeAndLength = new("http.te_and_length", ExpertGroup.Malformed, ExpertSeverity.Warning, "The Content-Length and Transfer-Encoding header must not be set together");
    public static readonly ExpertDef DecompressionFailed = new("http.decompression_failed", ExpertGroup.Undecoded, ExpertSeverity.Warning, "Decompression failed");
    public static readonly ExpertDef TooManyHeaders = new("http.too_many_headers", ExpertGroup.Malformed, ExpertSeverity.Warning, "Too many header lines; the rest were not dissected");

    /// <summary>Line-based text data: the body of a text/* message, one item per line.</summary>
    public static readonly FieldDef TextLines = FieldDef.Protocol("data-text-lines", "Line-based text data");
}
