using System.Globalization;
using Sniffer.Analysis.Pipeline;
using Sniffer.Capture;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Tui.Model;

/// <summary>
/// Random access to an indexed capture: the formatted row of any packet (re-dissected on demand and
/// kept in an LRU cache) and the full tree of the selected one. UI-thread object.
/// </summary>
public sealed class PacketSession
{
    private const int RowCacheSize = 4096;
    private readonly LruCache<int, PacketRow> _rows = new(RowCacheSize);
    private readonly PacketProcessor _processor;
    private readonly bool _foreground;

    /// <param name="foreground">True for the UI's session: it goes before background work at the analysis gate.</param>
    public PacketSession(CaptureIndexer indexer, bool foreground = true)
    {
        Indexer = indexer;
        _foreground = foreground;
        _processor = new PacketProcessor(indexer.Analyzer);
    }

    public CaptureIndexer Indexer { get; }

    /// <summary>
    /// Dissects no deeper than <paramref name="fields"/> need (a filter's session; never the UI's, whose rows
    /// and tree show everything): the frame record alone, or no application protocol over TCP.
    /// </summary>
    public void DissectOnlyFor(IReadOnlyList<FieldDef> fields)
    {
        _processor.FrameFieldsOnly = DissectionDepth.OnlyFrameOwn(fields);
        _processor.SkipTcpApplications = DissectionDepth.NoneFromTcpApplications(fields);
    }
    public PacketIndex Index => Indexer.Index;
    public int Count => Indexer.Index.Count;
    public long RowsRendered { get; private set; }

    /// <summary>The row of the packet at zero-based <paramref name="index"/>.</summary>
    public PacketRow Row(int index)
    {
        if (_rows.TryGet(index, out var cached)) return cached;
        var row = RenderRow(index, out bool readable);
        if (readable) _rows.Add(index, row); // a live row not yet on disk is rendered again next time
        return row;
    }

    private PacketRow RenderRow(int index, out bool readable)
    {
        RowsRendered++;
        var entry = Index[index];
        readable = TryReadFrame(index, out var info, out var data);
        if (!readable) return PacketRow.Unreadable(index + 1, entry.Colour);
        var ctx = Revisit(index, info, wantColumns: true);
        var sink = new NullSink();
        try
        {
            using var turn = Indexer.AnalysisGate.Enter(_foreground);
            PacketProcessor.Dissect(data, ref ctx, ref sink);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or InvalidOperationException) { ctx.Malformed = true; }
        string source = SummaryColumns.Source(data, ctx);
        string destination = SummaryColumns.Destination(data, ctx);
        string infoText = ctx.Info?.ToString() ?? "";
        if (infoText.Length == 0) infoText = InterimInfo(data, ctx);
        return new PacketRow(index + 1, RelativeTime(entry.TimestampNs), source, destination, ctx.Protocol, info.OriginalLength, infoText, entry.Colour);
    }

    /// <summary>An Info text for TCP while the TCP dissector is a placeholder: ports, flags, Seq/Ack/Len.</summary>
    private static string InterimInfo(ReadOnlySpan<byte> data, in PacketContext ctx)
    {
        var t = TransportPeek.Read(data, ctx.Layers);
        if (!t.IsTcp) return "";
        return $"{t.SrcPort} → {t.DstPort} [{TcpFlagText.Format(t.TcpFlags)}] Seq={t.Seq} Ack={t.Ack} Len={t.PayloadLength}";
    }

    public string RelativeTime(long timestampNs)
    {
        long micros = (long)Math.Round((timestampNs - Index.FirstTimestampNs) / 1000.0, MidpointRounding.AwayFromZero);
        string sign = micros < 0 ? "-" : "";
        micros = Math.Abs(micros);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{micros / 1_000_000}.{micros % 1_000_000:D6}");
    }

    public bool TryReadFrame(int index, out FrameInfo info, out byte[] data)
    {
        info = default;
        data = Array.Empty<byte>();
        var store = Indexer.Store;
        return store is not null && (uint)index < (uint)Count && store.TryRead(Index[index], out info, out data);
    }

    /// <summary>The annotated tree and bytes of one packet, for the detail and hex panes.</summary>
    public PacketDetail? Detail(int index)
    {
        if (!TryReadFrame(index, out var info, out var data)) return null;
        var ctx = Revisit(index, info, wantColumns: true, wantProtocols: true);
        ctx.Sources = new DataSources(); // reassembled or decoded buffers some tree items point into
        var builder = new FieldTreeBuilder();
        var sink = new TreeSink(builder);
        try
        {
            using var turn = Indexer.AnalysisGate.Enter(_foreground);
            PacketProcessor.Dissect(data, ref ctx, ref sink);
            if (ctx.Protocols is not null) sink.FillFrameProtocols(ctx.Protocols.ToString());
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or InvalidOperationException)
        {
            // Show what was built so far; the row is already marked malformed.
        }
        return new PacketDetail(index, builder.Root, data, TransportPeek.Read(data, ctx.Layers), SummaryColumns.Source(data, ctx), SummaryColumns.Destination(data, ctx), ctx.Sources);
    }

    /// <summary>The fast-path context of a frame already read: layer offsets and TCP analysis flags, no tree.</summary>
    public PacketContext FastContext(int index, in FrameInfo info, byte[] data)
    {
        var ctx = Revisit(index, info, wantColumns: false);
        var sink = new NullSink();
        try
        {
            using var turn = Indexer.AnalysisGate.Enter(_foreground);
            PacketProcessor.Dissect(data, ref ctx, ref sink);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or InvalidOperationException) { }
        return ctx;
    }

    /// <summary>Dissects a packet into the values a filter asked for.</summary>
    public bool Collect(int index, FieldValueSet values, out PacketContext ctx, out byte[] data)
    {
        ctx = default;
        if (!TryReadFrame(index, out var info, out data)) return false;
        Collect(index, info, data, values, out ctx);
        return true;
    }

    /// <summary>Dissects a packet already read (by a <see cref="FrameCursor"/>) into the values a filter asked for.</summary>
    public void Collect(int index, in FrameInfo info, ReadOnlySpan<byte> data, FieldValueSet values, out PacketContext ctx)
    {
        ctx = Revisit(index, info, wantColumns: false, wantProtocols: values.WantsAll);
        values.Clear();
        var sink = new CollectorSink(values);
        try
        {
            using var turn = Indexer.AnalysisGate.Enter(_foreground);
            PacketProcessor.Dissect(data, ref ctx, ref sink);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or InvalidOperationException)
        {
            // A malformed packet is still judged, on the values collected before the dissector gave up.
        }
    }

    private PacketContext Revisit(int index, in FrameInfo info, bool wantColumns, bool wantProtocols = false)
    {
        if (Indexer.FromPcapng != _processor.FromPcapng) _processor.FromPcapng = Indexer.FromPcapng;
        if (Indexer.Store is { } store) _processor.UseInterfaces(store.Interfaces);
        return _processor.Revisit((uint)(index + 1), info, Index.FirstTimestampNs, Index.PreviousTimestampNs(index), wantColumns, wantProtocols);
    }

    public void ForgetRows() => _rows.Clear();

    // The indexer is owned by whoever created it (several sessions share one).
}

/// <summary>The selected packet: its tree, its bytes and its transport facts.</summary>
public sealed record PacketDetail(int Index, FieldNode Root, byte[] Bytes, TransportPeek Transport, string Source, string Destination, DataSources? Sources)
{
    /// <summary>The bytes a tree item's offsets refer to, with a name for the pane title: the frame, or a data source.</summary>
    public (string Name, byte[] Bytes) BytesOf(FieldNode node)
    {
        if (node.SourceId > 0 && Sources is { } sources && node.SourceId <= sources.Count)
        {
            var (name, data) = sources[node.SourceId];
            return (name, data.ToArray());
        }
        return ("Frame", Bytes);
    }
}
