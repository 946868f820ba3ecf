using System.Text;
using Sniffer.Analysis.Reports;
using Sniffer.Analysis.Roles;

namespace Sniffer.Tui.Model;

/// <summary>
/// The selected host's connections as text: the host in a box, the hosts that connected to it on the
/// left with arrows into the box (labelled with the port they reached), the hosts it connected to on
/// the right with arrows out of it, and connections without a handshake (direction unknown) below.
/// <see cref="BoxLeft"/>, <see cref="BoxRight"/> and <see cref="BoxBottom"/> tell the view where to colour in, box and out.
/// </summary>
public sealed record HostDiagram(IReadOnlyList<string> Lines, int BoxLeft, int BoxRight, int BoxBottom)
{
    public static HostDiagram Build(HostRoleRow host, int width, int height, IReadOnlyList<RelayEvidence>? relays = null)
    {
        var passedOn = relays?.Where(r => r.Relay == host.Address).ToList() ?? new List<RelayEvidence>();
        width = Math.Max(40, width);
        var incoming = Group(host.Links, LinkDirection.In);
        var outgoing = Group(host.Links, LinkDirection.Out);
        var self = Group(host.Links, LinkDirection.Self);
        var unknown = Group(host.Links, LinkDirection.Unknown);

        var summary = new List<string>(4);
        if (incoming.Count > 0 || outgoing.Count > 0 || self.Count == 0)
            summary.Add($"{Count(incoming.Count, "host")} connected to it, it connected to {Count(outgoing.Count, "host")}");
        if (self.Count > 0) summary.Add("talks to itself");
        if (unknown.Count > 0) summary.Add($"{unknown.Count} without handshake");
        var lines = new List<string>
        {
            $"Connections of {host.Address} ({host.RoleName}): {string.Join(", ", summary)}" +
            (host.LinksNotListed > 0 ? $" (the busiest {host.Links.Count} shown, {host.LinksNotListed} more)" : ""),
        };
        outgoing.AddRange(self);
        var inside = new List<string> { host.Address, host.Relays > 0 ? $"{host.RoleName}, relays {host.Relays}" : host.RoleName };
        if (host.ListenPorts.Count > 0) inside.Add("listens " + host.ListenText);

        // Rows for arrows: what fits under the title, the box borders and the unknown lines.
        int unknownRows = Math.Min(unknown.Count, Math.Max(0, (height - 5) / 3));
        int relayRows = Math.Min(passedOn.Count, Math.Max(0, (height - 5 - unknownRows) / 3));
        unknownRows += relayRows; // the rows under the box, for the arrows' budget
        int rows = Math.Max(inside.Count, Math.Max(1, Math.Min(Math.Max(incoming.Count, outgoing.Count), height - 3 - unknownRows)));
        var left = Labels(incoming, rows, l => $"{l.Other} {RoleText(l.OtherRole)} {l.Amount}");
        var right = Labels(outgoing, rows, l => l.Direction == LinkDirection.Self ? $"itself {l.Amount}" : $"{l.Other} {RoleText(l.OtherRole)} {l.Amount}");
        var leftPorts = Labels(incoming, rows, l => l.Ports);
        var rightPorts = Labels(outgoing, rows, l => l.Ports);
        int rightTag = rightPorts.Select(p => p.Length).DefaultIfEmpty(0).Max();

        int boxInner = Math.Min(inside.Max(s => s.Length) + 2, Math.Max(12, width / 4));
        int leftWidth = Math.Max(0, Math.Min(left.Select((s, i) => s.Length + leftPorts[i].Length + 8).DefaultIfEmpty(0).Max(), (width - boxInner - 2) / 2));
        int boxLeft = leftWidth, boxRight = boxLeft + boxInner + 1;
        int rightWidth = Math.Max(0, width - boxRight - 1);

        lines.Add(new string(' ', boxLeft) + "┌" + new string('─', boxInner) + "┐");
        for (int r = 0; r < rows; r++)
        {
            var line = new StringBuilder(width);
            line.Append(left[r].Length == 0 ? new string(' ', leftWidth) : Arrow(left[r], leftPorts[r], leftWidth, into: true));
            string text = r < inside.Count ? inside[r] : "";
            line.Append('│').Append(Fit(" " + text, boxInner).PadRight(boxInner)).Append('│');
            if (right[r].Length > 0) line.Append(Arrow(right[r], rightPorts[r], rightWidth, into: false, rightTag));
            lines.Add(line.ToString());
        }
        lines.Add(new string(' ', boxLeft) + "└" + new string('─', boxInner) + "┘");
        int boxBottom = lines.Count - 1;
        for (int i = 0; i < relayRows; i++)
        {
            var r = passedOn[i];
            lines.Add(i == relayRows - 1 && passedOn.Count > relayRows
                ? $"  … {passedOn.Count - i} more relayed"
                : Fit($"  relayed {r.From} ─► {r.Relay} ─► {r.To}: frame {r.FrameIn} ({r.BytesIn} bytes) passed on as frame {r.FrameOut} ({r.BytesOut} bytes) {r.DelayNs / 1e6:0.###} ms later, {r.Match}", width));
        }
        unknownRows -= relayRows;
        for (int i = 0; i < unknownRows; i++)
        {
            var l = unknown[i];
            bool last = i == unknownRows - 1 && unknown.Count > unknownRows;
            lines.Add(last ? $"  … {unknown.Count - i} more without handshake" : Fit($"  ◄─?─► {l.Other} {RoleText(l.OtherRole)} {l.Amount} (no handshake seen: direction unknown)", width));
        }
        return new HostDiagram(lines, boxLeft, boxRight, boxBottom);
    }

    /// <summary>One label per row; when there are more links than rows, the last row says how many are left.</summary>
    private static string[] Labels(List<ArrowTo> links, int rows, Func<ArrowTo, string> label)
    {
        var result = new string[rows];
        for (int r = 0; r < rows; r++)
        {
            if (r >= links.Count) { result[r] = ""; continue; }
            result[r] = r == rows - 1 && links.Count > rows ? $"… {links.Count - r} more" : label(links[r]);
        }
        return result;
    }

    /// <summary>"10.99.0.25 peer 1 conn 42 bytes ───── 7101 ─►" (into the box) or "─ 7102 ─────► 10.99.0.22 peer …" (out of it).</summary>
    private static string Arrow(string label, string ports, int width, bool into, int tagWidth = 0)
    {
        string tag = ports.Length > 0 && !label.StartsWith('…') ? $" {ports} " : "";
        int shaft = Math.Max(3, width - label.Length - tag.Length - 3);
        if (into)
        {
            string text = label + " " + new string('─', shaft) + tag + "─►";
            return text.Length > width ? "…" + text[^(width - 1)..] : text.PadLeft(width);
        }
        // Out of the box the arrowheads line up: the shaft makes up for shorter port lists.
        string outText = "─" + tag + new string('─', 4 + Math.Max(0, tagWidth - ports.Length)) + "► " + label;
        return Fit(outText, width);
    }

    /// <summary>One arrow per other host and direction: its TCP and UDP ports together.</summary>
    private sealed record ArrowTo(string Other, HostRole OtherRole, LinkDirection Direction, string Ports, string Amount);

    private static List<ArrowTo> Group(IReadOnlyList<HostLinkRow> links, LinkDirection direction)
    {
        var arrows = new List<ArrowTo>();
        foreach (var g in links.Where(l => l.Direction == direction).GroupBy(l => l.Other))
        {
            var parts = new List<string>(3);
            int conns = 0, flows = 0, unanswered = 0;
            long bytes = 0;
            foreach (var l in g)
            {
                if (l.Ports.EndsWith("/udp", StringComparison.Ordinal)) flows += l.Connections; else conns += l.Connections;
                unanswered += l.Unanswered;
                bytes += l.PayloadSent + l.PayloadReceived;
            }
            if (conns > 0) parts.Add(Count(conns, "conn"));
            if (flows > 0) parts.Add(Count(flows, "flow"));
            if (unanswered > 0) parts.Add($"{unanswered} unanswered");
            if (bytes > 0) parts.Add(ConversationReport.Size(bytes));
            string ports = string.Join(',', g.Select(l => l.Ports).Where(p => p.Length > 0));
            arrows.Add(new ArrowTo(g.Key, g.First().OtherRole, direction, ports, string.Join(' ', parts)));
        }
        return arrows;
    }

    private static string RoleText(HostRole role) => role.ToString().ToLowerInvariant();

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Fit(string text, int width) => text.Length <= width ? text : width <= 1 ? "" : text[..(width - 1)] + "…";
}
