namespace Sniffer.Tui.Model;

/// <summary>
/// The per-packet index of a capture, appended by one background thread and read by the UI at the
/// same time. Entries live in fixed-size chunks so growing never copies (and never pauses readers);
/// a new entry becomes visible only once <see cref="Count"/> is published after it is written.
/// </summary>
public sealed class PacketIndex
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;

    private IndexEntry[]?[] _chunks = new IndexEntry[]?[64];
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Bytes held by the entries (allocated chunks), for the status bar and measurements.</summary>
    public long MemoryBytes
    {
        get
        {
            int chunks = (Count + ChunkSize - 1) >> ChunkBits;
            return (long)chunks * ChunkSize * System.Runtime.CompilerServices.Unsafe.SizeOf<IndexEntry>();
        }
    }

    /// <summary>Single writer only.</summary>
    public void Add(in IndexEntry entry)
    {
        int n = _count;
        int chunk = n >> ChunkBits;
        var chunks = _chunks;
        if (chunk >= chunks.Length)
        {
            var bigger = new IndexEntry[]?[chunks.Length * 2];
            Array.Copy(chunks, bigger, chunks.Length);
            Volatile.Write(ref _chunks, bigger);
            chunks = bigger;
        }
        chunks[chunk] ??= new IndexEntry[ChunkSize];
        chunks[chunk]![n & ChunkMask] = entry;
        Volatile.Write(ref _count, n + 1);
    }

    /// <summary>The entry of the packet at zero-based position <paramref name="index"/> (frame number - 1).</summary>
    public ref readonly IndexEntry this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return ref Volatile.Read(ref _chunks)[index >> ChunkBits]![index & ChunkMask];
        }
    }

    public long FirstTimestampNs => Count > 0 ? this[0].TimestampNs : 0;

    /// <summary>The timestamp of the frame before, as frame.time_delta needs it.</summary>
    public long PreviousTimestampNs(int index) => index > 0 ? this[index - 1].TimestampNs : this[index].TimestampNs;
}
