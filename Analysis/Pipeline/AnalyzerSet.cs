using Sniffer.Analysis.Dns;
using Sniffer.Analysis.Http;
using Sniffer.Analysis.Ip;
using Sniffer.Analysis.Tls;
using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Pipeline;

/// <summary>
/// The stateful analyses of one pass, behind the single <see cref="IPacketAnalyzer"/> seam the
/// dissectors see: TCP (when an analyzer is given), DNS/HTTP/TLS matching and IP fragment reassembly. Keeping each
/// analysis in its own class lets them be built and tested apart.
/// </summary>
public sealed class AnalyzerSet : IPacketAnalyzer
{
    private readonly IPacketAnalyzer? _tcp;

    public AnalyzerSet(IPacketAnalyzer? tcp = null) => _tcp = tcp;

    /// <summary>The TCP analysis inside the set (streams, reassembly), for the statistics that read it.</summary>
    public IPacketAnalyzer? Tcp => _tcp;

    public DnsTransactionTable Dns { get; } = new();
    public HttpTransactionTable Http { get; } = new();
    public TlsSessionTable Tls { get; } = new();
    public FragmentTable IpFragments { get; } = new();

    public IFragmentReassembler? Fragments => IpFragments;

    public void AnalyzeTcp(ReadOnlySpan<byte> frame, ref PacketContext ctx, in TcpSegment segment, out TcpAnalysis analysis)
    {
        if (_tcp is not null) _tcp.AnalyzeTcp(frame, ref ctx, segment, out analysis);
        else analysis = default;
    }

    public void MatchDns(ref PacketContext ctx, in DnsTransactionKey key, bool isResponse, out DnsMatch match) =>
        Dns.Match(ctx.FrameNumber, ctx.Frame.TimestampNs, key, isResponse, out match);

    public void MatchHttp(ref PacketContext ctx, in ConversationKey key, bool isResponse, bool isHeadRequest, ReadOnlySpan<byte> fullUri, out HttpMatch match) =>
        Http.Match(ctx.FrameNumber, ctx.Frame.TimestampNs, key, isResponse, isHeadRequest, fullUri, out match);

    public bool HttpAwaitsHeadResponse(in ConversationKey key) => Http.AwaitsHeadResponse(key);

    public TlsSessionState TlsSession(ref PacketContext ctx, in ConversationKey key) => Tls.Begin(ctx.FrameNumber, key);

    public void UpdateTlsSession(ref PacketContext ctx, in ConversationKey key, in TlsSessionState state) => Tls.End(ctx.FrameNumber, key, state);

    public bool IsTlsConversation(in ConversationKey key) => Tls.IsTls(key);

    private readonly Dictionary<ConversationKey, PduStream> _streams = new();

    public PduStream? PduStream(in ConversationKey direction)
    {
        if (!_streams.TryGetValue(direction, out var stream))
        {
            stream = new PduStream();
            _streams.Add(direction, stream);
        }
        return stream;
    }
}
