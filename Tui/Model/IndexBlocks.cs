namespace Sniffer.Tui.Model;

/// <summary>
/// The bases of one <see cref="PacketIndex"/> chunk: each block of packets shares a file offset and a
/// timestamp that its packets are stored as 32-bit distances from. Appended in increasing slot order
/// by one writer and searched by readers at the same time.
/// </summary>
internal sealed class IndexBlocks
{
    private sealed class Store(int capacity)
    {
        public readonly ushort[] Starts = new ushort[capacity];
        public readonly long[] OffsetBases = new long[capacity];
        public readonly long[] TimeBases = new long[capacity];
        public int Count;
    }

    /// <summary>What one block costs (its first slot and two bases; spare capacity aside).</summary>
    public const int BytesPerBlock = sizeof(ushort) + 2 * sizeof(long);

    private Store _store = new(16);

    /// <summary>Single writer; <paramref name="start"/> must be higher than every start added before.</summary>
    public void Add(ushort start, long offsetBase, long timeBase)
    {
        var store = _store;
        int n = store.Count;
        if (n == store.Starts.Length)
        {
            // Readers holding the old store still find every block published before the copy.
            var bigger = new Store(n * 2);
            Array.Copy(store.Starts, bigger.Starts, n);
            Array.Copy(store.OffsetBases, bigger.OffsetBases, n);
            Array.Copy(store.TimeBases, bigger.TimeBases, n);
            Fill(bigger, n, start, offsetBase, timeBase);
            bigger.Count = n + 1;
            Volatile.Write(ref _store, bigger);
            return;
        }
        Fill(store, n, start, offsetBase, timeBase);
        Volatile.Write(ref store.Count, n + 1);
    }

    private static void Fill(Store store, int at, ushort start, long offsetBase, long timeBase)
    {
        store.Starts[at] = start;
        store.OffsetBases[at] = offsetBase;
        store.TimeBases[at] = timeBase;
    }

    /// <summary>The bases of the block <paramref name="slot"/> belongs to (the last one starting at or before it).</summary>
    public (long OffsetBase, long TimeBase) Find(int slot)
    {
        var store = Volatile.Read(ref _store);
        int lo = 0, hi = Volatile.Read(ref store.Count) - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >>> 1;
            if (store.Starts[mid] <= slot) lo = mid;
            else hi = mid - 1;
        }
        return (store.OffsetBases[lo], store.TimeBases[lo]);
    }
}
