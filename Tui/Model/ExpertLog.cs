using Sniffer.Dissectors.Expert;

namespace Sniffer.Tui.Model;

/// <summary>One expert note found while indexing: which frame, how bad, what kind.</summary>
public sealed record ExpertEntry(int FrameIndex, ExpertSeverity Severity, string Group, string Summary);

/// <summary>Expert notes collected during the indexing pass, for the Expert Info view.</summary>
public sealed class ExpertLog
{
    private readonly List<ExpertEntry> _entries = new();
    private readonly Lock _gate = new();

    public int Count { get { lock (_gate) return _entries.Count; } }

    internal void Add(ExpertEntry entry) { lock (_gate) _entries.Add(entry); }

    public IReadOnlyList<ExpertEntry> Snapshot() { lock (_gate) return _entries.ToArray(); }
}
