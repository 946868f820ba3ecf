using System.Globalization;

namespace Sniffer.Analysis.Reports;

/// <summary>Renders -z conv,TYPE as tshark 4.0 does (ui/cli/tap-iousers.c): rows by total frames, most first.</summary>
public sealed class ConversationReport(ConversationTable table, string? filter = null)
{
    private const string Rule = "================================================================================";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public void Render(TextWriter w)
    {
        bool ports = table.Kind is ConversationKind.Tcp or ConversationKind.Udp;
        w.Write(Rule + "\n");
        w.Write($"{Title(table.Kind)} Conversations\n");
        w.Write($"Filter:{filter ?? "<No Filter>"}\n");
        string pad = ports ? "            " : "";
        w.Write(pad + "                                               |       <-      | |       ->      | |     Total     |    Relative    |   Duration   |\n");
        w.Write(pad + "                                               | Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |\n");

        // Most frames first; equal totals keep the order of first appearance (a stable sort).
        var rows = new List<Conversation>(table.Items);
        var order = new Dictionary<Conversation, int>(rows.Count);
        for (int i = 0; i < rows.Count; i++) order[rows[i]] = i;
        rows.Sort((x, y) =>
        {
            int c = (y.TxFrames + y.RxFrames).CompareTo(x.TxFrames + x.RxFrames);
            return c != 0 ? c : order[x].CompareTo(order[y]);
        });
        foreach (var c in rows)
        {
            string a = c.EndpointA, b = c.EndpointB;
            w.Write(ports ? $"{a,-26} <-> {b,-26}" : $"{a,-20} <-> {b,-20}");
            w.Write($"  {c.RxFrames,6} {Size(c.RxBytes),-9}  {c.TxFrames,6} {Size(c.TxBytes),-9}  {c.RxFrames + c.TxFrames,6} {Size(c.RxBytes + c.TxBytes),-9}  ");
            double start = (c.StartNs - table.FirstFrameNs) / 1e9;
            double duration = (c.StopNs - c.StartNs) / 1e9;
            w.Write(start.ToString("F9", Inv).PadLeft(14));
            w.Write("   ");
            w.Write(duration.ToString("F4", Inv).PadLeft(12));
            w.Write('\n');
        }
        w.Write(Rule + "\n");
    }

    private static string Title(ConversationKind k) => k switch
    {
        ConversationKind.Ethernet => "Ethernet",
        ConversationKind.IPv4 => "IPv4",
        ConversationKind.IPv6 => "IPv6",
        ConversationKind.Tcp => "TCP",
        _ => "UDP",
    };

    /// <summary>Wireshark's format_size with SI prefixes: "6451 bytes", "155 kB", "12 MB".</summary>
    public static string Size(long n)
    {
        if (n >= 10_000_000_000_000_000) return $"{n / 1_000_000_000_000_000} PB";
        if (n >= 10_000_000_000_000) return $"{n / 1_000_000_000_000} TB";
        if (n >= 10_000_000_000) return $"{n / 1_000_000_000} GB";
        if (n >= 10_000_000) return $"{n / 1_000_000} MB";
        if (n >= 10_000) return $"{n / 1000} kB";
        return $"{n} bytes";
    }
}
