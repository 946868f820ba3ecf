namespace Sniffer.Analysis.Storage;

/// <summary>
/// What a matching table told each (frame, ordinal) message on its first visit, so that a revisit
/// answers the same. Frames are first visited in increasing order and a frame's messages in ordinal
/// order, so when revisits are wanted the answers form an append-sorted log: it lives in a
/// <see cref="FrameRecordLog{T}"/> (4 bytes per message in memory, the rest on disk) instead of a
/// Dictionary keyed by (frame, ordinal), which costs some 60-90 bytes per message on the heap.
/// A single pass keeps only the current frame's answers (see <see cref="ForgetAll"/>) in a small dictionary.
/// </summary>
public sealed class FirstVisitAnswers<T> where T : unmanaged
{
    private readonly FrameRecordLog<T>? _log;
    // The single pass's answers; with a log, the rare message that would break its order (never seen in
    // practice, kept so that any call order answers exactly as a dictionary would).
    private readonly Dictionary<(uint Frame, int Ordinal), T> _other = new();
    private uint _lastFrame;
    private int _lastOrdinal = -1;

    /// <param name="remember">Keep every frame's answers (the TUI, -2); otherwise the caller forgets them per frame.</param>
    public FirstVisitAnswers(bool remember)
    {
        if (remember) _log = new FrameRecordLog<T>();
    }

    public bool TryGet(uint frame, int ordinal, out T answer)
    {
        // The first visit of a new frame (the common call) needs no search.
        if (_log is not null && _log.Count > 0 && frame <= _lastFrame && _log.TryGet(frame, ordinal, out answer)) return true;
        return _other.TryGetValue((frame, ordinal), out answer);
    }

    /// <summary>Stores the answer of a message not stored before.</summary>
    public void Add(uint frame, int ordinal, in T answer)
    {
        bool inOrder = _log is not null &&
            (_log.Count == 0 ? ordinal == 0 : frame > _lastFrame ? ordinal == 0 : frame == _lastFrame && ordinal == _lastOrdinal + 1);
        if (!inOrder)
        {
            _other[(frame, ordinal)] = answer;
            return;
        }
        _log!.Add(frame, answer);
        _lastFrame = frame;
        _lastOrdinal = ordinal;
    }

    /// <summary>Drops the answers a single pass kept (it moved on to a later frame); a kept log stays.</summary>
    public void ForgetAll() => _other.Clear();
}
