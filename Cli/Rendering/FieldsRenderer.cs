using System.Globalization;
using Sniffer.Analysis.Pipeline;
using Sniffer.Cli.Options;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Cli.Rendering;

/// <summary>-T fields: one line per packet, the -e fields in order, honouring the -E options.</summary>
public sealed class FieldsRenderer(TextWriter output, IReadOnlyList<FieldColumn> columns, FieldsOutputOptions options, SummaryLineRenderer summary)
{
    public void WriteHeader()
    {
        if (!options.Header) return;
        for (int i = 0; i < columns.Count; i++)
        {
            if (i > 0) output.Write(options.Separator);
            output.Write(columns[i].Name);
        }
        output.Write('\n');
    }

    public void Render(ReadOnlySpan<byte> frame, in PacketContext ctx, FieldValueSet values)
    {
        for (int c = 0; c < columns.Count; c++)
        {
            if (c > 0) output.Write(options.Separator);
            var column = columns[c];
            if (column.Column is { } col)
            {
                WriteQuoted(ColumnText(col, frame, ctx));
                continue;
            }
            int first = values.First(column.Field!);
            if (first < 0) continue;
            switch (options.Occurrence)
            {
                case 'f':
                    WriteQuoted(values, first);
                    break;
                case 'l':
                    int last = first;
                    for (int i = values.Next(first); i >= 0; i = values.Next(i)) last = i;
                    WriteQuoted(values, last);
                    break;
                default:
                    if (options.Quote != 'n') output.Write(QuoteChar);
                    for (int i = first; i >= 0; i = values.Next(i))
                    {
                        if (i != first) output.Write(options.Aggregator);
                        WriteValue(values, i);
                    }
                    if (options.Quote != 'n') output.Write(QuoteChar);
                    break;
            }
        }
        output.Write('\n');
    }

    private char QuoteChar => options.Quote == 'd' ? '"' : '\'';

    private readonly char[] _scratch = new char[64];

    private void WriteQuoted(FieldValueSet values, int index)
    {
        if (options.Quote != 'n') output.Write(QuoteChar);
        WriteValue(values, index);
        if (options.Quote != 'n') output.Write(QuoteChar);
    }

    // Numbers and addresses are written from a reused buffer: a string per value was most of what -T fields allocated.
    private void WriteValue(FieldValueSet values, int index)
    {
        if (FieldFormatter.TryWriteFieldsValue(values, index, _scratch, out int written)) output.Write(_scratch.AsSpan(0, written));
        else output.Write(FieldFormatter.FieldsValue(values, index));
    }

    private void WriteQuoted(string text)
    {
        if (options.Quote == 'n') { output.Write(text); return; }
        output.Write(QuoteChar);
        output.Write(text);
        output.Write(QuoteChar);
    }

    private string ColumnText(SummaryColumn column, ReadOnlySpan<byte> frame, in PacketContext ctx) => column switch
    {
        SummaryColumn.Number => ctx.FrameNumber.ToString(CultureInfo.InvariantCulture),
        SummaryColumn.Time => summary.Time(ctx),
        SummaryColumn.Source => SummaryColumns.Source(frame, ctx),
        SummaryColumn.Destination => SummaryColumns.Destination(frame, ctx),
        SummaryColumn.Protocol => ctx.Protocol,
        SummaryColumn.Length => ctx.Frame.OriginalLength.ToString(CultureInfo.InvariantCulture),
        _ => ctx.Info?.ToString() ?? "",
    };

    public bool NeedsColumns
    {
        get
        {
            foreach (var c in columns) if (c.Column is SummaryColumn.Info or SummaryColumn.Protocol) return true;
            return false;
        }
    }
}
