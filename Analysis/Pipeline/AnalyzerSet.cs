using Sniffer.Analysis.Dns;
using Sniffer.Analysis.Http;
using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Pipeline;

/// <summary>
/// The stateful analyses of one pass, behind the single <see cref="IPacketAnalyzer"/> seam the
/// dissectors see: TCP (when an analyzer is given) and DNS transaction matching. Keeping each
/// analysis in its own class lets them be built and tested apart.
/// </summary>
public sealed class AnalyzerSet : IPacketAnalyzer
{
    private readonly IPacketAnalyzer? _tcp;

    public AnalyzerSet(IPacketAnalyzer? tcp = null) => _tcp = tcp;

    public DnsTransactionTable Dns { get; } = new();
    public HttpTransactionTable Http { get; } = new();

    public void AnalyzeTcp(ReadOnlySpan<byte> frame, ref PacketContext ctx, in TcpSegment segment, out TcpAnalysis analysis)
    {
        if (_tcp is not null) _tcp.AnalyzeTcp(frame, ref ctx, segment, out analysis);
        else analysis = default;
    }

    public void MatchDns(ref PacketContext ctx, in DnsTransactionKey key, bool isResponse, out DnsMatch match) =>
        Dns.Match(ctx.FrameNumber, ctx.Frame.TimestampNs, key, isResponse, out match);

    public void MatchHttp(ref PacketContext ctx, in HttpConversationKey key, bool isResponse, bool isHeadRequest, ReadOnlySpan<byte> fullUri, out HttpMatch match) =>
        Http.Match(ctx.FrameNumber, ctx.Frame.TimestampNs, key, isResponse, isHeadRequest, fullUri, out match);

    public bool HttpAwaitsHeadResponse(in HttpConversationKey key) => Http.AwaitsHeadResponse(key);
}
