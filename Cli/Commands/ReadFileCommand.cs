using Sniffer.Analysis.Pipeline;
using Sniffer.Capture;
using Sniffer.Cli.Options;
using Sniffer.Cli.Rendering;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Cli.Commands;

/// <summary>
/// `-r FILE`: reads a capture once, front to back, and prints each packet the filter lets through in
/// the chosen form. The tree is built only when the output needs one (-V, -O, -T json).
/// </summary>
public sealed class ReadFileCommand(CliOptions options, TextWriter stdout, TextWriter stderr)
{
    public int Run(string path)
    {
        List<FieldColumn> columns = new();
        if (options.Format == OutputFormat.Fields)
        {
            if (options.Fields.Count == 0) throw new UsageException("-T fields was specified, but no fields were specified with -e.");
            columns = FieldColumns.Resolve(options.Fields, out var problems);
            if (problems.Count > 0)
                throw new UsageException("Some fields aren't valid:\n\t" + string.Join("\n\t", problems));
        }
        else if (options.Fields.Count > 0 && options.Format != OutputFormat.Fields)
        {
            throw new UsageException("-e was specified, but -T fields was not (add -T fields).");
        }

        var filter = PacketFilters.Compile(options.DisplayFilter);
        using var reader = CaptureFile.Open(path);
        var processor = new PacketProcessor(Analyzers.Create())
        {
            FromPcapng = reader.Format.StartsWith("pcapng", StringComparison.Ordinal),
        };

        bool quiet = options.Quiet;
        bool wantTree = !quiet && (options.Verbose || options.DetailProtocols.Count > 0 || options.Format == OutputFormat.Json);
        var summary = new SummaryLineRenderer(stdout, options.TimeFormat);
        var fieldsRenderer = options.Format == OutputFormat.Fields ? new FieldsRenderer(stdout, columns, options.FieldsOutput, summary) : null;
        bool wantColumns = !quiet && (options.Format is OutputFormat.Summary or OutputFormat.Text && !options.Verbose || fieldsRenderer?.NeedsColumns == true);

        var values = new FieldValueSet();
        bool collect = filter is not null || fieldsRenderer is not null;
        bool wantProtocols = wantTree;
        if (filter is not null) foreach (var f in filter.Fields) values.Want(f);
        foreach (var c in columns)
        {
            if (c.Field is null) continue;
            values.Want(c.Field);
            if (c.Field.Name == "frame.protocols") wantProtocols = true;
        }

        using var json = options.Format == OutputFormat.Json && !quiet ? new JsonRenderer(Console.OpenStandardOutput()) : null;
        fieldsRenderer?.WriteHeader();

        long limit = options.PacketLimit ?? long.MaxValue;
        long read = 0;
        while (read < limit && reader.TryRead(out var info, out var data))
        {
            read++;
            processor.UseInterfaces(reader.Interfaces);
            var ctx = processor.Next(info, wantColumns, wantProtocols);
            FieldTreeBuilder? tree = null;
            if (collect) values.Clear();
            if (wantTree)
            {
                tree = new FieldTreeBuilder();
                var sink = new TeeSink<TreeSink, CollectorSink>(new TreeSink(tree), new CollectorSink(values));
                PacketProcessor.Dissect(data, ref ctx, ref sink);
            }
            else if (collect)
            {
                var sink = new CollectorSink(values);
                PacketProcessor.Dissect(data, ref ctx, ref sink);
            }
            else
            {
                var sink = new NullSink();
                PacketProcessor.Dissect(data, ref ctx, ref sink);
            }

            if (filter is not null && !filter.Matches(values)) continue;
            if (quiet) continue;
            Render(data, ctx, tree, values, summary, fieldsRenderer, json);
        }
        stdout.Flush();

        if (reader.Error is { } error)
        {
            stderr.WriteLine($"sniffer: {error}");
            return 2;
        }
        return 0;
    }

    private void Render(ReadOnlySpan<byte> data, in PacketContext ctx, FieldTreeBuilder? tree, FieldValueSet values,
        SummaryLineRenderer summary, FieldsRenderer? fields, JsonRenderer? json)
    {
        if (json is not null)
        {
            stdout.Flush();
            json.Write(tree!.Root, ctx.Frame.TimestampNs);
            return;
        }
        if (fields is not null)
        {
            fields.Render(data, ctx, values);
            return;
        }
        if (tree is not null)
        {
            TreeTextRenderer.Render(stdout, tree.Root, options.DetailProtocols);
            if (options.HexDump) { HexDumpRenderer.Render(stdout, data); }
            stdout.Write('\n');
            return;
        }
        summary.Render(data, ctx);
        if (options.HexDump)
        {
            HexDumpRenderer.Render(stdout, data);
            stdout.Write('\n');
        }
    }
}
