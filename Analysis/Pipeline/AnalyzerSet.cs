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

    private readonly bool _rememberFrames;

    /// <param name="rememberFrames">
    /// Keep what each frame's first visit produced (reassembled PDUs, UDP stream numbers) so a random-access
    /// revisit gets the same answer: the TUI needs it; the CLI's single pass does not, and saves the memory.
    /// </param>
    /// <param name="shareOf">
    /// The set is one of this many shards of a parallel read (<see cref="ShardKey"/>): its caps on UDP
    /// conversations, HTTP connections and reassembling directions are this share of one pass's.
    /// </param>
    public AnalyzerSet(IPacketAnalyzer? tcp = null, bool rememberFrames = true, int shareOf = 1)
    {
        _tcp = tcp;
        _rememberFrames = rememberFrames;
        _maxPduStreams = MaxPduStreams / shareOf;
        Udp = new Udp.UdpConversationTable((rememberFrames ? 1_000_000 : SinglePassMaxUdpConversations) / shareOf, rememberFrames);
        QuicConnections = new Quic.QuicConnectionTable(rememberFrames);
        Http = new HttpTransactionTable(rememberFrames, HttpTransactionTable.MaxConnections / shareOf);
        Dns = new DnsTransactionTable(rememberFrames);
        Tls = new TlsSessionTable(rememberFrames);
    }

    /// <summary>UDP conversations a single pass keeps (about 100 bytes each); past it the quietest tenth is forgotten.</summary>
    public const int SinglePassMaxUdpConversations = 50_000;

    /// <summary>The TCP analysis inside the set (streams, reassembly), for the statistics that read it.</summary>
    public IPacketAnalyzer? Tcp => _tcp;

    /// <summary>
    /// The capture was read to its end: the analyses drop state only a first pass needs (see
    /// <see cref="Sniffer.Analysis.Tcp.TcpAnalyzer.ReleaseFirstPassState"/>). Revisits answer as before.
    /// </summary>
    public void ReleaseFirstPassState()
    {
        if (_tcp is Sniffer.Analysis.Tcp.TcpAnalyzer tcp) tcp.ReleaseFirstPassState();
        Udp.ReleaseFirstPassState();
        Dns.ReleaseFirstPassState();
    }

    public DnsTransactionTable Dns { get; }
    public Udp.UdpConversationTable Udp { get; }

    public void AnalyzeUdp(ReadOnlySpan<byte> frame, ref PacketContext ctx, out UdpAnalysis analysis) =>
        Udp.Analyze(frame, ref ctx, out analysis);
    public HttpTransactionTable Http { get; }
    public TlsSessionTable Tls { get; }
    public Quic.QuicConnectionTable QuicConnections { get; }

    public Sniffer.Dissectors.Quic.IQuicTracker? Quic => QuicConnections;
    public FragmentTable IpFragments { get; } = new();

    public IFragmentReassembler? Fragments => IpFragments;

    public void AnalyzeTcp(ReadOnlySpan<byte> frame, ref PacketContext ctx, in TcpSegment segment, out TcpAnalysis analysis)
    {
        if (_tcp is not null) _tcp.AnalyzeTcp(frame, ref ctx, segment, out analysis);
        else analysis = default;
    }

    public void MatchDns(ref PacketContext ctx, in DnsTransactionKey key, bool isResponse, bool multipleResponses, out DnsMatch match) =>
        Dns.Match(ctx.FrameNumber, ctx.Frame.TimestampNs, key, isResponse, multipleResponses, out match, ctx.Visit);

    public void MatchHttp(ref PacketContext ctx, in ConversationKey key, bool isResponse, bool isHeadRequest, ReadOnlySpan<byte> fullUri, out HttpMatch match) =>
        Http.Match(ctx.FrameNumber, ctx.Frame.TimestampNs, key, isResponse, isHeadRequest, fullUri, out match, ctx.Visit);

    public bool HttpAwaitsHeadResponse(in ConversationKey key) => Http.AwaitsHeadResponse(key);

    public TlsSessionState TlsSession(ref PacketContext ctx, in ConversationKey key) => Tls.Begin(ctx.FrameNumber, key, ctx.Visit);

    public void UpdateTlsSession(ref PacketContext ctx, in ConversationKey key, in TlsSessionState state) => Tls.End(ctx.FrameNumber, key, state);

    public bool IsTlsConversation(in ConversationKey key) => Tls.IsTls(key);

    private readonly Dictionary<ConversationKey, PduStream> _streams = new();
    private Storage.SpilledPduData? _pduData;

    /// <summary>Bytes of reassembled PDUs kept on disk for revisits.</summary>
    public long RememberedPduBytes => _pduData?.Bytes ?? 0;

    /// <summary>Connection directions with reassembly state; past this, directions with nothing pending are forgotten.</summary>
    public const int MaxPduStreams = 50_000;
    private readonly int _maxPduStreams;

    /// <summary>Directions forgotten by the cap (a later segment of one starts afresh).</summary>
    public long ForgottenPduStreams { get; private set; }

    private long _oversizedPdusForgotten;

    /// <summary>
    /// PDUs dropped at <see cref="Dissectors.Core.PduStream.MaxPduBytes"/> in every direction so far.
    /// </summary>
    public long OversizedPdus => _oversizedPdusForgotten + SumOverStreams(static stream => stream.OversizedPdus);

    // Reused: a new list per sweep would be a large-object allocation that forces full collections.
    private readonly List<ConversationKey> _idle = new();

    private long _opaqueBytesOfForgotten;

    /// <summary>Body bytes the reassembly counted without copying (<see cref="PacketContext.SkipOpaqueBytes"/>).</summary>
    public long OpaqueBytesSkipped => _opaqueBytesOfForgotten + SumOverStreams(static stream => stream.OpaqueBytesSkipped);

    // The reassembly path only increments each direction's own counters; totals are summed when asked (end of a pass).
    private long SumOverStreams(Func<PduStream, long> counter)
    {
        long total = 0;
        foreach (var stream in _streams.Values) total += counter(stream);
        return total;
    }

    private void ForgetIdleStreams()
    {
        foreach (var (key, stream) in _streams)
        {
            if (stream.PendingLength != 0 || stream.HasRememberedFrames) continue;
            _idle.Add(key);
            _oversizedPdusForgotten += stream.OversizedPdus;
            _opaqueBytesOfForgotten += stream.OpaqueBytesSkipped;
        }
        foreach (var key in _idle) _streams.Remove(key);
        ForgottenPduStreams += _idle.Count;
        _idle.Clear();
    }

    public PduStream? PduStream(in ConversationKey direction)
    {
        if (!_streams.TryGetValue(direction, out var stream))
        {
            if (_streams.Count >= _maxPduStreams) ForgetIdleStreams();
            stream = new PduStream { Store = _rememberFrames ? (_pduData ??= new Storage.SpilledPduData()) : null };
            _streams.Add(direction, stream);
        }
        return stream;
    }
}
