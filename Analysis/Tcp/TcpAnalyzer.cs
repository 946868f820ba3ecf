using Sniffer.Analysis.Flows;
using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Tcp;

/// <summary>
/// tshark's TCP analysis: stream numbers, relative sequence numbers, window scaling and the
/// tcp.analysis.* flags, with the semantics (and the order of checks) of Wireshark's packet-tcp.c.
/// State changes only on the first, sequential pass; later visits read the stored per-frame results.
/// </summary>
public sealed partial class TcpAnalyzer : IPacketAnalyzer
{
    private readonly TcpAnalyzerOptions _options;
    private readonly Dictionary<FlowKey, TcpStreamState> _streams = new();
    private FrameAnalysisTable? _frames;
    private readonly List<ConnectionSummary> _finished = new();
    private readonly Queue<TcpStreamState> _closed = new();
    private uint _nextStreamIndex;
    private uint _highestFrame;
    private int _layersInHighestFrame;

    public TcpAnalyzer(TcpAnalyzerOptions? options = null) => _options = options ?? new TcpAnalyzerOptions();

    public ITcpSegmentObserver? Observer { get; set; }

    /// <summary>Streams created so far (the next tcp.stream index).</summary>
    public uint StreamCount => _nextStreamIndex;
    public int TrackedStreams => _streams.Count;
    /// <summary>Streams released because of <see cref="TcpAnalyzerOptions.MaxStreams"/>; a later packet of one starts a new stream.</summary>
    public long ReleasedStreams { get; private set; }
    public long ReleasedOpenStreams { get; private set; }
    /// <summary>
    /// Segments not listed as unacknowledged because their direction already had
    /// <see cref="TcpAnalyzerOptions.MaxUnackedSegments"/>: retransmission and RTT analysis cannot see them.
    /// </summary>
    public long UntrackedUnackedSegments { get; private set; }
    public int MaxUnackedSegments => _options.MaxUnackedSegments;
    public long DroppedConnectionSummaries { get; private set; }
    /// <summary>Closed streams released after <see cref="TcpAnalyzerOptions.MaxClosedStreams"/> others closed (normal, not a cut).</summary>
    public long RetiredClosedStreams { get; private set; }
    /// <summary>The per-frame results kept for revisits (created on first use: a single pass keeps none).</summary>
    public FrameAnalysisTable Frames => _frames ??= new();

    /// <summary>The tcp.stream of the last segment analysed (or revisited) in <paramref name="frame"/>, for per-frame taps.</summary>
    public bool TryGetStreamOf(uint frame, out uint stream)
    {
        stream = _lastStream;
        return _lastStreamFrame == frame && _lastStreamValid;
    }

    private uint _lastStream, _lastStreamFrame;
    private bool _lastStreamValid;

    public void AnalyzeTcp(ReadOnlySpan<byte> frame, ref PacketContext ctx, in TcpSegment seg, out TcpAnalysis analysis)
    {
        analysis = default;
        ref readonly var layers = ref ctx.Layers;
        if (layers.AddressKind is not (AddressKind.IPv4 or AddressKind.IPv6)) return;
        // A frame may hold several TCP headers (a tunnel, an sFlow datagram's samples); each has its own record.
        int layer = ctx.TcpHeadersAnalyzed++;
        bool firstPass = ctx.FrameNumber > _highestFrame || (ctx.FrameNumber == _highestFrame && layer >= _layersInHighestFrame);
        if (!firstPass)
        {
            _frames?.TryGet(ctx.FrameNumber, layer, out analysis);
            Remember(ctx.FrameNumber, in analysis);
            return;
        }
        if (ctx.FrameNumber > _highestFrame) { _highestFrame = ctx.FrameNumber; _layersInHighestFrame = 0; }
        _layersInHighestFrame++;

        var src = FlowKey.ReadAddress(frame, layers.SrcAddressOffset, layers.AddressKind);
        var dst = FlowKey.ReadAddress(frame, layers.DstAddressOffset, layers.AddressKind);
        var key = FlowKey.Create(layers.AddressKind, src, seg.SrcPort, dst, seg.DstPort, out bool fromA);
        Analyze(key, fromA, ctx.FrameNumber, ctx.Frame.TimestampNs, ctx.Frame.OriginalLength, in seg, ref analysis);
        if (_options.RememberFrames) Frames.Add(ctx.FrameNumber, in analysis);
        Remember(ctx.FrameNumber, in analysis);

        if (Observer is not null && analysis.Valid && _streams.TryGetValue(key, out var stream))
        {
            int captured = Math.Clamp(frame.Length - seg.PayloadOffset, 0, seg.PayloadLength);
            Observer.OnSegment(stream, fromA, ctx.FrameNumber, ctx.Frame.TimestampNs, in seg,
                captured > 0 ? frame.Slice(seg.PayloadOffset, captured) : default);
        }
    }

    /// <summary>
    /// Lets go of the live per-stream state (sequence tracking, unacknowledged segments) once a capture
    /// file has been read to its end: revisits read only the per-frame results, and on a large file the
    /// stream table at its cap is tens of megabytes the TUI would otherwise hold for nothing. No frame
    /// after the last one analysed may come afterwards (not for a live capture).
    /// </summary>
    public void ReleaseFirstPassState()
    {
        _streams.Clear();
        _streams.TrimExcess();
        _closed.Clear();
        _closed.TrimExcess();
    }

    private void Remember(uint frame, in TcpAnalysis a)
    {
        _lastStreamFrame = frame;
        _lastStream = a.Stream;
        _lastStreamValid = a.Valid;
    }

    private void Analyze(in FlowKey key, bool fromA, uint frameNumber, long now, int wireLength, in TcpSegment seg, ref TcpAnalysis a)
    {
        bool isNew = false;
        if (!_streams.TryGetValue(key, out var st))
        {
            st = NewStream(key, now, frameNumber);
            isNew = true;
        }
        var fwd = fromA ? st.A : st.B;
        var rev = fromA ? st.B : st.A;
        var ta = new SegmentResult();
        ushort flags = seg.Flags;
        bool syn = (flags & TcpSegment.Syn) != 0, ackFlag = (flags & TcpSegment.AckFlag) != 0;

        // A SYN with a new ISN on a known 4-tuple starts a new conversation (TCP_A_REUSED_PORTS).
        if (syn && !ackFlag && (fwd.StaticFlags & TcpEndpointState.BaseSeqSet) != 0 && seg.Seq != fwd.BaseSeq)
        {
            Retire(st);
            st = NewStream(key, now, frameNumber);
            fwd = fromA ? st.A : st.B;
            rev = fromA ? st.B : st.A;
            ta.Exists = true;
            ta.Flags |= TcpAnalysisFlags.ReusedPorts;
            st.Completeness = 1;
        }
        // A SYN-ACK with a new ISN: the same conversation, with the new base (issue 16944).
        if (syn && ackFlag && (fwd.StaticFlags & TcpEndpointState.BaseSeqSet) != 0 && seg.Seq != fwd.BaseSeq)
        {
            fwd.BaseSeq = seg.Seq;
            ta.Exists = true;
            ta.Flags |= TcpAnalysisFlags.ReusedPorts;
        }

        // Accurate ECN: a SYN with AE, CWR and ECE all set, answered by a SYN-ACK carrying one of the AccECN
        // codepoints (AE,CWR,ECE = 010, 011, 100 or 110; not 000, 001, 101 or 111), makes tshark read those three
        // bits of every later segment of the connection, either way, as the ACE counter (checked against tshark
        // 4.0.17 with each codepoint).
        const ushort ecnBits = TcpSegment.Ns | TcpSegment.Cwr | TcpSegment.Ece;
        ushort ecn = (ushort)(flags & ecnBits);
        if (syn && !ackFlag && ecn == ecnBits) st.AccEcnSyn = true;
        else if (syn && ackFlag && st.AccEcnSyn && ecn is TcpSegment.Cwr or (TcpSegment.Cwr | TcpSegment.Ece) or TcpSegment.Ns or (TcpSegment.Ns | TcpSegment.Cwr))
            st.AccEcn = true;
        a.UseAce = !syn && st.AccEcn;

        a.Valid = true;
        a.Stream = st.Index;
        a.Completeness = st.Completeness;
        fwd.NumSackRanges = 0;
        a.TimeDeltaNs = now - st.PreviousTimeNs;
        st.PreviousTimeNs = now;
        a.TimeRelativeNs = now - st.FirstTimeNs;

        uint relSeq = seg.Seq, relAck = seg.Ack;
        long window = seg.Window;
        if (seg.HasPayloadLength)
        {
            AnalyzeSequence(st, fwd, rev, frameNumber, now, seg.Seq, seg.Ack, (uint)seg.PayloadLength, flags, seg.Window, ref ta);
            relSeq = seg.Seq - fwd.BaseSeq;
            if (ackFlag) relAck = seg.Ack - rev.BaseSeq;
            if (!syn && fwd.WinScale >= 0) window = (long)seg.Window << fwd.WinScale;
            a.HasNextSeq = true;
            a.NextSeq = relSeq + (uint)seg.PayloadLength;
        }
        a.RelSeq = relSeq;
        a.RelAck = ackFlag ? relAck : seg.Ack;
        a.WindowSize = window;
        a.ScaleFactor = fwd.WinScale >= 0 ? 1 << fwd.WinScale : fwd.WinScale;
        a.PeerBaseSeq = rev.BaseSeq;

        if (seg.HeaderLength >= 20)
        {
            UpdateCompleteness(st, isNew, in seg);
            if (syn)
            {
                if (ackFlag) st.ServerPort = seg.SrcPort;
                else { st.ServerPort = seg.DstPort; st.MostRecentSynTimeNs = now; }
                fwd.IsFirstAck = true;
            }
            if ((flags & TcpSegment.Fin) != 0)
            {
                if (!rev.ClosingInitiator) { fwd.ClosingInitiator = true; a.FinActive = true; }
            }
            if ((flags & (TcpSegment.Syn | TcpSegment.AckFlag)) == TcpSegment.AckFlag)
            {
                if (st.MostRecentSynTimeNs != 0 && st.FirstRttNs == 0) st.FirstRttNs = now - st.MostRecentSynTimeNs;
                fwd.IsFirstAck = false;
            }
            ApplyOptions(fwd, in seg);
            if (syn) VerifyWindowScaling(fwd, rev, ackFlag);
        }

        a.Flags = ta.Flags;
        a.HasSeqAckAnalysis = ta.Exists;
        if (ta.Exists)
        {
            a.AcksFrame = ta.FrameAcked;
            a.AckRttNs = ta.AckRttNs;
            a.InitialRttNs = st.FirstRttNs;
            a.BytesInFlight = ta.BytesInFlight;
            a.PushBytesSent = ta.PushBytesSent;
            a.DuplicateAckNum = ta.DupAckNum;
            a.DuplicateAckFrame = ta.DupAckFrame;
            a.RtoNs = ta.RtoNs;
            a.RtoFrame = ta.RtoFrame;
        }
        TrackConnection(st, fromA, frameNumber, now, wireLength, in seg, ta.Flags);
    }

    /// <summary>Per-segment results of the analysis (Wireshark's struct tcp_acked); Exists once anything was recorded.</summary>
    private struct SegmentResult
    {
        public bool Exists;
        public TcpAnalysisFlags Flags;
        public uint FrameAcked;
        public long AckRttNs;
        public uint BytesInFlight;
        public uint PushBytesSent;
        public uint DupAckNum;
        public uint DupAckFrame;
        public long RtoNs;
        public uint RtoFrame;

        public void Set(TcpAnalysisFlags flag) { Exists = true; Flags |= flag; }
    }

    private static void UpdateCompleteness(TcpStreamState st, bool isNew, in TcpSegment seg)
    {
        const byte SynSent = 1, SynAck = 2, Ack = 4, Data = 8, Fin = 16, Rst = 32;
        ushort f = seg.Flags;
        byte c = 0;
        if (isNew)
        {
            // A pure SYN counts only when it opens the conversation.
            if ((f & (TcpSegment.Syn | TcpSegment.AckFlag)) == TcpSegment.Syn)
            {
                c |= SynSent;
                if (seg.PayloadLength > 0) c |= Data;
            }
        }
        else
        {
            c = st.Completeness;
            if ((f & (TcpSegment.Syn | TcpSegment.AckFlag)) == (TcpSegment.Syn | TcpSegment.AckFlag)) c |= SynAck;
            if ((f & (TcpSegment.Syn | TcpSegment.AckFlag)) == TcpSegment.AckFlag) c |= seg.PayloadLength > 0 ? Data : Ack;
            if ((f & (TcpSegment.Fin | TcpSegment.AckFlag)) == (TcpSegment.Fin | TcpSegment.AckFlag)) c |= Fin;
            if ((f & TcpSegment.Rst) != 0) c |= Rst;
        }
        st.Completeness = c;
    }

    /// <summary>Window scale and SACK blocks take effect after this segment's own analysis, as in Wireshark.</summary>
    private static void ApplyOptions(TcpEndpointState fwd, in TcpSegment seg)
    {
        if (seg.WindowScale >= 0) fwd.WinScale = seg.WindowScale;
        for (int i = 0; i < seg.SackBlocks && fwd.NumSackRanges < SackEdges.MaxBlocks; i++)
        {
            fwd.SackLeft[fwd.NumSackRanges] = seg.Sacks[2 * i];
            fwd.SackRight[fwd.NumSackRanges] = seg.Sacks[2 * i + 1];
            fwd.NumSackRanges++;
        }
    }

    /// <summary>verify_tcp_window_scaling: scaling is used only when both SYN and SYN-ACK carry the option.</summary>
    private static void VerifyWindowScaling(TcpEndpointState fwd, TcpEndpointState rev, bool isSynAck)
    {
        if (fwd.WinScale == -1)
        {
            fwd.WinScale = -2;
            rev.WinScale = -2;
        }
        else if (isSynAck && rev.WinScale == -2)
        {
            fwd.WinScale = -2;
        }
    }

    private TcpStreamState NewStream(in FlowKey key, long now, uint frameNumber)
    {
        if (_streams.Count >= _options.MaxStreams) ReleaseSome();
        var st = new TcpStreamState(_nextStreamIndex++, key, now, frameNumber);
        _streams[key] = st;
        return st;
    }
}
