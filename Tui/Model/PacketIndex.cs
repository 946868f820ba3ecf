namespace Sniffer.Tui.Model;

/// <summary>
/// The per-packet index of a capture, appended by one background thread and read by the UI at the
/// same time. Entries live in fixed-size chunks so growing never copies (and never pauses readers);
/// a new entry becomes visible only once <see cref="Count"/> is published after it is written.
/// A packet costs about 12 bytes: its file offset and timestamp are 32-bit distances from the bases
/// of its block (at most 256 packets), because at 24 bytes the index alone was the largest thing the
/// TUI held on a 5 M-packet file. A distance that does not fit (over 4.29 s later, earlier in time,
/// as in captures merged from several sources, or past a huge record) starts a new block.
/// </summary>
public sealed class PacketIndex
{
    private const int ChunkBits = 12;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;
    private const int BlockSize = 256;

    private struct PackedEntry
    {
        public uint OffsetDelta;
        public uint TimeDelta;
        public uint StreamAndColour;
    }

    private sealed class Chunk
    {
        public const long EntryBytes = ChunkSize * 12L;
        public readonly PackedEntry[] Entries = new PackedEntry[ChunkSize];
        public readonly IndexBlocks Blocks = new();
    }

    private Chunk?[] _chunks = new Chunk?[64];
    private int _count;
    private long _memoryBytes;
    // The writer's copy of the current block's bases.
    private long _offsetBase, _timeBase;
    private int _blockStart = -1;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Bytes held by the entries and block bases, for the status bar and measurements.</summary>
    public long MemoryBytes => Volatile.Read(ref _memoryBytes);

    /// <summary>Single writer only.</summary>
    public void Add(in IndexEntry entry)
    {
        int n = _count;
        int chunkNumber = n >> ChunkBits;
        int slot = n & ChunkMask;
        var chunks = _chunks;
        if (chunkNumber >= chunks.Length)
        {
            var bigger = new Chunk?[chunks.Length * 2];
            Array.Copy(chunks, bigger, chunks.Length);
            Volatile.Write(ref _chunks, bigger);
            chunks = bigger;
        }
        var chunk = chunks[chunkNumber];
        if (chunk is null)
        {
            chunk = new Chunk();
            chunks[chunkNumber] = chunk;
            _memoryBytes += Chunk.EntryBytes;
        }

        long offsetDelta = entry.FileOffset - _offsetBase, timeDelta = entry.TimestampNs - _timeBase;
        if (slot == 0 || n - _blockStart >= BlockSize || (ulong)offsetDelta > uint.MaxValue || (ulong)timeDelta > uint.MaxValue)
        {
            _offsetBase = entry.FileOffset;
            _timeBase = entry.TimestampNs;
            _blockStart = n;
            offsetDelta = timeDelta = 0;
            chunk.Blocks.Add((ushort)slot, _offsetBase, _timeBase);
            _memoryBytes += IndexBlocks.BytesPerBlock;
        }
        ref var packed = ref chunk.Entries[slot];
        packed.OffsetDelta = (uint)offsetDelta;
        packed.TimeDelta = (uint)timeDelta;
        packed.StreamAndColour = entry.StreamAndColour;
        Volatile.Write(ref _count, n + 1);
    }

    /// <summary>The entry of the packet at zero-based position <paramref name="index"/> (frame number - 1).</summary>
    public IndexEntry this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            var chunk = Volatile.Read(ref _chunks)[index >> ChunkBits]!;
            int slot = index & ChunkMask;
            var (offsetBase, timeBase) = chunk.Blocks.Find(slot);
            ref readonly var packed = ref chunk.Entries[slot];
            return new IndexEntry(offsetBase + packed.OffsetDelta, timeBase + packed.TimeDelta, packed.StreamAndColour);
        }
    }

    public long FirstTimestampNs => Count > 0 ? this[0].TimestampNs : 0;

    /// <summary>The timestamp of the frame before, as frame.time_delta needs it.</summary>
    public long PreviousTimestampNs(int index) => index > 0 ? this[index - 1].TimestampNs : this[index].TimestampNs;
}
