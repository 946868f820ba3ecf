using Sniffer.Dissectors.Expert;

namespace Sniffer.Tui.Model;

/// <summary>
/// One kind of expert note (a definition; null stands for "malformed packet"), how many frames carry
/// it, and the first of those frames — what the Expert Info view lists.
/// </summary>
public sealed record ExpertKind(ExpertDef? Def, long Count, IReadOnlyList<int> FirstFrames)
{
    public ExpertSeverity Severity => Def?.Severity ?? ExpertSeverity.Error;
    public string Group => Def is null ? "Malformed" : ExpertDef.GroupName(Def.Group);
    public string Summary => Def?.Message ?? "Malformed packet";
}

/// <summary>
/// Expert notes collected during the indexing pass, for the Expert Info view: exact counts per kind,
/// and the frame numbers of the first <see cref="FramesKeptPerKind"/> notes of each kind. A capture can
/// carry a note on most of its millions of packets; keeping every one would grow with the file.
/// </summary>
public sealed class ExpertLog
{
    public const int FramesKeptPerKind = 5000;

    private sealed class Tally(ExpertDef? def)
    {
        public readonly ExpertDef? Def = def;
        public long Count;
        public readonly List<int> Frames = new();
    }

    private readonly Dictionary<ExpertDef, Tally> _byDef = new();
    private Tally? _malformed;
    private readonly List<Tally> _inOrder = new();
    private readonly Lock _gate = new();
    private long _count;

    /// <summary>Notes seen so far, all kinds together.</summary>
    public long Count { get { lock (_gate) return _count; } }

    internal void Add(int frameIndex, ExpertDef? def)
    {
        lock (_gate)
        {
            Tally? tally;
            if (def is null) tally = _malformed;
            else _byDef.TryGetValue(def, out tally);
            if (tally is null)
            {
                tally = new Tally(def);
                if (def is null) _malformed = tally;
                else _byDef[def] = tally;
                _inOrder.Add(tally);
            }
            tally.Count++;
            if (tally.Frames.Count < FramesKeptPerKind) tally.Frames.Add(frameIndex);
            _count++;
        }
    }

    /// <summary>The kinds in order of first appearance, with their counts and first frames.</summary>
    public IReadOnlyList<ExpertKind> Snapshot()
    {
        lock (_gate)
        {
            var kinds = new List<ExpertKind>(_inOrder.Count);
            foreach (var t in _inOrder) kinds.Add(new ExpertKind(t.Def, t.Count, t.Frames.ToArray()));
            return kinds;
        }
    }
}
