using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Analysis.Reports;

/// <summary>Counts expert notes by severity, group, protocol and message, in order of first appearance (-z expert).</summary>
public sealed class ExpertSummary
{
    private readonly Dictionary<(ExpertSeverity, ExpertGroup, string, string), Entry> _entries = new();

    public sealed class Entry(ExpertSeverity severity, ExpertGroup group, string protocol, string summary)
    {
        public ExpertSeverity Severity { get; } = severity;
        public ExpertGroup Group { get; } = group;
        public string Protocol { get; } = protocol;
        public string Summary { get; } = summary;
        public long Count { get; internal set; }
    }

    public List<Entry> Entries { get; } = new();

    public void Add(IEnumerable<ExpertNote> notes)
    {
        foreach (var n in notes) Add(n.Def, n.Message);
    }

    public void Add(ExpertDef def, string message)
    {
        string protocol = ProtocolShortName(def.Field.ProtocolName);
        var key = (def.Severity, def.Group, protocol, message);
        if (!_entries.TryGetValue(key, out var e))
        {
            e = new Entry(def.Severity, def.Group, protocol, message);
            _entries[key] = e;
            Entries.Add(e);
        }
        e.Count++;
    }

    /// <summary>Wireshark's protocol short names for the filter prefixes Sniffer uses.</summary>
    public static string ProtocolShortName(string prefix) => prefix switch
    {
        "ip" => "IPv4",
        "ipv6" => "IPv6",
        "icmpv6" => "ICMPv6",
        "eth" => "ETH",
        "ethertype" => "Ethertype",
        "_ws" => "Malformed",
        "vlan" => "VLAN",
        "sll" => "SLL",
        "frame" => "Frame",
        "data" => "Data",
        _ => prefix.ToUpperInvariant(),
    };
}

/// <summary>Renders -z expert like tshark 4.0 (ui/cli/tap-expert.c): one table per severity, worst first.</summary>
public sealed class ExpertReport(ExpertSummary summary)
{
    public void Render(TextWriter w)
    {
        foreach (var (severity, title) in new[] { (ExpertSeverity.Error, "Errors"), (ExpertSeverity.Warning, "Warns"), (ExpertSeverity.Note, "Notes"), (ExpertSeverity.Chat, "Chats"), (ExpertSeverity.Comment, "Comments") })
        {
            long total = 0;
            foreach (var e in summary.Entries) if (e.Severity == severity) total += e.Count;
            if (total == 0) continue;
            w.Write($"\n{title} ({total})\n");
            w.Write("=============\n");
            w.Write($"{"Frequency",12} {"Group",10} {"Protocol",18}  Summary\n");
            foreach (var e in summary.Entries)
            {
                if (e.Severity != severity) continue;
                w.Write($"{e.Count,12} {ExpertDef.GroupName(e.Group),10} {e.Protocol,18}  {e.Summary}\n");
            }
        }
    }
}
