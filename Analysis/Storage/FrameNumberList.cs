namespace Sniffer.Analysis.Storage;

/// <summary>
/// A list of non-decreasing frame numbers, in chunks of 4096: a chunk whose numbers lie within 65,535
/// of its first holds them as 16-bit distances (2 bytes a number), and widens to 32 bits only when one
/// does not fit. TCP's per-frame records come one or more a frame, so nearly every chunk stays narrow
/// (5 M records: 10 MB instead of 20).
/// </summary>
public sealed class FrameNumberList
{
    private const int ChunkBits = 12;
    private const int ChunkSize = 1 << ChunkBits;

    private sealed class Chunk(uint first)
    {
        public readonly uint First = first;
        public ushort[]? Narrow = new ushort[ChunkSize];
        public uint[]? Wide;
    }

    private readonly List<Chunk> _chunks = new();
    private int _count;

    public int Count => _count;

    /// <summary>Bytes held by the numbers.</summary>
    public long MemoryBytes
    {
        get
        {
            long bytes = 0;
            foreach (var chunk in _chunks) bytes += chunk.Narrow is not null ? ChunkSize * sizeof(ushort) : ChunkSize * sizeof(uint);
            return bytes;
        }
    }

    public void Add(uint frame)
    {
        int slot = _count & (ChunkSize - 1);
        if (slot == 0) _chunks.Add(new Chunk(frame));
        var chunk = _chunks[^1];
        uint distance = frame - chunk.First;
        if (chunk.Narrow is { } narrow)
        {
            if (distance <= ushort.MaxValue) narrow[slot] = (ushort)distance;
            else
            {
                Widen(chunk, slot);
                chunk.Wide![slot] = frame;
            }
        }
        else chunk.Wide![slot] = frame;
        _count++;
    }

    public uint this[int index]
    {
        get
        {
            var chunk = _chunks[index >> ChunkBits];
            int slot = index & (ChunkSize - 1);
            return Volatile.Read(ref chunk.Narrow) is { } narrow ? chunk.First + narrow[slot] : chunk.Wide![slot];
        }
    }

    // Readers on other threads may hold the chunk: the wide array is complete before the narrow one goes.
    private static void Widen(Chunk chunk, int filled)
    {
        var wide = new uint[ChunkSize];
        var narrow = chunk.Narrow!;
        for (int i = 0; i < filled; i++) wide[i] = chunk.First + narrow[i];
        chunk.Wide = wide;
        Volatile.Write(ref chunk.Narrow, null);
    }
}
