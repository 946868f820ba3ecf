using System.Globalization;
using Sniffer.Analysis.Pipeline;
using Sniffer.Dissectors.Core;

namespace Sniffer.Cli.Rendering;

/// <summary>
/// The default one-line-per-packet output, padded the way tshark pads its default columns:
/// number and time right-aligned, source right-aligned to 12, destination left-aligned to 12, then
/// protocol, length and info separated by single spaces.
/// </summary>
public sealed class SummaryLineRenderer(TextWriter output, string timeFormat)
{
    // Columns are formatted into this line buffer, then written at once: no string per column per packet.
    private readonly char[] _line = new char[256];

    public void Render(ReadOnlySpan<byte> frame, in PacketContext ctx)
    {
        Span<char> field = stackalloc char[48];
        var line = new LineBuilder(_line);
        ctx.FrameNumber.TryFormat(field, out int n, default, CultureInfo.InvariantCulture);
        line.PadLeft(field[..n], 5);
        line.Append(' ');
        line.PadLeft(field[..FormatTime(ctx, field)], 10);
        line.Append(' ');
        line.PadLeft(field[..Address(frame, ctx, source: true, field)], 12);
        line.Append(" → ");
        line.PadRight(field[..Address(frame, ctx, source: false, field)], 12);
        line.Append(' ');
        line.Append(ctx.Protocol);
        line.Append(' ');
        ctx.Frame.OriginalLength.TryFormat(field, out n, default, CultureInfo.InvariantCulture);
        line.Append(field[..n]);
        line.Append(' ');
        output.Write(line.Written);
        if (ctx.Info is not null) output.Write(ctx.Info.Span);
        output.Write('\n');
    }

    private static int Address(ReadOnlySpan<byte> frame, in PacketContext ctx, bool source, Span<char> into)
    {
        if (SummaryColumns.TryFormat(frame, ctx, source, into, out int n)) return n;
        string text = source ? SummaryColumns.Source(frame, ctx) : SummaryColumns.Destination(frame, ctx);
        if (text.Length > into.Length) text = text[..into.Length];
        text.CopyTo(into);
        return text.Length;
    }

    /// <summary>The time column into <paramref name="into"/>; its length.</summary>
    private int FormatTime(in PacketContext ctx, Span<char> into)
    {
        if (timeFormat is "a" or "ad")
        {
            string text = Time(ctx);
            text.CopyTo(into);
            return text.Length;
        }
        long micros = RelativeMicros(ctx);
        int n = 0;
        if (micros < 0) { into[n++] = '-'; micros = -micros; }
        (micros / 1_000_000).TryFormat(into[n..], out int w, default, CultureInfo.InvariantCulture);
        n += w;
        into[n++] = '.';
        (micros % 1_000_000).TryFormat(into[n..], out w, "D6", CultureInfo.InvariantCulture);
        return n + w;
    }

    private long RelativeMicros(in PacketContext ctx)
    {
        long ns = timeFormat switch
        {
            "d" => ctx.Frame.TimestampNs - ctx.PreviousTimestampNs,
            "e" => ctx.Frame.TimestampNs,
            _ => ctx.Frame.TimestampNs - ctx.FirstTimestampNs,
        };
        return (long)Math.Round(ns / 1000.0, MidpointRounding.AwayFromZero);
    }

    public string Time(in PacketContext ctx)
    {
        if (timeFormat == "a" || timeFormat == "ad")
        {
            var t = DateTime.UnixEpoch.AddTicks(ctx.Frame.TimestampNs / 100);
            return timeFormat == "a" ? t.ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        }
        long micros = RelativeMicros(ctx);
        string sign = micros < 0 ? "-" : "";
        micros = Math.Abs(micros);
        return $"{sign}{micros / 1_000_000}.{micros % 1_000_000:D6}";
    }

    /// <summary>Appends to a fixed line buffer; what does not fit is dropped (columns are short).</summary>
    private ref struct LineBuilder(Span<char> buffer)
    {
        private readonly Span<char> _buffer = buffer;
        private int _length;

        public readonly ReadOnlySpan<char> Written => _buffer[.._length];

        public void Append(char c)
        {
            if (_length < _buffer.Length) _buffer[_length++] = c;
        }

        public void Append(scoped ReadOnlySpan<char> text)
        {
            int n = Math.Min(text.Length, _buffer.Length - _length);
            text[..n].CopyTo(_buffer[_length..]);
            _length += n;
        }

        public void PadLeft(scoped ReadOnlySpan<char> text, int width)
        {
            for (int i = text.Length; i < width; i++) Append(' ');
            Append(text);
        }

        public void PadRight(scoped ReadOnlySpan<char> text, int width)
        {
            Append(text);
            for (int i = text.Length; i < width; i++) Append(' ');
        }
    }
}
