using Sniffer.Capture;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Frame;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Analysis.Pipeline;

/// <summary>
/// Runs frames through the dissectors in capture order, keeping what spans frames: numbering,
/// first and previous timestamps, the analyzer, and the reusable column buffers.
/// One instance per pass over a capture; the CLI and the TUI share it.
/// </summary>
public sealed class PacketProcessor
{
    private long _firstTs;
    private long _previousTs;
    private long? _previousDisplayedTs;
    private IReadOnlyList<CaptureInterface> _interfaces = Array.Empty<CaptureInterface>();

    public PacketProcessor(IPacketAnalyzer? analyzer = null)
    {
        Analyzer = analyzer;
        // Processors of one capture (the TUI's indexer, list and filter) share an analyzer: their visits must differ.
        _visit = (long)Interlocked.Increment(ref s_processors) << 40;
    }

    private static int s_processors;
    private long _visit;

    public IPacketAnalyzer? Analyzer { get; }
    public InfoColumn Info { get; } = new();
    public ProtocolStack Protocols { get; } = new();
    /// <summary>Reassembled buffers of the current packet (cleared for each packet).</summary>
    public DataSources Sources { get; } = new();
    public UntappedHeaders Untapped { get; } = new();
    public uint FrameNumber { get; private set; }

    /// <summary>
    /// Starts numbering again from frame 1 for a second pass over the same capture (tshark -2): the
    /// analyzer keeps what the first pass learned, and now answers as for a revisit (response_in).
    /// </summary>
    public void Rewind() => FrameNumber = 0;

    /// <summary>
    /// Places the numbering just after frame <paramref name="previousFrame"/> of the capture, for a pass that
    /// dissects only some of its frames (one shard of a parallel read, <see cref="ShardKey"/>): the next frame
    /// keeps the capture's own number, and its relative and delta times count from the capture's first frame
    /// (at <paramref name="firstTs"/>) and the frame just before it (at <paramref name="previousTs"/>).
    /// </summary>
    public void Follow(uint previousFrame, long firstTs, long previousTs)
    {
        FrameNumber = previousFrame;
        _firstTs = firstTs;
        _previousTs = previousTs;
    }
    public bool FromPcapng { get; set; }

    /// <summary>Nothing reads message bodies past what the columns need (see <see cref="PacketContext.SkipOpaqueBytes"/>).</summary>
    public bool SkipOpaqueBytes { get; set; }

    /// <summary>Only the frame's own fields are read (see <see cref="PacketContext.FrameFieldsOnly"/>).</summary>
    public bool FrameFieldsOnly { get; set; }

    /// <summary>TCP payloads are not dissected (see <see cref="PacketContext.SkipTcpApplications"/>).</summary>
    public bool SkipTcpApplications { get; set; }

    /// <summary>Interfaces of the capture being read (names for pcapng frames).</summary>
    public void UseInterfaces(IReadOnlyList<CaptureInterface> interfaces) => _interfaces = interfaces;

    /// <summary>Starts the next frame: assigns its number and returns its context.</summary>
    public PacketContext Next(in FrameInfo frame, bool wantColumns, bool wantProtocols)
    {
        FrameNumber++;
        if (FrameNumber == 1) _firstTs = _previousTs = frame.TimestampNs;
        var ctx = Prepare(FrameNumber, frame, _firstTs, _previousTs, wantColumns, wantProtocols);
        ctx.PreviousDisplayedTimestampNs = _previousDisplayedTs ?? frame.TimestampNs;
        _previousTs = frame.TimestampNs;
        return ctx;
    }

    /// <summary>Tells the processor that the current frame was displayed (it passed the display filter).</summary>
    public void MarkDisplayed(in PacketContext ctx) => _previousDisplayedTs = ctx.Frame.TimestampNs;

    /// <summary>Context for re-dissecting a frame already seen (random access, e.g. the TUI).</summary>
    public PacketContext Revisit(uint frameNumber, in FrameInfo frame, long firstTs, long previousTs, bool wantColumns, bool wantProtocols) =>
        Prepare(frameNumber, frame, firstTs, previousTs, wantColumns, wantProtocols);

    private PacketContext Prepare(uint frameNumber, in FrameInfo frame, long firstTs, long previousTs, bool wantColumns, bool wantProtocols)
    {
        var ctx = PacketContext.Create(frameNumber, frame, firstTs, previousTs);
        ctx.Analyzer = Analyzer;
        ctx.Visit = ++_visit;
        ctx.FromPcapng = FromPcapng;
        ctx.SkipOpaqueBytes = SkipOpaqueBytes;
        ctx.FrameFieldsOnly = FrameFieldsOnly;
        ctx.SkipTcpApplications = SkipTcpApplications;
        if (FromPcapng && (uint)frame.InterfaceId < (uint)_interfaces.Count) ctx.InterfaceName = _interfaces[frame.InterfaceId].Name;
        if (wantColumns) { Info.Clear(); ctx.Info = Info; }
        if (wantProtocols) { Protocols.Clear(); ctx.Protocols = Protocols; }
        Sources.Clear();
        ctx.Sources = Sources;
        Untapped.Clear();
        ctx.Untapped = Untapped;
        return ctx;
    }

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> data, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        var status = FrameDissector.Dissect(data, ref ctx, ref sink);
        FrameDissector.CollectProtocols(ref ctx, ref sink);
        return status;
    }
}
