using System.Globalization;
using System.Text;
using Sniffer.Analysis.Web;

namespace Sniffer.Analysis.Reports;

/// <summary>
/// -z pageload (ours): one row per HTTP request (and per encrypted connection, and per failed connection) in the
/// order they started, a text waterfall scaled to the width, each row's phases with the frames that bound them,
/// and a totals line.
/// </summary>
public sealed class PageLoadReport(PageLoad page, int width)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    public const int MinWidth = 60;

    /// <summary>One letter per phase in the waterfall.</summary>
    public static char Letter(PhaseKind k) => k switch
    {
        PhaseKind.Dns => 'd',
        PhaseKind.Connect => 'c',
        PhaseKind.Tls => 't',
        PhaseKind.Blocked => '-',
        PhaseKind.Send => 's',
        PhaseKind.Wait => 'w',
        _ => 'r',
    };

    public void Render(TextWriter w)
    {
        int total = Math.Max(MinWidth, width);
        string rule = new('=', total);
        w.Write(rule + "\n");
        w.Write("Page load timeline\n");
        var rows = page.Rows;
        if (rows.Count == 0)
        {
            w.Write("No HTTP requests, TLS connections or failed connections in the capture.\n");
            w.Write(rule + "\n");
            return;
        }
        long start = page.StartNs, end = page.EndNs;
        long span = Math.Max(1, end - start);

        // #, label, status, bytes, time, then the waterfall between bars.
        const int numberWidth = 3, statusWidth = 17, bytesWidth = 8, timeWidth = 10;
        int fixedWidth = numberWidth + 1 + statusWidth + bytesWidth + 1 + timeWidth + 1 + 2;
        int rest = total - fixedWidth;
        int longest = 0;
        foreach (var row in rows) longest = Math.Max(longest, ShortLabel(row).Length);
        int minLabel = Math.Min(16, rest - 8);
        int labelWidth = Math.Clamp(longest, minLabel, Math.Max(minLabel, Math.Min(60, rest / 2)));
        int barWidth = Math.Max(8, rest - labelWidth);
        w.Write($"{"#",numberWidth} {Fit("Request", labelWidth)} {Fit("Status", statusWidth - 1)}{"Bytes",bytesWidth} {"Time ms",timeWidth} |{Fit($"0 .. {Ms(span)} ms", barWidth)}|\n");
        foreach (var row in rows)
        {
            w.Write(RowLine(row, start, span, labelWidth, barWidth) + "\n");
        }
        w.Write($"Waterfall: d dns, c connect, t TLS, - idle, s send, w wait, r receive; one column is {Ms(span / (double)barWidth)} ms\n");
        w.Write(new string('-', total) + "\n");
        foreach (var row in rows) RenderDetails(w, row, start);
        w.Write(new string('-', total) + "\n");
        w.Write(Totals(page) + "\n");
        w.Write(rule + "\n");
    }

    private static void RenderDetails(TextWriter w, PageLoadRow row, long pageStart)
    {
        var c = row.Connection;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{row.Number,3} {row.Label}  {row.Status}");
        if (row.Kind == RowKind.Http && row.Exchange?.Response is { } rs) sb.Append(CultureInfo.InvariantCulture, $", {Count(rs.MessageLength)} bytes ({Count(rs.BodyLength)} body)");
        else if (row.Kind == RowKind.Tls) sb.Append(CultureInfo.InvariantCulture, $", {Count(row.Bytes)} bytes from the server");
        sb.Append(CultureInfo.InvariantCulture, $", tcp.stream {c.Stream}, {c.Server}");
        if (row.Kind == RowKind.Http && row.Exchange!.IndexOnConnection > 1) sb.Append(CultureInfo.InvariantCulture, $", request {row.Exchange.IndexOnConnection} on the connection");
        w.Write(sb.Append('\n').ToString());
        foreach (var p in row.Phases) w.Write("      " + PhaseLine(row, p, pageStart) + "\n");
        foreach (var problem in row.Problems) w.Write($"      ! {problem}\n");
    }

    /// <summary>One phase: its name, the frames that bound it, when it began (since the page start), how long it took, and notes.</summary>
    public static string PhaseLine(PageLoadRow row, Phase p, long pageStart)
    {
        var c = row.Connection;
        string frames = p.Start.Frame == p.End.Frame && !p.Middle.IsSet ? $"frame {p.Start.Frame}"
            : p.Kind == PhaseKind.Connect && p.Middle.IsSet && p.Middle.Frame != p.End.Frame ? $"frames {p.Start.Frame} -> {p.Middle.Frame} -> {p.End.Frame}"
            : $"frames {p.Start.Frame} -> {p.End.Frame}";
        string note = p.Kind switch
        {
            PhaseKind.Dns when row.Dns is { } d => $"{d.QueryName} -> {string.Join(", ", d.Addresses)}",
            PhaseKind.Connect when c.HandshakeRttNs >= 0 => $"handshake RTT {Ms(c.HandshakeRttNs)} ms",
            PhaseKind.Tls when c.Sni is not null => $"SNI {c.Sni}",
            _ => "",
        };
        if (p.Retransmissions > 0) note = (note.Length > 0 ? note + ", " : "") + $"{p.Retransmissions} retransmission{(p.Retransmissions == 1 ? "" : "s")}";
        return $"{Phase.Name(p.Kind),-8} {frames,-24} at {Ms(p.Start.TimeNs - pageStart),10} ms  {Ms(p.DurationNs),10} ms  {note}".TrimEnd();
    }

    /// <summary>One row of the table: number, label, status, bytes, duration and its waterfall bar.</summary>
    public static string RowLine(PageLoadRow row, long pageStart, long span, int labelWidth, int barWidth) =>
        $"{row.Number,3} {Fit(ShortLabel(row), labelWidth)} {Fit(row.Status, 16)}{Count(row.Bytes),8} {Ms(row.EndNs - row.StartNs),10} |{Bar(row, pageStart, span, barWidth)}|";

    public static string Totals(PageLoad page)
    {
        var rows = page.Rows;
        int http = 0, tls = 0, unanswered = 0, refused = 0, reset = 0, retrans = 0;
        long bytes = 0;
        var codes = new SortedDictionary<ushort, int>();
        var connections = new HashSet<uint>();
        foreach (var r in rows)
        {
            connections.Add(r.Connection.Stream);
            bytes += r.Bytes;
            foreach (var p in r.Phases) retrans += p.Retransmissions;
            switch (r.Kind)
            {
                case RowKind.Http:
                    http++;
                    if (r.Code != 0) codes[r.Code] = codes.GetValueOrDefault(r.Code) + 1;
                    else unanswered++;
                    if (r.Status == "reset") reset++;
                    break;
                case RowKind.Tls:
                    tls++;
                    if (r.Status == "reset") reset++;
                    break;
                default:
                    if (r.Status == "refused") refused++;
                    else if (r.Status == "reset") reset++;
                    else unanswered++;
                    break;
            }
        }
        string status = codes.Count == 0 ? "none" : string.Join(", ", codes.Select(kv => $"{kv.Key} x{kv.Value}"));
        var sb = new StringBuilder();
        sb.Append(Inv, $"Totals: page {Seconds(page.StartNs)} s -> {Seconds(page.EndNs)} s ({Ms(page.EndNs - page.StartNs)} ms); ");
        sb.Append(Inv, $"{http} HTTP request{(http == 1 ? "" : "s")}, {tls} TLS connection{(tls == 1 ? "" : "s")}, {connections.Count} connection{(connections.Count == 1 ? "" : "s")}; ");
        sb.Append(Inv, $"{Count(bytes)} bytes received; status codes: {status}; ");
        sb.Append(Inv, $"unanswered {unanswered}, refused {refused}, reset {reset}, retransmissions {retrans}");
        if (page.UnusedConnections > 0) sb.Append(Inv, $"; {page.UnusedConnections} connection{(page.UnusedConnections == 1 ? "" : "s")} opened and never used");
        if (page.OtherConnections > 0) sb.Append(Inv, $"; {page.OtherConnections} other TCP connection{(page.OtherConnections == 1 ? "" : "s")}");
        var a = page.Activity;
        if (a.DroppedExchanges + a.DroppedConnections + a.DroppedResolutions > 0)
            sb.Append(Inv, $"; not tracked (caps): {a.DroppedExchanges} requests, {a.DroppedConnections} connections, {a.DroppedResolutions} DNS answers");
        return sb.ToString();
    }

    /// <summary>The row's phases drawn over the page's time span, one letter per phase (later phases win a shared cell).</summary>
    public static string Bar(PageLoadRow row, long pageStart, long span, int width)
    {
        var cells = new char[width];
        Array.Fill(cells, ' ');
        // Idle time first, so that the phases around it are drawn over its ends; every phase shows in at least one cell.
        foreach (var p in row.Phases) if (p.Kind == PhaseKind.Blocked) Draw(cells, p, pageStart, span);
        foreach (var p in row.Phases) if (p.Kind != PhaseKind.Blocked) Draw(cells, p, pageStart, span);
        return new string(cells);
    }

    private static void Draw(char[] cells, Phase p, long pageStart, long span)
    {
        int width = cells.Length;
        int from = Cell(p.Start.TimeNs - pageStart, span, width);
        int to = Cell(p.End.TimeNs - pageStart, span, width);
        // A phase too short for a cell of its own shows only where nothing longer is drawn.
        for (int i = from; i <= to; i++)
            if (p.DurationNs > 0 || cells[i] is ' ' or '-') cells[i] = Letter(p.Kind);
    }

    /// <summary>The label without the URL scheme (the table is narrow; the details show it whole).</summary>
    private static string ShortLabel(PageLoadRow row) => row.Label.Replace(" http://", " ", StringComparison.Ordinal).Replace(" https://", " ", StringComparison.Ordinal);

    private static int Cell(long offsetNs, long span, int width) => (int)Math.Clamp(offsetNs * (width - 1) / Math.Max(1, span), 0, width - 1);

    private static string Fit(string s, int width) => s.Length <= width ? s.PadRight(width) : s[..(width - 1)] + "~";
    private static string Ms(double ns) => (ns / 1e6).ToString("F3", Inv);
    private static string Seconds(long ns) => (ns / 1e9).ToString("F6", Inv);
    private static string Count(long n) => n.ToString("N0", Inv);
}
