using Sniffer.Dissectors.Expert;

namespace Sniffer.Tui.Model;

/// <summary>
/// One expert note found while indexing: which frame and which note (16 bytes, as captures can carry
/// a note on most packets). A null definition stands for "malformed packet".
/// </summary>
public readonly record struct ExpertEntry(int FrameIndex, ExpertDef? Def)
{
    public ExpertSeverity Severity => Def?.Severity ?? ExpertSeverity.Error;
    public string Group => Def is null ? "Malformed" : ExpertDef.GroupName(Def.Group);
    public string Summary => Def?.Message ?? "Malformed packet";
}

/// <summary>Expert notes collected during the indexing pass, for the Expert Info view.</summary>
public sealed class ExpertLog
{
    private readonly List<ExpertEntry> _entries = new();
    private readonly Lock _gate = new();

    public int Count { get { lock (_gate) return _entries.Count; } }

    internal void Add(ExpertEntry entry) { lock (_gate) _entries.Add(entry); }

    public IReadOnlyList<ExpertEntry> Snapshot() { lock (_gate) return _entries.ToArray(); }
}
