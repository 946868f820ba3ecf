using Sniffer.Analysis.Flows;
using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Web;

/// <summary>A moment on the wire: the frame and its time (ns since the capture's first frame).</summary>
public readonly record struct WireMark(uint Frame, long TimeNs)
{
    public bool IsSet => Frame != 0;
    public static readonly WireMark None = default;
}

/// <summary>An address from a DNS answer (A or AAAA).</summary>
public readonly record struct DnsAddress(UInt128 Value, AddressKind Kind)
{
    public override string ToString() => FlowKey.FormatAddress(Value, Kind);
}

/// <summary>One DNS answer: the name asked, every name in its answer chain, and the addresses it gave.</summary>
public sealed class DnsResolution
{
    public required string QueryName { get; init; }
    public List<string> Names { get; } = new();
    public List<DnsAddress> Addresses { get; } = new();
    public bool Resolves(UInt128 address, AddressKind kind)
    {
        foreach (var a in Addresses) if (a.Value == address && a.Kind == kind) return true;
        return false;
    }
    public WireMark Query { get; init; }
    public WireMark Response { get; init; }
    /// <summary>The connection it was first used for (later connections found the name already resolved).</summary>
    public WebConnection? UsedBy { get; set; }
}

/// <summary>One direction of a connection: where its next message starts in the byte stream.</summary>
public sealed class StreamDirection
{
    /// <summary>Relative sequence number of the next message's first byte; -1 until the first payload.</summary>
    public long NextMessageSeq = -1;
    /// <summary>The frame carrying the next message's first byte, once seen.</summary>
    public WireMark NextMessageStart;
    public WireMark FirstPayload, LastPayload;
    public long PayloadBytes;
    public long Frames, Bytes;
}

/// <summary>One TCP connection (tcp.stream) as the page load sees it: handshake, TLS, exchanges, trouble.</summary>
public sealed class WebConnection
{
    public required uint Stream { get; init; }
    public required AddressKind AddressKind { get; init; }
    public UInt128 ClientAddress, ServerAddress;
    public ushort ClientPort, ServerPort;
    public bool SawSyn;
    public WireMark Syn, SynAck, HandshakeAck, Rst, Fin, First, Last;
    public int SynRetransmissions;
    public bool ResetByServer;
    public readonly StreamDirection ToServer = new(), ToClient = new();

    public WireMark ClientHello, FirstClientAppData, FirstServerAppData;
    public string? Sni;
    public bool IsTls => ClientHello.IsSet;

    /// <summary>The URI of the connection's latest request (tshark names exported objects after it).</summary>
    public string? LastRequestUri;
    public string? LastHost;
    public readonly List<HttpExchange> Exchanges = new();

    /// <summary>Retransmitted frames, to count those inside each phase (the first few hundred per connection).</summary>
    public readonly List<uint> Retransmissions = new();
    public int RetransmissionsNotKept;
    public const int MaxRetransmissionsKept = 512;

    public bool Refused => SawSyn && !SynAck.IsSet && Rst.IsSet;
    public bool Established => HandshakeAck.IsSet || SynAck.IsSet || ToServer.FirstPayload.IsSet;
    public long HandshakeRttNs => Syn.IsSet && HandshakeAck.IsSet ? HandshakeAck.TimeNs - Syn.TimeNs : -1;

    public string Server => $"{Endpoint(ServerAddress)}:{ServerPort}";
    public string ServerIp => FlowKey.FormatAddress(ServerAddress, AddressKind);
    private string Endpoint(UInt128 a) => AddressKind == AddressKind.IPv6 ? $"[{FlowKey.FormatAddress(a, AddressKind)}]" : FlowKey.FormatAddress(a, AddressKind);

    /// <summary>Retransmitted frames between two frames (inclusive).</summary>
    public int RetransmissionsBetween(uint first, uint last)
    {
        int n = 0;
        foreach (var f in Retransmissions) if (f >= first && f <= last) n++;
        return n;
    }
}

/// <summary>One HTTP request and the response it got (if any), with the frames each phase began and ended in.</summary>
public sealed class HttpExchange
{
    public required WebConnection Connection { get; init; }
    /// <summary>1 for the connection's first request: only it pays for DNS and the handshake.</summary>
    public required int IndexOnConnection { get; init; }
    public required HttpMessage Request { get; init; }
    public WireMark RequestStart, RequestEnd;
    public HttpMessage? Response;
    public WireMark ResponseStart, ResponseEnd;
    public bool Answered => Response is not null;
}
