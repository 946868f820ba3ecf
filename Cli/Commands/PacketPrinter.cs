using Sniffer.Analysis.Pipeline;
using Sniffer.Capture;
using Sniffer.Cli.Options;
using Sniffer.Cli.Rendering;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Cli.Commands;

/// <summary>
/// What happens to each packet on the command line, whether it came from a file or an interface:
/// dissect it as deeply as the output needs, apply -Y, and print it in the chosen form.
/// The tree is built only when the output shows one (-V, -O, -T json).
/// </summary>
public sealed class PacketPrinter : IDisposable
{
    private readonly CliOptions _options;
    private readonly TextWriter _stdout;
    private readonly IPacketFilter? _filter;
    private readonly PacketProcessor _processor;
    private readonly FieldValueSet _values = new();
    private readonly SummaryLineRenderer _summary;
    private readonly FieldsRenderer? _fields;
    private readonly JsonRenderer? _json;
    private readonly StatisticsSession? _statistics;
    private readonly bool _wantTree, _printTree, _wantColumns, _wantProtocols, _collect, _print;

    public PacketPrinter(CliOptions options, TextWriter stdout, PacketProcessor processor, bool print, StatisticsSession? statistics = null)
    {
        _statistics = statistics;
        _options = options;
        _stdout = stdout;
        _processor = processor;
        _print = print && !options.Quiet;

        List<FieldColumn> columns = new();
        if (options.Format == OutputFormat.Fields)
        {
            if (options.Fields.Count == 0) throw new UsageException("-T fields was specified, but no fields were specified with -e.");
            columns = FieldColumns.Resolve(options.Fields, out var problems);
            if (problems.Count > 0) throw new UsageException("Some fields aren't valid:\n\t" + string.Join("\n\t", problems));
        }
        else if (options.Fields.Count > 0)
        {
            throw new UsageException("-e was specified, but -T fields was not (add -T fields).");
        }

        _filter = PacketFilters.Compile(options.DisplayFilter);
        _summary = new SummaryLineRenderer(stdout, options.TimeFormat);
        _fields = options.Format == OutputFormat.Fields ? new FieldsRenderer(stdout, columns, options.FieldsOutput, _summary) : null;
        _printTree = _print && (options.Verbose || options.DetailProtocols.Count > 0 || options.Format == OutputFormat.Json);
        _wantTree = _printTree || statistics?.NeedsTree == true;
        _wantColumns = _print && (options.Format is OutputFormat.Summary or OutputFormat.Text && !options.Verbose || _fields?.NeedsColumns == true);
        _collect = _filter is not null || _fields is not null || statistics?.WantsFields == true;
        statistics?.WantFields(_values);
        _wantProtocols = _wantTree;
        if (_filter is not null) foreach (var f in _filter.Fields) _values.Want(f);
        foreach (var c in columns)
        {
            if (c.Field is null) continue;
            _values.Want(c.Field);
            if (c.Field.Name == "frame.protocols") _wantProtocols = true;
        }
        processor.SkipOpaqueBytes = !_wantTree && !options.HexDump && (statistics is null || statistics.IsEmpty) &&
            (_filter is null || !ReadsBodies(_filter.Fields)) && !ReadsBodies(columns);
        processor.FrameFieldsOnly = !_wantTree && !_wantColumns && !_wantProtocols && (statistics is null || statistics.IsEmpty) &&
            (_filter is null || DissectionDepth.OnlyFrameOwn(_filter.Fields)) && OnlyFrameFields(columns);
        _json = options.Format == OutputFormat.Json && _print ? new JsonRenderer(new TextWriterStream(stdout)) : null;
        if (_print) _fields?.WriteHeader();
    }

    /// <summary>Packets whose tree was cut at <see cref="FieldTreeBuilder.MaxNodes"/> items.</summary>
    public long TreesCut { get; private set; }

    private static bool ReadsBodies(IReadOnlyList<Sniffer.Dissectors.Fields.FieldDef> fields)
    {
        foreach (var f in fields) if (DissectionNeeds.ReadsBodies(f)) return true;
        return false;
    }

    private static bool ReadsBodies(List<FieldColumn> columns)
    {
        foreach (var c in columns) if (c.Field is { } f && DissectionNeeds.ReadsBodies(f)) return true;
        return false;
    }

    private static bool OnlyFrameFields(List<FieldColumn> columns)
    {
        foreach (var c in columns) if (c.Field is not { } f || !DissectionNeeds.IsFrameOwn(f)) return false;
        return true;
    }

    /// <summary>Packets that passed the display filter so far.</summary>
    public long Displayed { get; private set; }

    /// <summary>Dissects, filters and prints one packet; returns whether it passed the filter.</summary>
    public bool Handle(in FrameInfo info, ReadOnlySpan<byte> data)
    {
        var ctx = _processor.Next(info, _wantColumns, _wantProtocols);
        FieldTreeBuilder? tree = null;
        if (_collect) _values.Clear();
        if (_wantTree)
        {
            tree = new FieldTreeBuilder();
            var sink = new TeeSink<TreeSink, CollectorSink>(new TreeSink(tree), new CollectorSink(_values));
            PacketProcessor.Dissect(data, ref ctx, ref sink);
        }
        else if (_collect)
        {
            var sink = new CollectorSink(_values);
            PacketProcessor.Dissect(data, ref ctx, ref sink);
        }
        else
        {
            var sink = new NullSink();
            PacketProcessor.Dissect(data, ref ctx, ref sink);
        }

        // Statistics (-z) see every packet read, as tshark's taps do; -Y only chooses what is printed.
        _statistics?.Observe(data, ctx, tree, _collect ? _values : null);
        if (_filter is not null && !_filter.Matches(_values, data)) return false;
        Displayed++;
        _processor.MarkDisplayed(ctx);
        if (_print) Render(data, ctx, _printTree ? tree : null);
        // Counted where a tree is shown: -Y and -z use the collected values, which the node cap does not cut.
        if (_print && _printTree && tree is { Truncated: true }) TreesCut++;
        return true;
    }

    private void Render(ReadOnlySpan<byte> data, in PacketContext ctx, FieldTreeBuilder? tree)
    {
        if (_json is not null)
        {
            _json.Write(tree!.Root, ctx.Frame.TimestampNs, data, ctx.Sources);
            return;
        }
        if (_fields is not null)
        {
            _fields.Render(data, ctx, _values);
            return;
        }
        if (tree is not null)
        {
            TreeTextRenderer.Render(_stdout, tree.Root, _options.DetailProtocols);
            if (_options.HexDump) RenderHex(data, ctx);
            _stdout.Write('\n');
            return;
        }
        _summary.Render(data, ctx);
        if (_options.HexDump)
        {
            RenderHex(data, ctx);
            _stdout.Write('\n');
        }
    }

    /// <summary>The frame's bytes, then each reassembled buffer under its name, as tshark -x does.</summary>
    private void RenderHex(ReadOnlySpan<byte> data, in PacketContext ctx)
    {
        bool named = ctx.Sources is { Count: > 0 };
        if (named) _stdout.Write($"Frame ({data.Length} bytes):\n");
        HexDumpRenderer.Render(_stdout, data);
        if (!named) return;
        for (int id = 1; id <= ctx.Sources!.Count; id++)
        {
            var (name, bytes) = ctx.Sources[id];
            _stdout.Write(name + ":\n");
            HexDumpRenderer.Render(_stdout, bytes.Span);
        }
    }

    public void Dispose() => _json?.Dispose();
}
