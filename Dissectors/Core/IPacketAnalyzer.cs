namespace Sniffer.Dissectors.Core;

/// <summary>
/// The seam between pure dissectors and the stateful analysis layer (implemented in Sniffer.Analysis).
/// The TCP dissector calls it after parsing a header and before writing its fields, so the tree can
/// show stream numbers, relative sequence numbers and analysis flags where Wireshark shows them.
/// An analyzer changes state only the first time it sees a frame; later visits read what it stored.
/// </summary>
public interface IPacketAnalyzer
{
    void AnalyzeTcp(ReadOnlySpan<byte> frame, ref PacketContext ctx, in TcpSegment segment, out TcpAnalysis analysis);

    /// <summary>IP fragment reassembly, when this analysis does it (null: fragments stay fragments).</summary>
    IFragmentReassembler? Fragments => null;

    /// <summary>
    /// Matches DNS requests and responses (dns.response_in / response_to / time / retransmission).
    /// Called once per DNS message, after its header is read; <paramref name="multipleResponses"/> says
    /// a question asks for a zone transfer (several responses are then not retransmissions). The default
    /// knows nothing, so an analyzer that only does TCP need not implement it; see Analysis/Dns/DnsTransactionTable.
    /// </summary>
    void MatchDns(ref PacketContext ctx, in DnsTransactionKey key, bool isResponse, bool multipleResponses, out DnsMatch match) => match = default;

    /// <summary>
    /// Pairs HTTP/1.x requests and responses of one connection in order (pipelining keeps the order).
    /// Called once per complete message, in the frame that completes it; <paramref name="fullUri"/> is
    /// the request's http.request.full_uri (empty for a response). Default: no matching.
    /// </summary>
    void MatchHttp(ref PacketContext ctx, in ConversationKey key, bool isResponse, bool isHeadRequest, ReadOnlySpan<byte> fullUri, out HttpMatch match) => match = default;

    /// <summary>True when the oldest unanswered request of the connection was a HEAD (its response has no body).</summary>
    bool HttpAwaitsHeadResponse(in ConversationKey key) => false;

    /// <summary>
    /// The TLS session state of a connection (key from <see cref="ConversationKey.Unordered"/>) as it
    /// was when this frame's records begin; a revisit gets the same answer as the first visit.
    /// </summary>
    TlsSessionState TlsSession(ref PacketContext ctx, in ConversationKey key) => default;

    /// <summary>Stores what this frame's records established (first visit only; later calls are ignored).</summary>
    void UpdateTlsSession(ref PacketContext ctx, in ConversationKey key, in TlsSessionState state) { }

    /// <summary>True once TLS was seen on the connection: later segments on any port are TLS too.</summary>
    bool IsTlsConversation(in ConversationKey key) => false;

    /// <summary>
    /// The reassembly state of one direction of a TCP connection (key: source as client), or null
    /// when no reassembly is done: application PDUs are then dissected segment by segment.
    /// </summary>
    PduStream? PduStream(in ConversationKey direction) => null;

    /// <summary>QUIC connection tracking (which datagrams are QUIC, which connection, what decrypted); null: QUIC is shown without it.</summary>
    Quic.IQuicTracker? Quic => null;

    /// <summary>Numbers UDP conversations in order of appearance (udp.stream) and times datagrams within them.</summary>
    void AnalyzeUdp(ReadOnlySpan<byte> frame, ref PacketContext ctx, out UdpAnalysis analysis) => analysis = default;
}
