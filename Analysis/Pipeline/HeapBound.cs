namespace Sniffer.Analysis.Pipeline;

/// <summary>
/// Keeps a long pass's heap near what it holds alive. The tables of a large capture reach the oldest
/// generation, and the runtime lets their dead copies (a table's arrays before it doubled, released
/// streams) pile up there: the TUI's indexer grew to 550 MB around 230 MB of live objects on a 3 GB
/// capture, and a batch read split across shards kept 60 MB committed beyond its heap. Past 1.5 times the
/// live size of the last compaction plus 32 MB, one compacting collection returns the rest.
/// </summary>
public sealed class HeapBound
{
    private const long Slack = 32L << 20;
    private long _liveAfterCompaction;

    /// <summary>Full compacting collections run so far.</summary>
    public int Compactions { get; private set; }

    public void Check()
    {
        long heap = GC.GetTotalMemory(forceFullCollection: false);
        if (heap < _liveAfterCompaction * 3 / 2 + Slack) return;
        Compact();
        _liveAfterCompaction = GC.GetTotalMemory(forceFullCollection: false);
        Compactions++;
    }

    public static void Compact()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
