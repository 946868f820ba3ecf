using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Http;

/// <summary>
/// HTTP over a TCP stream: splits the stream data into messages (pipelined requests, keep-alive
/// responses), asks the stream layer for more bytes when a message does not end in the data
/// ("a message belongs to the frame that completes it"), and dissects each whole message.
/// </summary>
public static class HttpTcp
{
    /// <summary>tshark's default http.tcp.port range.</summary>
    public static bool IsHttpPort(ushort port) => port is 80 or 3128 or 3132 or 5985 or 8080 or 8088 or 11371 or 1900 or 2869 or 2710;

    public static DissectStatus Dissect<TSink>(StreamPayload payload, int offset, int end, ref PacketContext ctx, ref TSink sink,
        ref DesegmentRequest desegment, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "HTTP";
        var data = payload.Data;
        end = Math.Min(end, data.Length);
        bool first = true;
        for (int messages = 0; offset < end && messages < HttpFramer.MaxHeaderLines; messages++)
        {
            var rest = data[offset..end];
            if (!HttpFramer.Probe(rest))
            {
                if (!first) break;
                if (payload.CanDesegment && rest.Length < 16 && LooksLikeStartOfHttp(rest))
                {
                    desegment.Request(offset, DesegmentRequest.OneMoreSegment);
                    return DissectStatus.Complete;
                }
                Continuation(rest, offset, ref ctx, ref sink);
                return DissectStatus.Complete;
            }
            bool awaitsHead = false;
            if (HttpFramer.StartLineKind(rest, out _) == HttpStartLine.Response && ctx.Analyzer is { } analyzer && !ctx.InErrorPacket)
                awaitsHead = analyzer.HttpAwaitsHeadResponse(ConversationKey.From(payload.Frame, ctx.Layers, isResponse: true));
            var measure = HttpFramer.Measure(rest, awaitsHead, out var head);
            int length;
            if (measure.NeedsMore)
            {
                if (payload.CanDesegment)
                {
                    // tshark names the message in the Info column of its first segment when the
                    // start line is already there ("HTTP/1.1 200 OK  [TCP segment of a reassembled PDU]").
                    if (first && head.FirstLineLength > 0) ctx.Info?.Set("").AppendAscii(rest[..head.FirstLineLength]).Append(' ');
                    desegment.Request(offset, measure.MoreBytes);
                    // A body of known length: past its first bytes, only body fields read it.
                    if (head.Body == HttpBodyKind.ContentLength && measure.MoreBytes > 0)
                        desegment.OpaqueFrom = offset + head.BodyOffset + HttpMediaSummary.BodyBytesRead;
                    return DissectStatus.Complete;
                }
                // No reassembly: show the part that is here.
                HttpFramer.CompletePartialHead(rest, ref head);
                length = rest.Length;
            }
            else length = measure.Length;
            if (length <= 0) break;

            if (first) ctx.Info?.Set("");
            HttpDissector.DissectMessage(data, offset, length, head, payload.Frame, payload.SourceId, ref ctx, ref sink);
            offset += length;
            first = false;
        }
        return DissectStatus.Complete;
    }

    /// <summary>A few bytes that could still become a request or status line once the rest arrives.</summary>
    private static bool LooksLikeStartOfHttp(ReadOnlySpan<byte> data)
    {
        foreach (byte b in data) if (b is (byte)'\r' or (byte)'\n') return false;
        return data.Length > 0 && (("HTTP/1."u8.StartsWith(data[..Math.Min(data.Length, 7)])) || (data[0] is >= (byte)'A' and <= (byte)'Z'));
    }

    /// <summary>Stream data that does not start a message: the rest of an earlier body (tshark's "Continuation").</summary>
    private static void Continuation<TSink>(ReadOnlySpan<byte> data, int offset, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        ctx.Protocols?.Add("http");
        if (!ctx.InErrorPacket)
        {
            ctx.Protocol = "HTTP";
            ctx.Info?.Set("Continuation");
        }
        sink.PushProtocol(HttpFields.Http, offset, data.Length);
        sink.AddBytes(HttpFields.FileData, offset, data.Length, data);
        if (sink.WantsTree) sink.SetLabel($"File Data: {data.Length} bytes");
        sink.Pop();
    }
}
