namespace Sniffer.Dissectors.Core;

/// <summary>
/// Identifies one DNS transaction across packets: the client and server endpoints (as seen on the
/// request) and the transaction id. A response builds the same key with its endpoints swapped.
/// Addresses are held as 128-bit numbers (IPv4 zero-extended) so the key is a plain value.
/// </summary>
// Pack 4: the id and transport fill what would otherwise be the endpoints' padding (40 bytes, not 48).
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Pack = 4)]
public readonly record struct DnsTransactionKey
{
    private readonly ConversationKey _endpoints;

    public DnsTransactionKey(UInt128 client, UInt128 server, ushort clientPort, ushort serverPort, ushort id, TransportKind transport)
    {
        _endpoints = new(client, server, clientPort, serverPort);
        Id = id;
        Transport = transport;
    }

    public UInt128 Client { get => _endpoints.Client; init => _endpoints = _endpoints with { Client = value }; }
    public UInt128 Server { get => _endpoints.Server; init => _endpoints = _endpoints with { Server = value }; }
    public ushort ClientPort { get => _endpoints.ClientPort; init => _endpoints = _endpoints with { ClientPort = value }; }
    public ushort ServerPort { get => _endpoints.ServerPort; init => _endpoints = _endpoints with { ServerPort = value }; }
    public ushort Id { get; init; }
    public TransportKind Transport { get; init; }

    /// <summary>The key for a message whose addresses and ports the lower layers left in <paramref name="layers"/>.</summary>
    public static DnsTransactionKey From(ReadOnlySpan<byte> frame, in LayerInfo layers, ushort id, bool isResponse)
    {
        UInt128 src = EndpointAddress.Read(frame, layers.AddressKind, layers.SrcAddressOffset);
        UInt128 dst = EndpointAddress.Read(frame, layers.AddressKind, layers.DstAddressOffset);
        return isResponse
            ? new DnsTransactionKey(dst, src, layers.DstPort, layers.SrcPort, id, layers.Transport)
            : new DnsTransactionKey(src, dst, layers.SrcPort, layers.DstPort, id, layers.Transport);
    }
}

/// <summary>A network address as a number, for keys that must not allocate.</summary>
public static class EndpointAddress
{
    /// <summary>The address at <paramref name="offset"/> (zero when the frame does not hold it).</summary>
    public static UInt128 Read(ReadOnlySpan<byte> frame, AddressKind kind, int offset)
    {
        int length = kind switch { AddressKind.Ether => 6, AddressKind.IPv4 => 4, AddressKind.IPv6 => 16, _ => 0 };
        if (length == 0 || offset < 0 || offset + length > frame.Length) return 0;
        UInt128 value = 0;
        foreach (byte b in frame.Slice(offset, length)) value = (value << 8) | b;
        return value;
    }
}

/// <summary>What the transaction table says about one DNS message (Wireshark's dns_transaction_t as seen from a frame).</summary>
public struct DnsMatch
{
    /// <summary>On a response: the frame of the request it answers (dns.response_to); 0 when unsolicited.</summary>
    public uint RequestFrame;
    /// <summary>On a request: the frame of its response (dns.response_in); known only on a revisit (single pass leaves it 0).</summary>
    public uint ResponseFrame;
    /// <summary>Response time (dns.time), valid when <see cref="RequestFrame"/> is set.</summary>
    public long TimeNs;
    /// <summary>A request repeating an unanswered one, or a second response to one request.</summary>
    public bool Retransmission;
    /// <summary>The first request (or response) of which this one is a retransmission.</summary>
    public uint OriginalFrame;
    /// <summary>A response for which no request was seen.</summary>
    public readonly bool Unsolicited => RequestFrame == 0;
}
