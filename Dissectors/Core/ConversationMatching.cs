namespace Sniffer.Dissectors.Core;

/// <summary>
/// One connection between two endpoints. <see cref="From"/> orders them client first, as seen on a
/// request (a response swaps them); <see cref="Unordered"/> orders them by value, for state that
/// does not know yet which side is which (TLS).
/// </summary>
// Pack 4: 36 bytes, so that a key embedding it (DnsTransactionKey) can use the 4 bytes a 64-bit alignment would pad.
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Pack = 4)]
public readonly record struct ConversationKey
{
    // Halves, not UInt128: a key of every HTTP, TLS and UDP conversation (see PackedUInt128).
    private readonly PackedUInt128 _client, _server;

    public ConversationKey(UInt128 client, UInt128 server, ushort clientPort, ushort serverPort)
    {
        _client = new(client);
        _server = new(server);
        ClientPort = clientPort;
        ServerPort = serverPort;
    }

    public UInt128 Client { get => _client.Value; init => _client = new(value); }
    public UInt128 Server { get => _server.Value; init => _server = new(value); }
    public ushort ClientPort { get; init; }
    public ushort ServerPort { get; init; }

    /// <summary>The same key whichever direction the packet goes; <paramref name="fromFirst"/> says whether its source is the key's first endpoint.</summary>
    public static ConversationKey Unordered(ReadOnlySpan<byte> frame, in LayerInfo layers, out bool fromFirst)
    {
        UInt128 src = EndpointAddress.Read(frame, layers.AddressKind, layers.SrcAddressOffset);
        UInt128 dst = EndpointAddress.Read(frame, layers.AddressKind, layers.DstAddressOffset);
        fromFirst = src < dst || (src == dst && layers.SrcPort <= layers.DstPort);
        return fromFirst
            ? new ConversationKey(src, dst, layers.SrcPort, layers.DstPort)
            : new ConversationKey(dst, src, layers.DstPort, layers.SrcPort);
    }

    public static ConversationKey From(ReadOnlySpan<byte> frame, in LayerInfo layers, bool isResponse)
    {
        UInt128 src = EndpointAddress.Read(frame, layers.AddressKind, layers.SrcAddressOffset);
        UInt128 dst = EndpointAddress.Read(frame, layers.AddressKind, layers.DstAddressOffset);
        return isResponse
            ? new ConversationKey(dst, src, layers.DstPort, layers.SrcPort)
            : new ConversationKey(src, dst, layers.SrcPort, layers.DstPort);
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

/// <summary>
/// What a TLS connection has established so far, as the dissector needs it to label records: the
/// negotiated version, which sides have switched to encryption, and the negotiated ALPN protocol.
/// </summary>
public struct TlsSessionState
{
    /// <summary>Negotiated version (0x0304 for TLS 1.3), 0 while unknown.</summary>
    public ushort Version;
    /// <summary>The first endpoint (see <see cref="ConversationKey.Unordered"/>) sent ChangeCipherSpec or moved to TLS 1.3 keys.</summary>
    public bool FirstEncrypted;
    public bool SecondEncrypted;
    /// <summary>The first endpoint is the client (it sent the ClientHello).</summary>
    public bool FirstIsClient;
    public bool ClientKnown;
    /// <summary>The ALPN protocol the server chose: 1 for http/1.1, 2 for h2, 0 otherwise.</summary>
    public byte Alpn;
}
