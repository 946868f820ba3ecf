using System.Globalization;
using System.Text;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Analysis.Reports.Stats;

/// <summary>
/// -z io,stat,INTERVAL[,FILTER...] (ui/cli/tap-iostat.c) with its default "Frames and bytes" columns: one column per
/// filter (none: every packet), one row per interval since the first frame, the last row ending at the capture's
/// duration. An interval of 0, or one longer than the capture, is the whole capture. Calculated columns
/// (COUNT/SUM/MIN/MAX/AVG/LOAD of a field) accumulate the field's values over the frames their filter passes.
/// </summary>
public sealed class IoStatReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    /// <summary>Intervals kept per column; packets past the last are added to it (a capture spanning decades stays bounded).</summary>
    public const int MaxIntervals = 1_000_000;

    private readonly long _intervalUs;
    private readonly int _precision;
    private readonly IoStatColumn[] _specs;
    private readonly List<Cell>[] _columns;
    /// <summary>tap-iostat.c's max_vals and max_frame: updated per packet for the packet's own interval only.</summary>
    private readonly ulong[] _maxValues;
    private readonly long[] _maxFrames;
    private long _durationNs;

    /// <summary>One interval of one column: frames seen, values averaged, and the accumulated value.</summary>
    private struct Cell
    {
        public long Frames;
        public long Num;
        public ulong Counter;
        public double Double;
    }

    public IoStatReport(string interval, IReadOnlyList<IoStatColumn> columns)
    {
        if (!double.TryParse(interval, NumberStyles.Float, Inv, out double seconds) || seconds < 0)
            throw new ArgumentException($"invalid interval \"{interval}\"");
        int dot = interval.IndexOf('.');
        _precision = dot < 0 ? 0 : Math.Min(6, interval.Length - dot - 1);
        _intervalUs = seconds == 0 ? long.MaxValue : (long)Math.Round(seconds * 1e6);
        if (_intervalUs <= 0) throw new ArgumentException($"invalid interval \"{interval}\"");
        _specs = columns.Count == 0 ? [IoStatColumn.Parse(null)] : columns.ToArray();
        _columns = new List<Cell>[_specs.Length];
        for (int i = 0; i < _columns.Length; i++) _columns[i] = new();
        _maxValues = new ulong[_specs.Length];
        _maxFrames = new long[_specs.Length];
    }

    public IReadOnlyList<IoStatColumn> Columns => _specs;

    /// <summary>Every packet: its time since the first frame, its length, which columns' filters it passed, and its field values.</summary>
    public void Add(long relativeNs, long frameLength, ReadOnlySpan<bool> passed, FieldValueSet values)
    {
        _durationNs = Math.Max(_durationNs, relativeNs);
        long us = relativeNs / 1000;
        long slot = _intervalUs == long.MaxValue ? 0 : Math.Min(us / _intervalUs, MaxIntervals - 1);
        for (int c = 0; c < _columns.Length; c++)
        {
            if (!passed[c]) continue;
            var list = _columns[c];
            while (list.Count <= slot) list.Add(default);
            var cell = list[(int)slot];
            cell.Frames++;
            var spec = _specs[c];
            if (spec.Calc == IoStatCalc.FramesAndBytes) cell.Counter += (ulong)frameLength;
            else Accumulate(spec, ref cell, values, list, (int)slot);
            list[(int)slot] = cell;
            _maxFrames[c] = Math.Max(_maxFrames[c], cell.Frames);
            _maxValues[c] = Math.Max(_maxValues[c], MaxValueOf(spec, cell));
        }
    }

    /// <summary>iostat_packet's per-calculation accumulation of the field's occurrences in this frame.</summary>
    private void Accumulate(IoStatColumn spec, ref Cell cell, FieldValueSet values, List<Cell> list, int slot)
    {
        int i = 0;
        for (int e = values.First(spec.Field!); e >= 0; e = values.Next(e), i++)
        {
            var v = values[e];
            ulong bits = v.Bits;
            double number = v.Kind == ValueKind.Double ? v.Number : v.Kind == ValueKind.Int ? v.Signed : v.Bits;
            bool first = cell.Frames == 1 && i == 0;
            switch (spec.Calc)
            {
                case IoStatCalc.Count: cell.Counter++; break;
                case IoStatCalc.Sum:
                case IoStatCalc.Avg:
                    if (spec.Calc == IoStatCalc.Avg) cell.Num++;
                    if (spec.IsDouble) cell.Double += number; else cell.Counter += bits;
                    break;
                case IoStatCalc.Min:
                    if (spec.IsDouble) { if (first || number < cell.Double) cell.Double = number; }
                    else if (first || (spec.IsSigned ? (long)bits < (long)cell.Counter : bits < cell.Counter)) cell.Counter = bits;
                    break;
                case IoStatCalc.Max:
                    if (spec.IsDouble) { if (number > cell.Double) cell.Double = number; }
                    else if (spec.IsSigned ? (long)bits > (long)cell.Counter : bits > cell.Counter) cell.Counter = bits;
                    break;
                case IoStatCalc.Load:
                    // The time (us) is spread back over the intervals it covers, this one taking the remainder.
                    ulong time = bits / 1000;
                    ulong interval = (ulong)_intervalUs;
                    ulong remainder = time % interval;
                    cell.Counter += remainder;
                    time -= remainder;
                    for (int p = slot - 1; time > 0 && p >= 0; p--)
                    {
                        var prior = list[p];
                        ulong part = Math.Min(time, interval);
                        prior.Counter += part;
                        list[p] = prior;
                        time -= part;
                    }
                    break;
            }
        }
    }

    private static ulong MaxValueOf(IoStatColumn spec, in Cell cell)
    {
        if (spec.Calc == IoStatCalc.Avg)
        {
            if (cell.Num == 0) return 0;
            if (spec.IsDouble) return (ulong)cell.Double / (ulong)cell.Num;
            if (spec.IsTime) return (cell.Counter / (ulong)cell.Num + 500_000_000) / 1_000_000_000;
            return cell.Counter / (ulong)cell.Num;
        }
        if (spec.IsDouble && spec.Calc is IoStatCalc.Sum or IoStatCalc.Min or IoStatCalc.Max) return (ulong)(cell.Double + 0.5);
        return cell.Counter;
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
            ColumnWidths(c, (ulong)Math.Max(1, interval), out frWidths[c], out valWidths[c]);
            tabrow += (frWidths[c] > 0 ? frWidths[c] + 3 : 0) + valWidths[c] + 3;
        }
        borderlen = Math.Max(borderlen, tabrow);
        int maxFilter = 0;
        foreach (var spec in _specs) maxFilter = Math.Max(maxFilter, spec.Text is null ? 26 : spec.Text.Length + 11);
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
        for (int c = 0; c < _specs.Length; c++)
            Line(sb, (c == 0 ? "| Col " : "|     ") + $"{c + 1}: " + (_specs[c].Text ?? "Frames and bytes"), borderlen);
        sb.Append("|-").Append('-', borderlen - 3).Append("|\n");

        // Column numbers, then labels.
        sb.Append('|').Append("|".PadLeft(invlColW - 1));
        for (int c = 0; c < _columns.Length; c++) sb.Append((c + 1).ToString(Inv).PadRight(2)).Append(' ', (frWidths[c] > 0 ? frWidths[c] + 3 : 0) + valWidths[c]).Append('|');
        string filler = tabrow < borderlen ? "|".PadLeft(borderlen - tabrow) : "";
        sb.Append(filler).Append('\n');
        sb.Append("| Interval").Append("|".PadLeft(invlColW - 10));
        for (int c = 0; c < _columns.Length; c++)
        {
            if (_specs[c].Calc == IoStatCalc.FramesAndBytes) sb.Append(Center("Frames", frWidths[c])).Append(Center("Bytes", valWidths[c]));
            else sb.Append(Center(_specs[c].Label, valWidths[c]));
        }
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
                var cell = r < _columns[c].Count ? _columns[c][(int)r] : default;
                if (frWidths[c] > 0) sb.Append(' ').Append(cell.Frames.ToString(Inv).PadLeft(frWidths[c])).Append(" |");
                sb.Append(' ').Append(CellText(_specs[c], cell, last ? (ulong)Math.Max(1, end - t) : (ulong)interval).PadLeft(valWidths[c])).Append(" |");
            }
            if (tabrow < borderlen) sb.Append("|".PadLeft(borderlen - tabrow));
            sb.Append('\n');
            t += interval;
        }
        sb.Append('=', borderlen).Append('\n');
        w.Write(sb.ToString());
    }

    /// <summary>iostat_draw's column widths: the frames part (0 for a calculated column) and the value part.</summary>
    private void ColumnWidths(int c, ulong interval, out int frames, out int value)
    {
        var spec = _specs[c];
        ulong max = _maxValues[c];
        frames = 0;
        if (spec.Calc == IoStatCalc.FramesAndBytes)
        {
            frames = Math.Max(6, Magnitude(_maxFrames[c], 15));
            value = Math.Max(5, Magnitude((long)max, 15));
        }
        else if (spec.Calc == IoStatCalc.Count) value = Math.Max(5, Magnitude((long)max, 15));
        else if (spec.IsDouble) value = Magnitude((long)max, 15) + 7;
        else if (spec.IsTime)
        {
            if (spec.Calc == IoStatCalc.Load) max /= interval;
            else if (spec.Calc != IoStatCalc.Avg) max = (max + 500_000_000) / 1_000_000_000;
            value = Magnitude((long)max, 15) + 7;
        }
        else value = Math.Max(spec.Label.Length, Magnitude((long)max, 15));
    }

    /// <summary>One cell's value as iostat_draw prints it; a LOAD divides by the interval's length (the last one's may be shorter).</summary>
    private static string CellText(IoStatColumn spec, in Cell cell, ulong interval)
    {
        ulong num = cell.Num == 0 ? 1 : (ulong)cell.Num;
        switch (spec.Calc)
        {
            case IoStatCalc.FramesAndBytes:
            case IoStatCalc.Count:
                return cell.Counter.ToString(Inv);
            case IoStatCalc.Load:
                return $"{cell.Counter / interval}.{(cell.Counter % interval * 1_000_000 / interval).ToString("D6", Inv)}";
        }
        bool avg = spec.Calc == IoStatCalc.Avg;
        if (spec.IsDouble) return (avg ? cell.Double / num : cell.Double).ToString("F6", Inv);
        if (spec.IsTime)
        {
            ulong us = ((avg ? cell.Counter / num : cell.Counter) + 500) / 1000;
            return $"{us / 1_000_000}.{(us % 1_000_000).ToString("D6", Inv)}";
        }
        if (spec.IsSigned) return (avg ? (long)cell.Counter / (long)num : (long)cell.Counter).ToString(Inv);
        return (avg ? cell.Counter / num : cell.Counter).ToString(Inv);
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
