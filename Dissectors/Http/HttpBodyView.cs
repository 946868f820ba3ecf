using System.Text;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Http;

/// <summary>
/// The body part of the HTTP tree: chunks, the decoded entity ("File Data") and, for text, the
/// "Line-based text data" pseudo-protocol. Decoding happens only when a tree or http.file_data is
/// wanted; decoded bytes become a data source of their own, as in Wireshark.
/// </summary>
/// <summary>A body de-chunked or decompressed for display, and the data source holding it (0 if none).</summary>
internal sealed record DecodedEntity(byte[] Data, int Source);

internal static class HttpBodyView
{
    /// <returns>The decoded entity and its data source when a tree is built and the body had to be decoded; else null.</returns>
    public static DecodedEntity? Dissect<TSink>(ReadOnlySpan<byte> body, int offset, bool chunked, ReadOnlySpan<byte> contentType,
        ReadOnlySpan<byte> contentEncoding, int sourceId, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        bool wantBody = sink.WantsTree || sink.Wants(HttpFields.FileData);
        if (chunked) Chunks(body, offset, ref sink);
        if (!wantBody) return null;

        ReadOnlySpan<byte> entity = body;
        byte[]? dechunked = null;
        if (chunked)
        {
            dechunked = HttpBody.Dechunk(body);
            entity = dechunked;
        }
        byte[]? decoded = null;
        if (!contentEncoding.IsEmpty && !Ascii.EqualsIgnoreCase(contentEncoding, "identity"u8))
        {
            decoded = HttpBody.Decode(entity, contentEncoding);
            if (decoded is null)
            {
                Notes.Add(ref ctx, ref sink, HttpFields.DecompressionFailed, offset, body.Length);
            }
            else if (sink.WantsTree)
            {
                sink.AddText($"Content-encoded entity body ({Encoding.ASCII.GetString(contentEncoding)}): {entity.Length} bytes -> {decoded.Length} bytes", offset, body.Length);
            }
        }

        var shown = decoded ?? (ReadOnlySpan<byte>)entity;
        int newSource = 0;
        if (sink.WantsTree && (decoded is not null || dechunked is not null) && ctx.Sources is not null)
        {
            string name = decoded is not null ? $"Uncompressed entity body ({decoded.Length} bytes)" : $"De-chunked entity body ({dechunked!.Length} bytes)";
            newSource = ctx.Sources.Add(name, (decoded ?? dechunked)!);
        }
        if (newSource != 0) sink.UseDataSource(newSource);
        int at = newSource != 0 ? 0 : offset;
        int span = body.Length;
        if (newSource != 0) span = shown.Length;
        sink.AddBytes(HttpFields.FileData, at, span, shown);
        if (sink.WantsTree) sink.SetLabel($"File Data: {shown.Length} bytes");
        if (newSource != 0) sink.UseDataSource(sourceId);

        if (sink.WantsTree && (decoded ?? dechunked) is { } entityBytes) return new DecodedEntity(entityBytes, newSource);
        return null;
    }

    /// <summary>
    /// "Line-based text data: text/html (15 lines)" after the HTTP protocol item, for text/* bodies
    /// (the decoded entity when the body was chunked or compressed).
    /// </summary>
    public static void TextLines<TSink>(ReadOnlySpan<byte> body, int offset, ReadOnlySpan<byte> contentType, ref PacketContext ctx, ref TSink sink,
        bool itemsHaveLength = true)
        where TSink : struct, IFieldSink
    {
        if (!sink.WantsTree) return;
        var media = HttpDissector.MediaType(contentType);
        if (!media.StartsWith("text/"u8) || Ascii.EqualsIgnoreCase(media, "text/xml"u8)) return;
        ctx.Protocols?.Add("data-text-lines");
        var lines = new List<(int Start, int Length)>();
        int pos = 0;
        while (pos < body.Length && lines.Count < HttpFramer.MaxHeaderLines)
        {
            int nl = body[pos..].IndexOf((byte)'\n');
            int len = nl < 0 ? body.Length - pos : nl + 1;
            lines.Add((pos, len));
            pos += len;
        }
        sink.PushProtocol(HttpFields.TextLines, offset, itemsHaveLength ? body.Length : 0);
        sink.SetLabel($"Line-based text data: {Encoding.ASCII.GetString(media)} ({lines.Count} lines)");
        foreach (var (start, len) in lines)
            sink.AddText(FieldFormatter.Text(body.Slice(start, len)), itemsHaveLength ? offset + start : offset, itemsHaveLength ? len : 0);
        sink.Pop();
    }

    //   chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
    private static void Chunks<TSink>(ReadOnlySpan<byte> body, int offset, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (sink.WantsTree)
        {
            sink.AddText("HTTP chunked response", offset, body.Length);
        }
        sink.Push();
        int pos = 0;
        for (int chunks = 0; pos < body.Length && chunks < 100_000; chunks++)
        {
            int nl = body[pos..].IndexOf((byte)'\n');
            if (nl < 0) break;
            long size = HttpFramer.ParseChunkSize(body.Slice(pos, nl));
            if (size < 0) break;
            int headerLength = nl + 1;
            if (size == 0)
            {
                if (sink.WantsTree) sink.AddText("End of chunked encoding", offset + pos, headerLength);
                sink.Push();
                sink.AddUInt(HttpFields.ChunkSize, offset + pos, headerLength, 0);
                if (sink.WantsTree) sink.SetLabel("Chunk size: 0 octets");
                sink.Pop();
                pos += headerLength;
                if (pos < body.Length && sink.WantsTree) sink.AddText(FieldFormatter.Text(body[pos..]), offset + pos, body.Length - pos);
                break;
            }
            int dataAt = pos + headerLength;
            int take = (int)Math.Min(size, Math.Max(0, body.Length - dataAt));
            int boundary = 0;
            if (dataAt + take < body.Length && body[dataAt + take] == '\r') boundary++;
            if (dataAt + take + boundary < body.Length && body[dataAt + take + boundary] == '\n') boundary++;
            if (sink.WantsTree) sink.AddText($"Data chunk ({size} octets)", offset + pos, headerLength + take + boundary);
            sink.Push();
            sink.AddUInt(HttpFields.ChunkSize, offset + pos, headerLength, (ulong)size);
            if (sink.WantsTree) sink.SetLabel($"Chunk size: {size} octets");
            sink.AddBytes(HttpFields.ChunkData, offset + dataAt, take, body.Slice(dataAt, take));
            if (boundary > 0) sink.AddBytes(HttpFields.ChunkBoundary, offset + dataAt + take, boundary, body.Slice(dataAt + take, boundary));
            sink.Pop();
            pos = dataAt + take + boundary;
        }
        sink.Pop();
    }
}
