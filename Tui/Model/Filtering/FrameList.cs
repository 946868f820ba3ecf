namespace Sniffer.Tui.Model.Filtering;

/// <summary>An append-only list of frame indices, written by one thread and read by the UI meanwhile.</summary>
public sealed class FrameList
{
    private int[] _items = new int[1024];
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public int this[int i] => Volatile.Read(ref _items)[i];

    internal void Add(int frameIndex)
    {
        if (_count == _items.Length)
        {
            var bigger = new int[_items.Length * 2];
            Array.Copy(_items, bigger, _count);
            Volatile.Write(ref _items, bigger);
        }
        _items[_count] = frameIndex;
        Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>Position of the first listed frame at or after <paramref name="frameIndex"/> (binary search; the list is sorted).</summary>
    public int PositionOf(int frameIndex)
    {
        int lo = 0, hi = Count - 1;
        var items = Volatile.Read(ref _items);
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (items[mid] < frameIndex) lo = mid + 1; else hi = mid - 1;
        }
        return lo;
    }
}
