using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sniffer.Analysis.Storage;

/// <summary>
/// Fixed-size records keyed by frame number, appended in frame order by a first pass and looked up
/// by a later random-access visit. Only the frame numbers (2 bytes per record, <see cref="FrameNumberList"/>) stay in memory; the
/// records go to a <see cref="SpillFile"/>, so memory does not grow with the record size.
/// </summary>
public sealed class FrameRecordLog<T> : IDisposable where T : unmanaged
{
    private readonly FrameNumberList _frames = new();
    private readonly SpillFile _records;
    private int _count;

    public FrameRecordLog(string? spillDirectory = null) => _records = new SpillFile(spillDirectory);

    public int Count => _count;

    /// <summary>Bytes held in memory (the frame numbers).</summary>
    public long MemoryBytes => _frames.MemoryBytes;

    /// <summary>Appends the record of <paramref name="frame"/>; frames must not decrease.</summary>
    public void Add(uint frame, in T record)
    {
        _frames.Add(frame);
        _records.Append(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in record)));
        _count++;
    }

    /// <summary>The <paramref name="occurrence"/>-th record of <paramref name="frame"/> (0 for the first).</summary>
    public bool TryGet(uint frame, int occurrence, out T record)
    {
        record = default;
        int index = First(frame);
        if (index < 0) return false;
        index += occurrence;
        if (index >= _count || FrameAt(index) != frame) return false;
        _records.Read((long)index * Unsafe.SizeOf<T>(), MemoryMarshal.AsBytes(new Span<T>(ref record)));
        return true;
    }

    /// <summary>How many records <paramref name="frame"/> has.</summary>
    public int CountOf(uint frame)
    {
        int index = First(frame), n = 0;
        if (index < 0) return 0;
        while (index + n < _count && FrameAt(index + n) == frame) n++;
        return n;
    }

    private uint FrameAt(int index) => _frames[index];

    // Where the last lookup ended: a pass revisiting frames in order finds the next frame's first record
    // right after it, without a binary search. Any thread may read or overwrite it; it is checked before use.
    private int _hint;

    private int First(uint frame)
    {
        int found = FirstNear(frame, _hint);
        if (found < 0) found = Search(frame);
        if (found >= 0) _hint = found;
        return found;
    }

    /// <summary>The first record of <paramref name="frame"/> when it is at <paramref name="hint"/> or just after it; else -1.</summary>
    private int FirstNear(uint frame, int hint)
    {
        int count = _count;
        for (int index = hint; index < count && index <= hint + 2; index++)
        {
            uint f = FrameAt(index);
            if (f > frame) return -1;
            if (f == frame) return index == 0 || FrameAt(index - 1) != frame ? index : -1;
        }
        return -1;
    }

    private int Search(uint frame)
    {
        int lo = 0, hi = _count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            uint f = FrameAt(mid);
            if (f < frame) lo = mid + 1;
            else { if (f == frame) found = mid; hi = mid - 1; }
        }
        return found;
    }

    public void Dispose() => _records.Dispose();
}
