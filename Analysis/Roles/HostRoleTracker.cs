using Sniffer.Analysis.Flows;
using Sniffer.Analysis.Tcp;
using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Roles;

/// <summary>
/// Collects who opens connections to whom, on the first pass: TCP from the analyzer's connection tracking
/// (attach it as <see cref="TcpAnalyzer.Observer"/>: the stream knows its SYN and SYN/ACK frames and its
/// originator), UDP flows and every packet's size from <see cref="ObserveFrame"/>. <see cref="Classify"/>
/// turns it into roles (<see cref="RoleClassifier"/>). Bounded by <see cref="RoleTrackerOptions"/>; what the
/// bounds cut is counted. Thread-safe: the TUI's indexer feeds it while the Hosts view reads it.
/// </summary>
public sealed class HostRoleTracker(RoleTrackerOptions? options = null) : ITcpSegmentObserver
{
    private readonly RoleTrackerOptions _options = options ?? new RoleTrackerOptions();
    private readonly Lock _gate = new();
    private readonly Dictionary<(UInt128, AddressKind), HostRecord> _byAddress = new();
    private readonly List<HostRecord> _hosts = new();
    private readonly Dictionary<(int, int, LinkKind), HostLink> _links = new();
    private readonly Dictionary<FlowKey, UdpFlow> _udp = new();
    private readonly List<RoleClassifier.RelayHit> _relays = new();
    private long _relaysNotListed, _untrackedHostPackets, _untrackedLinkEvents, _forgottenUdpFlows, _listenPortsDropped;
    private uint _nextUdpFlow;
    private long _version;
    // Segments of a few streams interleave: their hosts and link are looked up once per stream, not per segment.
    private readonly StreamHosts[] _streamCache = new StreamHosts[1024];
    // The hosts of the last TCP segment, so that ObserveFrame does not look them up again for the same frame.
    private uint _segmentFrame;
    private HostRecord? _segmentFrom, _segmentTo;

    private struct StreamHosts
    {
        public TcpStreamState? Stream;
        public HostRecord A, B;
        public HostLink? Link;
    }

    private sealed class UdpFlow
    {
        public uint Id;
        public bool InitiatorIsA;
        public bool Answered;
        public long LastNs;
        public HostLink? Link;
    }

    /// <summary>Changes whenever a packet was counted (the Hosts view redraws only then).</summary>
    public long Version => Volatile.Read(ref _version);

    /// <summary>Counts one frame (any IPv4/IPv6 packet) for its two hosts and follows UDP flows. Call once per frame, on the first pass.</summary>
    public void ObserveFrame(ReadOnlySpan<byte> frame, in PacketContext ctx)
    {
        ref readonly var l = ref ctx.Layers;
        if (l.AddressKind is not (AddressKind.IPv4 or AddressKind.IPv6)) return;
        int length = l.AddressLength;
        if (l.SrcAddressOffset < 0 || l.DstAddressOffset < 0 || l.SrcAddressOffset + length > frame.Length || l.DstAddressOffset + length > frame.Length) return;
        var src = FlowKey.ReadAddress(frame, l.SrcAddressOffset, l.AddressKind);
        var dst = FlowKey.ReadAddress(frame, l.DstAddressOffset, l.AddressKind);
        long bytes = ctx.Frame.OriginalLength;
        lock (_gate)
        {
            _version++;
            bool toGroup = IsGroupAddress(dst, l.AddressKind);
            HostRecord? from, to;
            if (ctx.FrameNumber == _segmentFrame && _segmentFrom!.Address == src && _segmentTo!.Address == dst && _segmentFrom.Kind == l.AddressKind)
            {
                from = _segmentFrom;
                to = _segmentTo;
            }
            else
            {
                from = IsHostAddress(src, l.AddressKind) ? Host(src, l.AddressKind) : null;
                to = !toGroup && IsHostAddress(dst, l.AddressKind) ? Host(dst, l.AddressKind) : null;
            }
            if (from is not null) { from.PacketsSent++; from.BytesSent += bytes; if (toGroup) from.GroupPacketsSent++; }
            if (to is not null) { to.PacketsReceived++; to.BytesReceived += bytes; }
            if (from is null || to is null || l.Transport != TransportKind.Udp || ctx.InErrorPacket) return;
            int captured = l.PayloadOffset < 0 ? 0 : Math.Clamp(frame.Length - l.PayloadOffset, 0, Math.Max(0, l.PayloadLength));
            Datagram(from, to, l, ctx, captured > 0 ? frame.Slice(l.PayloadOffset, captured) : default);
        }
    }

    private void Datagram(HostRecord from, HostRecord to, in LayerInfo l, in PacketContext ctx, ReadOnlySpan<byte> payload)
    {
        long now = ctx.Frame.TimestampNs;
        var key = FlowKey.Create(l.AddressKind, from.Address, l.SrcPort, to.Address, l.DstPort, out bool fromA);
        if (!_udp.TryGetValue(key, out var flow))
        {
            if (_udp.Count >= _options.MaxUdpFlows) ForgetQuietestFlows();
            // The first datagram opens the flow, unless it goes from a well-known port to an ephemeral one:
            // then it is an answer whose question was not captured.
            bool answerFirst = l.SrcPort < 1024 && l.DstPort >= 1024;
            flow = new UdpFlow { Id = _nextUdpFlow++, InitiatorIsA = answerFirst ? !fromA : fromA, LastNs = now };
            _udp[key] = flow;
            var (initiator, responder, port) = answerFirst ? (to, from, l.SrcPort) : (from, to, l.DstPort);
            flow.Link = Link(initiator.Id, responder.Id, LinkKind.Udp);
            if (flow.Link is not null)
            {
                flow.Link.Opened++;
                flow.Link.AddPort(port | HostRecord.UdpPortBit);
            }
            if (answerFirst) Answer(flow, responder, port);
        }
        else if (!flow.Answered && fromA != flow.InitiatorIsA) Answer(flow, from, l.SrcPort);
        flow.LastNs = now;
        if (flow.Link is { } link)
        {
            if (fromA == flow.InitiatorIsA) link.PayloadToResponder += l.PayloadLength;
            else link.PayloadToInitiator += l.PayloadLength;
        }
        Passed(from, to, ((ulong)1 << 32) | flow.Id, ctx.FrameNumber, now, Math.Max(0, l.PayloadLength), payload);
    }

    /// <summary>
    /// Drops what only the first pass needs (UDP flow tracking, each host's recent payloads for relay
    /// detection, the stream cache, which holds the TCP analyzer's stream objects alive) once the file
    /// has been read to its end; the roles and links stay.
    /// </summary>
    public void ReleaseFirstPassState()
    {
        lock (_gate)
        {
            _udp.Clear();
            _udp.TrimExcess();
            foreach (var host in _hosts) host.Recent = null;
            Array.Clear(_streamCache);
            _segmentFrom = _segmentTo = null;
            _segmentFrame = 0;
        }
    }

    private void Answer(UdpFlow flow, HostRecord responder, ushort port)
    {
        flow.Answered = true;
        if (flow.Link is not null) flow.Link.Accepted++;
        responder.AddListenPort(port | HostRecord.UdpPortBit, _options.MaxListenPorts, ref _listenPortsDropped);
    }

    /// <summary>TCP, from the analyzer: openings (SYN), acceptances (SYN/ACK), connections without a handshake, payload.</summary>
    public void OnSegment(TcpStreamState stream, bool fromA, uint frame, long timeNs, in TcpSegment seg, ReadOnlySpan<byte> payload)
    {
        var key = stream.Key;
        if (!IsHostAddress(key.AddressA, key.Kind) || !IsHostAddress(key.AddressB, key.Kind)) return;
        bool syn = seg.Has(TcpSegment.Syn), ack = seg.Has(TcpSegment.AckFlag);
        lock (_gate)
        {
            _version++;
            ref var cached = ref _streamCache[stream.Index % (uint)_streamCache.Length];
            if (cached.Stream != stream)
            {
                var a = Host(key.AddressA, key.Kind);
                var b = Host(key.AddressB, key.Kind);
                if (a is null || b is null) return;
                cached = new StreamHosts { Stream = stream, A = a, B = b };
            }
            var (from, to) = fromA ? (cached.A, cached.B) : (cached.B, cached.A);
            _segmentFrame = frame;
            _segmentFrom = from;
            _segmentTo = to;
            if (syn && !ack && frame == stream.SynFrame && Link(from.Id, to.Id, LinkKind.Tcp) is { } opened)
            {
                opened.Opened++;
                opened.AddPort(seg.DstPort);
            }
            if (syn && ack && frame == stream.SynAckFrame)
            {
                from.AddListenPort(seg.SrcPort, _options.MaxListenPorts, ref _listenPortsDropped);
                if (Link(to.Id, from.Id, LinkKind.Tcp) is { } accepted)
                {
                    accepted.Accepted++;
                    if (stream.SynFrame == 0) { accepted.Opened++; accepted.AddPort(seg.SrcPort); }
                }
            }
            if (!syn && frame == stream.FirstFrame)
            {
                from.AddMidstream(seg.SrcPort);
                if (to != from) to.AddMidstream(seg.DstPort);
                if (Link(Math.Min(from.Id, to.Id), Math.Max(from.Id, to.Id), LinkKind.TcpWithoutHandshake) is { } unknown) unknown.Opened++;
            }
            if (seg.PayloadLength <= 0) return;
            if ((cached.Link ??= LinkOf(stream, fromA, from, to)) is { } link)
            {
                if (link.Directed ? fromA == stream.OriginatorIsA : from.Id <= to.Id) link.PayloadToResponder += seg.PayloadLength;
                else link.PayloadToInitiator += seg.PayloadLength;
            }
            var sender = fromA ? stream.A : stream.B;
            const TcpAnalysisFlags resent = TcpAnalysisFlags.Retransmission | TcpAnalysisFlags.FastRetransmission | TcpAnalysisFlags.SpuriousRetransmission;
            if ((sender.LastSegmentFlags & resent) == 0) Passed(from, to, stream.Index, frame, timeNs, seg.PayloadLength, payload);
        }
    }

    /// <summary>The link a TCP stream's payload counts on: directed once its handshake was seen, else the unordered pair.</summary>
    private HostLink? LinkOf(TcpStreamState stream, bool fromA, HostRecord from, HostRecord to)
    {
        HostLink? link;
        if (stream.SynFrame != 0 || stream.SynAckFrame != 0)
        {
            var (initiator, responder) = fromA == stream.OriginatorIsA ? (from, to) : (to, from);
            _links.TryGetValue((initiator.Id, responder.Id, LinkKind.Tcp), out link);
        }
        else _links.TryGetValue((Math.Min(from.Id, to.Id), Math.Max(from.Id, to.Id), LinkKind.TcpWithoutHandshake), out link);
        return link;
    }

    /// <summary>A payload went from one host to another: is it one the sender received just before from someone else?</summary>
    private void Passed(HostRecord from, HostRecord to, ulong connection, uint frame, long timeNs, int length, ReadOnlySpan<byte> payload)
    {
        if (from == to || length < _options.RelayMinBytes) return;
        if (from.Recent is { } recent &&
            recent.TryMatch(timeNs, to.Id, connection, length, payload, _options.RelayWindowNs, out uint frameIn, out int origin, out int bytesIn, out long delay, out string match))
        {
            from.RelayCount++;
            if (_relays.Count < _options.MaxRelayEvidence) _relays.Add(new RoleClassifier.RelayHit(from.Id, origin, to.Id, frameIn, frame, bytesIn, length, delay, match));
            else _relaysNotListed++;
        }
        (to.Recent ??= new RecentPayloads()).Add(timeNs, frame, from.Id, connection, length, payload);
    }

    private HostRecord? Host(UInt128 address, AddressKind kind)
    {
        if (_byAddress.TryGetValue((address, kind), out var host)) return host;
        if (_hosts.Count >= _options.MaxHosts) { _untrackedHostPackets++; return null; }
        host = new HostRecord(_hosts.Count, address, kind);
        _hosts.Add(host);
        _byAddress[(address, kind)] = host;
        return host;
    }

    private HostLink? Link(int initiator, int responder, LinkKind kind)
    {
        if (_links.TryGetValue((initiator, responder, kind), out var link)) return link;
        if (_links.Count >= _options.MaxLinks) { _untrackedLinkEvents++; return null; }
        link = new HostLink(initiator, responder, kind);
        _links[(initiator, responder, kind)] = link;
        return link;
    }

    private void ForgetQuietestFlows() => _forgottenUdpFlows += QuietestEviction.ForgetQuietestTenth(_udp, f => f.LastNs);

    /// <summary>Multicast and broadcast destinations are groups, not hosts: they get no row.</summary>
    public static bool IsGroupAddress(UInt128 address, AddressKind kind) => kind switch
    {
        AddressKind.IPv4 => (address >> 28) == 0xE || address == 0xFFFF_FFFF,
        AddressKind.IPv6 => (address >> 120) == 0xFF,
        _ => false,
    };

    private static bool IsHostAddress(UInt128 address, AddressKind kind) => address != 0 && !IsGroupAddress(address, kind);

    /// <summary>The roles of every host seen so far (a consistent snapshot; the tracker keeps collecting).</summary>
    public HostRolesResult Classify()
    {
        lock (_gate)
        {
            var limits = new RoleTrackerLimits(_untrackedHostPackets, _untrackedLinkEvents, _forgottenUdpFlows, _listenPortsDropped);
            return RoleClassifier.Classify(_hosts, _links.Values, _relays, _relaysNotListed, limits);
        }
    }
}
