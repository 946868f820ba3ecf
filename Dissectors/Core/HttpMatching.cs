namespace Sniffer.Dissectors.Core;

/// <summary>One HTTP connection, client and server as seen on a request (a response swaps its endpoints).</summary>
public readonly record struct HttpConversationKey(UInt128 Client, UInt128 Server, ushort ClientPort, ushort ServerPort)
{
    public static HttpConversationKey From(ReadOnlySpan<byte> frame, in LayerInfo layers, bool isResponse)
    {
        UInt128 src = EndpointAddress.Read(frame, layers.AddressKind, layers.SrcAddressOffset);
        UInt128 dst = EndpointAddress.Read(frame, layers.AddressKind, layers.DstAddressOffset);
        return isResponse
            ? new HttpConversationKey(dst, src, layers.DstPort, layers.SrcPort)
            : new HttpConversationKey(src, dst, layers.SrcPort, layers.DstPort);
    }
}

/// <summary>What the HTTP transaction table says about one message (requests and responses pair up in order).</summary>
public struct HttpMatch
{
    /// <summary>On a response: the frame of its request (http.request_in); 0 when none is known.</summary>
    public uint RequestFrame;
    /// <summary>On a request: the frame of its response (http.response_in); known only on a revisit.</summary>
    public uint ResponseFrame;
    /// <summary>http.time, valid when <see cref="RequestFrame"/> is set.</summary>
    public long TimeNs;
    /// <summary>This message's number among the requests (or responses) of its connection, from 1.</summary>
    public uint Number;
    /// <summary>How many requests (or responses) the connection had when this one was first seen.</summary>
    public uint Count;
    /// <summary>The previous request (or response) of the connection (http.prev_request_in / prev_response_in).</summary>
    public uint PreviousFrame;
    /// <summary>The next one, known only on a revisit (http.next_request_in / next_response_in).</summary>
    public uint NextFrame;
    /// <summary>On a response: the full URI of its request (http.response_for.uri).</summary>
    public ReadOnlyMemory<byte> RequestUri;
}
