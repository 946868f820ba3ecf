using System.Globalization;
using System.Text;

namespace Sniffer.Analysis.Reports.Stats;

/// <summary>
/// -z io,stat,INTERVAL[,FILTER...] (ui/cli/tap-iostat.c) with its default "Frames and bytes" columns: one column per
/// filter (none: every packet), one row per interval since the first frame, the last row ending at the capture's
/// duration. An interval of 0, or one longer than the capture, is the whole capture.
/// </summary>
public sealed class IoStatReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    /// <summary>Intervals kept per column; packets past the last are added to it (a capture spanning decades stays bounded).</summary>
    public const int MaxIntervals = 1_000_000;

    private readonly long _intervalUs;
    private readonly int _precision;
    private readonly string?[] _filters;
    private readonly List<(long Frames, long Bytes)>[] _columns;
    private long _durationNs;

    public IoStatReport(string interval, IReadOnlyList<string?> filters)
    {
        if (!double.TryParse(interval, NumberStyles.Float, Inv, out double seconds) || seconds < 0)
            throw new ArgumentException($"invalid interval \"{interval}\"");
        int dot = interval.IndexOf('.');
        _precision = dot < 0 ? 0 : Math.Min(6, interval.Length - dot - 1);
        _intervalUs = seconds == 0 ? long.MaxValue : (long)Math.Round(seconds * 1e6);
        if (_intervalUs <= 0) throw new ArgumentException($"invalid interval \"{interval}\"");
        _filters = filters.Count == 0 ? [null] : filters.ToArray();
        _columns = new List<(long, long)>[_filters.Length];
        for (int i = 0; i < _columns.Length; i++) _columns[i] = new();
    }

    public IReadOnlyList<string?> Filters => _filters;

    /// <summary>Every packet: its time since the first frame, its length, and which columns' filters it passed.</summary>
    public void Add(long relativeNs, long frameLength, ReadOnlySpan<bool> passed)
    {
        _durationNs = Math.Max(_durationNs, relativeNs);
        long us = relativeNs / 1000;
        long slot = _intervalUs == long.MaxValue ? 0 : Math.Min(us / _intervalUs, MaxIntervals - 1);
        for (int c = 0; c < _columns.Length; c++)
        {
            if (!passed[c]) continue;
            var list = _columns[c];
            while (list.Count <= slot) list.Add((0, 0));
            var (f, b) = list[(int)slot];
            list[(int)slot] = (f + 1, b + frameLength);
        }
    }

    private static int Magnitude(long value, int max)
    {
        int mag = 0;
        for (int i = 0; i < max; i++)
        {
            mag++;
            if ((value /= 10) == 0) break;
        }
        return mag;
    }

    public void Render(TextWriter w)
    {
        long duration = (_durationNs + 500) / 1000;
        long interval = _intervalUs;
        bool whole = interval > duration;
        if (whole) interval = duration;
        int durMag = Magnitude(duration / 1_000_000, 5);
        int invlMag = Magnitude(interval / 1_000_000, 5);
        int prec;
        int borderlen;
        if (interval == duration)
        {
            prec = durMag >= 2 ? 1 : durMag == 1 ? 3 : 6;
            borderlen = 30 + durMag + (prec == 0 ? 0 : prec + 1);
        }
        else
        {
            prec = _precision;
            borderlen = 25 + Math.Max(invlMag, durMag) + (prec == 0 ? 0 : prec + 1);
        }
        long dv = 1_000_000;
        for (int i = 0; i < prec; i++) dv /= 10;
        if (duration % dv > 5 * (dv / 10))
        {
            duration = (duration + 5 * (dv / 10)) / dv * dv;
            durMag = Magnitude(duration / 1_000_000, 5);
        }
        if (whole) interval = duration;
        int invlColW = prec == 0 ? 2 * durMag + 8 : 2 * durMag + 2 * prec + 10;
        invlColW = Math.Max(invlColW, 12);

        var frWidths = new int[_columns.Length];
        var valWidths = new int[_columns.Length];
        int tabrow = invlColW;
        for (int c = 0; c < _columns.Length; c++)
        {
            long maxFrames = 0, maxBytes = 0;
            foreach (var (f, b) in _columns[c]) { maxFrames = Math.Max(maxFrames, f); maxBytes = Math.Max(maxBytes, b); }
            frWidths[c] = Math.Max(6, Magnitude(maxFrames, 15));
            valWidths[c] = Math.Max(5, Magnitude(maxBytes, 15));
            tabrow += frWidths[c] + 3 + valWidths[c] + 3;
        }
        borderlen = Math.Max(borderlen, tabrow);
        int maxFilter = 0;
        foreach (var f in _filters) maxFilter = Math.Max(maxFilter, f is null ? 26 : f.Length + 11);
        if (maxFilter > borderlen && borderlen < 102) borderlen = Math.Min(maxFilter, 102);
        if (borderlen - tabrow == 1) borderlen++;

        var sb = new StringBuilder();
        sb.Append('\n').Append('=', borderlen).Append('\n');
        sb.Append('|').Append(" IO Statistics".PadRight(borderlen - 2)).Append("|\n");
        sb.Append('|').Append(' ', borderlen - 2).Append("|\n");
        int durW = durMag + (prec == 0 ? 0 : prec + 1);
        int durPrec = prec == 0 ? 6 : prec;
        // tshark 4.0 pads the duration's fraction with spaces, not zeros ("2. 79408"): kept, to print what it prints.
        Line(sb, $"| Duration: {Time(RoundTo((_durationNs + 500) / 1000, durPrec), durPrec, fractionPad: prec == 0 ? ' ' : '0').PadLeft(durW)} secs", borderlen);
        Line(sb, $"| Interval: {Time(interval, prec).PadLeft(durW)} secs", borderlen);
        sb.Append('|').Append(' ', borderlen - 2).Append("|\n");
        for (int c = 0; c < _filters.Length; c++)
            Line(sb, (c == 0 ? "| Col " : "|     ") + $"{c + 1}: " + (_filters[c] ?? "Frames and bytes"), borderlen);
        sb.Append("|-").Append('-', borderlen - 3).Append("|\n");

        // Column numbers, then labels.
        sb.Append('|').Append("|".PadLeft(invlColW - 1));
        for (int c = 0; c < _columns.Length; c++) sb.Append((c + 1).ToString(Inv).PadRight(2)).Append(' ', frWidths[c] + valWidths[c] + 3).Append('|');
        string filler = tabrow < borderlen ? "|".PadLeft(borderlen - tabrow) : "";
        sb.Append(filler).Append('\n');
        sb.Append("| Interval").Append("|".PadLeft(invlColW - 10));
        for (int c = 0; c < _columns.Length; c++) sb.Append(Center("Frames", frWidths[c])).Append(Center("Bytes", valWidths[c]));
        sb.Append(filler).Append("\n|-").Append('-', tabrow - 3).Append('|').Append(filler).Append('\n');

        long rows = interval == 0 || duration == 0 ? 0 : duration / interval + (duration % interval > 0 ? 1 : 0);
        rows = Math.Min(rows, MaxIntervals);
        long t = 0;
        for (long r = 0; r < rows; r++)
        {
            bool last = r == rows - 1;
            long end = last ? duration : t + interval;
            string from = Time(t, prec).PadLeft(durMag + (prec == 0 ? 0 : prec + 1)), to = Time(end, prec).PadLeft(durMag + (prec == 0 ? 0 : prec + 1));
            // With whole seconds the last row ends at "Dur" (the capture's end) rather than at a number.
            if (prec == 0 && last) sb.Append($"| {(durMag == 1 ? " " : "")}{from} <> {"Dur".PadRight(durMag >= 3 ? durMag + 1 : 3)}|");
            else sb.Append(prec == 0 && durMag == 1 ? $"|  {from} <> {to}  |" : $"| {from} <> {to} |");
            for (int c = 0; c < _columns.Length; c++)
            {
                var (f, b) = r < _columns[c].Count ? _columns[c][(int)r] : (0, 0);
                sb.Append(' ').Append(f.ToString(Inv).PadLeft(frWidths[c])).Append(" | ").Append(b.ToString(Inv).PadLeft(valWidths[c])).Append(" |");
            }
            if (tabrow < borderlen) sb.Append("|".PadLeft(borderlen - tabrow));
            sb.Append('\n');
            t += interval;
        }
        sb.Append('=', borderlen).Append('\n');
        w.Write(sb.ToString());
    }

    private static long RoundTo(long us, int prec)
    {
        long dv = 1_000_000;
        for (int i = 0; i < prec; i++) dv /= 10;
        return (us + dv / 2) / dv * dv;
    }

    private static string Time(long us, int prec, char fractionPad = '0')
    {
        if (prec == 0) return (us / 1_000_000).ToString(Inv);
        long dv = 1_000_000;
        for (int i = 0; i < prec; i++) dv /= 10;
        return $"{us / 1_000_000}.{(us % 1_000_000 / dv).ToString(Inv).PadLeft(prec, fractionPad)}";
    }

    private static void Line(StringBuilder sb, string text, int borderlen) =>
        sb.Append(text).Append("|".PadLeft(Math.Max(1, borderlen - text.Length))).Append('\n');

    /// <summary>printcenter: the label centred over a value column of the given width.</summary>
    private static string Center(string label, int width)
    {
        int pad = width + 2 - label.Length;
        int left = pad / 2 + (pad % 2), right = pad / 2;
        return new string(' ', Math.Max(0, left)) + label + new string(' ', Math.Max(0, right)) + "|";
    }
}
