using System.Buffers.Text;
using System.Text;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Http;

/// <summary>
/// One complete HTTP/1.x message (RFC 9112): start line, header lines, body. Pure over the bytes it
/// is given; <see cref="HttpFramer"/> decides where the message ends and <see cref="HttpTcp"/> feeds it.
/// </summary>
public static class HttpDissector
{
    /// <param name="data">The frame, or a reassembled buffer (then <paramref name="sourceId"/> names it).</param>
    /// <param name="keyFrame">The frame itself (for the connection's addresses), even when <paramref name="data"/> is a reassembled buffer.</param>
    public static DissectStatus DissectMessage<TSink>(ReadOnlySpan<byte> data, int offset, int length, in HttpHead head, ReadOnlySpan<byte> keyFrame,
        int sourceId, ref PacketContext ctx, ref TSink sink, bool ssdp = false)
        where TSink : struct, IFieldSink
    {
        var msg = data.Slice(offset, length);
        bool isResponse = head.Kind == HttpStartLine.Response;
        ctx.Protocols?.Add(ssdp ? "ssdp" : "http");
        if (!ctx.InErrorPacket) ctx.Protocol = ssdp ? "SSDP" : "HTTP";

        sink.PushProtocol(ssdp ? HttpFields.Ssdp : HttpFields.Http, offset, length);
        sink.AddUInt(isResponse ? HttpFields.Response : HttpFields.Request, offset, 0, 1, FieldFlags.Hidden);

        var firstLine = msg[..head.FirstLineLength];
        int firstLineTotal = LineTotal(msg, 0, head.FirstLineLength);
        if (sink.WantsTree)
        {
            string text = FieldFormatter.Text(msg[..firstLineTotal]);
            sink.AddText(text, offset, firstLineTotal);
            sink.Push();
            Notes.Add(ref ctx, ref sink, HttpFields.Chat, offset, firstLineTotal, text);
        }
        else sink.Push();
        var uriRange = new Range(0, 0);
        if (isResponse) StatusLine(firstLine, offset, ref sink);
        else uriRange = RequestLine(firstLine, offset, ref sink);
        var uri = firstLine[uriRange];
        sink.Pop();

        var info = ctx.InErrorPacket ? null : ctx.Info;
        info?.AppendAscii(firstLine).Append(' ');

        // Header lines.
        ReadOnlySpan<byte> host = default, contentType = default, contentEncoding = default;
        bool hasTransferEncoding = false, hasContentLength = false;
        int pos = firstLineTotal;
        int lines = 0;
        while (pos < head.BodyOffset)
        {
            int nl = msg[pos..].IndexOf((byte)'\n');
            int lineTotal = nl < 0 ? msg.Length - pos : nl + 1;
            var line = msg.Slice(pos, lineTotal);
            var content = line.TrimEnd("\r\n"u8);
            if (content.IsEmpty)
            {
                if (sink.WantsTree) sink.AddText(FieldFormatter.Text(line), offset + pos, lineTotal);
                pos += lineTotal;
                break;
            }
            if (++lines > HttpFramer.MaxHeaderLines)
            {
                Notes.Add(ref ctx, ref sink, HttpFields.TooManyHeaders, offset + pos, head.BodyOffset - pos);
                pos = head.BodyOffset;
                break;
            }
            sink.AddBytes(isResponse ? HttpFields.ResponseLine : HttpFields.RequestLine, offset + pos, lineTotal, line, FieldFlags.Hidden);
            int colon = content.IndexOf((byte)':');
            if (colon > 0 && HttpHeaderTable.TryFind(content[..colon].TrimEnd((byte)' '), out var field, out var kind))
            {
                var value = content[(colon + 1)..].Trim(" \t"u8);
                sink.AddBytes(field, offset + pos, lineTotal, value);
                if (sink.WantsTree) sink.SetLabel(FieldFormatter.Text(line));
                switch (kind)
                {
                    case HttpHeaderKind.Host: host = value; break;
                    case HttpHeaderKind.ContentType: contentType = value; break;
                    case HttpHeaderKind.ContentEncoding: contentEncoding = value; break;
                    case HttpHeaderKind.TransferEncoding: hasTransferEncoding = true; break;
                    case HttpHeaderKind.ContentLength:
                        hasContentLength = true;
                        if (Utf8Parser.TryParse(value, out ulong n, out int used) && used == value.Length)
                        {
                            sink.Push();
                            sink.AddUInt(HttpFields.ContentLength, offset + pos, lineTotal, n, FieldFlags.Generated);
                            sink.Pop();
                        }
                        break;
                    case HttpHeaderKind.Cookie:
                        CookiePairs(value, offset + pos + (int)(value.Length > 0 ? IndexOf(line, value) : 0), ref sink);
                        break;
                    case HttpHeaderKind.Authorization:
                        BasicCredentials(value, offset + pos, lineTotal, ref sink);
                        break;
                }
            }
            else if (sink.WantsTree)
            {
                sink.AddText(FieldFormatter.Text(line), offset + pos, lineTotal);
            }
            pos += lineTotal;
        }
        if (hasTransferEncoding && hasContentLength) Notes.Add(ref ctx, ref sink, HttpFields.TeAndLength, offset, 0);

        if (info is not null && !contentType.IsEmpty)
        {
            var media = MediaType(contentType);
            info.Append(" (").AppendAscii(media).Append(')');
        }

        // Matching and generated fields.
        Span<byte> fullUri = stackalloc byte[0];
        byte[]? rented = null;
        if (!isResponse && !host.IsEmpty)
        {
            int size = 7 + host.Length + uri.Length;
            rented = size > 512 ? System.Buffers.ArrayPool<byte>.Shared.Rent(size) : null;
            fullUri = rented is not null ? rented.AsSpan(0, size) : stackalloc byte[size];
            "http://"u8.CopyTo(fullUri);
            host.CopyTo(fullUri[7..]);
            uri.CopyTo(fullUri[(7 + host.Length)..]);
            sink.AddBytes(HttpFields.FullUri, offset, 0, fullUri, FieldFlags.Generated);
        }
        HttpMatch match = default;
        if (ctx.Analyzer is { } analyzer && !ctx.InErrorPacket)
        {
            var key = ConversationKey.From(keyFrame, ctx.Layers, isResponse);
            bool isHead = !isResponse && firstLine.StartsWith("HEAD "u8);
            analyzer.MatchHttp(ref ctx, key, isResponse, isHead, fullUri, out match);
            WriteMatch(in match, isResponse, offset, ref sink);
        }
        if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);

        // Body.
        int bodyLength = length - head.BodyOffset;
        DecodedEntity? decodedEntity = null;
        if (bodyLength > 0 && head.Body != HttpBodyKind.None)
        {
            decodedEntity = HttpBodyView.Dissect(msg.Slice(head.BodyOffset, bodyLength), offset + head.BodyOffset, head.Body == HttpBodyKind.Chunked,
                contentType, contentEncoding, sourceId, ref ctx, ref sink);
        }
        sink.Pop();

        // "Line-based text data" follows the HTTP item, over the decoded entity when there is one.
        if (decodedEntity is not null)
        {
            if (decodedEntity.Source != 0) sink.UseDataSource(decodedEntity.Source);
            // Without a data source of its own the decoded text points at the encoded body, with no length.
            HttpBodyView.TextLines(decodedEntity.Data, decodedEntity.Source != 0 ? 0 : offset + head.BodyOffset, contentType, ref ctx, ref sink,
                itemsHaveLength: decodedEntity.Source != 0);
            if (decodedEntity.Source != 0) sink.UseDataSource(sourceId);
        }
        else if (bodyLength > 0 && head.Body != HttpBodyKind.None)
        {
            HttpBodyView.TextLines(msg.Slice(head.BodyOffset, bodyLength), offset + head.BodyOffset, contentType, ref ctx, ref sink);
        }
        return DissectStatus.Complete;
    }

    // request-line = method SP request-target SP HTTP-version
    private static Range RequestLine<TSink>(ReadOnlySpan<byte> line, int offset, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        int sp1 = line.IndexOf((byte)' ');
        if (sp1 < 0) return new Range(0, 0);
        sink.AddBytes(HttpFields.Method, offset, sp1, line[..sp1]);
        int uriStart = sp1 + 1;
        int sp2 = line[uriStart..].LastIndexOf((byte)' ');
        int uriEnd = sp2 < 0 ? line.Length : uriStart + sp2;
        var uri = line[uriStart..uriEnd];
        sink.AddBytes(HttpFields.Uri, offset + uriStart, uri.Length, uri);
        int q = uri.IndexOf((byte)'?');
        if (q >= 0)
        {
            sink.Push();
            sink.AddBytes(HttpFields.UriPath, offset + uriStart, q, uri[..q]);
            var query = uri[(q + 1)..];
            int queryAt = offset + uriStart + q + 1;
            sink.AddBytes(HttpFields.UriQuery, queryAt, query.Length, query);
            sink.Push();
            int p = 0;
            for (int count = 0; p <= query.Length && count < HttpFramer.MaxHeaderLines; count++)
            {
                int amp = query[p..].IndexOf((byte)'&');
                int end = amp < 0 ? query.Length : p + amp;
                sink.AddBytes(HttpFields.UriQueryParameter, queryAt + p, end - p, query[p..end]);
                if (amp < 0) break;
                p = end + 1;
            }
            sink.Pop();
            sink.Pop();
        }
        if (sp2 >= 0)
        {
            var version = line[(uriEnd + 1)..];
            sink.AddBytes(HttpFields.RequestVersion, offset + uriEnd + 1, version.Length, version);
        }
        return new Range(uriStart, uriEnd);
    }

    // status-line = HTTP-version SP status-code SP [ reason-phrase ]
    private static void StatusLine<TSink>(ReadOnlySpan<byte> line, int offset, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        int sp1 = line.IndexOf((byte)' ');
        if (sp1 < 0) return;
        sink.AddBytes(HttpFields.ResponseVersion, offset, sp1, line[..sp1]);
        var rest = line[(sp1 + 1)..];
        int sp2 = rest.IndexOf((byte)' ');
        var codeText = sp2 < 0 ? rest : rest[..sp2];
        if (Utf8Parser.TryParse(codeText, out ushort code, out int used) && used == codeText.Length)
        {
            sink.AddUInt(HttpFields.Code, offset + sp1 + 1, codeText.Length, code);
            if (sink.WantsTree || sink.Wants(HttpFields.CodeDescription))
            {
                string? description = HttpStatusCodes.Descriptions.Find(code);
                if (description is not null)
                    sink.AddBytes(HttpFields.CodeDescription, offset + sp1 + 1, codeText.Length, Encoding.ASCII.GetBytes(description), FieldFlags.Generated);
            }
        }
        if (sp2 >= 0)
        {
            var phrase = rest[(sp2 + 1)..];
            sink.AddBytes(HttpFields.Phrase, offset + sp1 + 1 + sp2 + 1, phrase.Length, phrase);
        }
    }

    private static void CookiePairs<TSink>(ReadOnlySpan<byte> value, int offset, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        sink.Push();
        int p = 0;
        for (int count = 0; p < value.Length && count < HttpFramer.MaxHeaderLines; count++)
        {
            int semi = value[p..].IndexOf((byte)';');
            int end = semi < 0 ? value.Length : p + semi;
            var pair = value[p..end];
            int lead = pair.Length - pair.TrimStart((byte)' ').Length;
            pair = pair.Trim((byte)' ');
            if (!pair.IsEmpty) sink.AddBytes(HttpFields.CookiePair, offset + p + lead, pair.Length, pair);
            if (semi < 0) break;
            p = end + 1;
        }
        sink.Pop();
    }

    private static void BasicCredentials<TSink>(ReadOnlySpan<byte> value, int offset, int length, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (!value.StartsWith("Basic "u8) || !(sink.WantsTree || sink.Wants(HttpFields.AuthBasic))) return;
        var encoded = value[6..].Trim((byte)' ');
        Span<byte> decoded = stackalloc byte[Math.Min(1024, Base64.GetMaxDecodedFromUtf8Length(encoded.Length))];
        if (encoded.Length > 1360) return;
        if (Base64.DecodeFromUtf8(encoded, decoded, out _, out int written) != System.Buffers.OperationStatus.Done) return;
        sink.Push();
        sink.AddBytes(HttpFields.AuthBasic, offset, length, decoded[..written]);
        sink.Pop();
    }

    private static void WriteMatch<TSink>(in HttpMatch match, bool isResponse, int offset, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (match.Number == 0) return;
        if (!isResponse)
        {
            sink.AddUInt(HttpFields.RequestNumber, offset, 0, match.Number, FieldFlags.Generated);
            if (sink.WantsTree) sink.SetLabel($"[HTTP request {match.Number}/{match.Count}]");
            if (match.PreviousFrame != 0) sink.AddUInt(HttpFields.PrevRequestIn, offset, 0, match.PreviousFrame, FieldFlags.Generated);
            if (match.ResponseFrame != 0) sink.AddUInt(HttpFields.ResponseIn, offset, 0, match.ResponseFrame, FieldFlags.Generated);
            if (match.NextFrame != 0) sink.AddUInt(HttpFields.NextRequestIn, offset, 0, match.NextFrame, FieldFlags.Generated);
            return;
        }
        sink.AddUInt(HttpFields.ResponseNumber, offset, 0, match.Number, FieldFlags.Generated);
        if (sink.WantsTree) sink.SetLabel($"[HTTP response {match.Number}/{match.Count}]");
        if (match.PreviousFrame != 0) sink.AddUInt(HttpFields.PrevResponseIn, offset, 0, match.PreviousFrame, FieldFlags.Generated);
        if (match.NextFrame != 0) sink.AddUInt(HttpFields.NextResponseIn, offset, 0, match.NextFrame, FieldFlags.Generated);
        if (match.RequestFrame != 0)
        {
            sink.AddTime(HttpFields.Time, offset, 0, match.TimeNs, FieldFlags.Generated);
            sink.AddUInt(HttpFields.RequestIn, offset, 0, match.RequestFrame, FieldFlags.Generated);
            if (!match.RequestUri.IsEmpty) sink.AddBytes(HttpFields.ResponseForUri, offset, 0, match.RequestUri.Span, FieldFlags.Generated);
        }
    }

    /// <summary>"text/html; charset=UTF-8" → "text/html" (what the Info column shows).</summary>
    public static ReadOnlySpan<byte> MediaType(ReadOnlySpan<byte> contentType)
    {
        int semi = contentType.IndexOf((byte)';');
        return (semi < 0 ? contentType : contentType[..semi]).Trim((byte)' ');
    }

    private static int LineTotal(ReadOnlySpan<byte> msg, int start, int contentLength)
    {
        int end = start + contentLength;
        if (end < msg.Length && msg[end] == '\r') end++;
        if (end < msg.Length && msg[end] == '\n') end++;
        return end - start;
    }

    private static int IndexOf(ReadOnlySpan<byte> line, ReadOnlySpan<byte> value)
    {
        int i = line.IndexOf(value);
        return i < 0 ? 0 : i;
    }
}
