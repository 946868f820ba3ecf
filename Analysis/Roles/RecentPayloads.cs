namespace Sniffer.Analysis.Roles;

/// <summary>
/// The last few payloads a host received (time, sender, connection, size, a hash and the last bytes), so
/// that a payload it sends soon after on another connection to a third host can be recognised as the
/// same message passed on: a relay. Fixed size per host (<see cref="Slots"/> entries of
/// <see cref="TailBytes"/> bytes), allocated the first time the host receives a payload worth matching.
/// </summary>
internal sealed class RecentPayloads
{
    public const int Slots = 8;
    public const int TailBytes = 64;
    /// <summary>Size-only matches (the bytes were not captured) need at least this much: short messages share sizes.</summary>
    public const int MinSizeOnlyBytes = 64;
    /// <summary>At least this many trailing bytes must agree for "same ending".</summary>
    public const int MinTailBytes = 32;

    private struct Entry
    {
        public long TimeNs;
        public uint Frame;
        public int From;
        public ulong Connection;
        public int Length;
        public int Captured;
        /// <summary>Of the first <see cref="TailBytes"/>: with the same length and last bytes, "the same payload" (cheap on big segments).</summary>
        public int Hash;
        public bool Used;
    }

    private readonly Entry[] _entries = new Entry[Slots];
    private readonly byte[] _tails = new byte[Slots * TailBytes];
    private int _next;

    public void Add(long timeNs, uint frame, int from, ulong connection, int length, ReadOnlySpan<byte> captured)
    {
        int slot = _next;
        _next = (_next + 1) % Slots;
        int tail = Math.Min(captured.Length, TailBytes);
        _entries[slot] = new Entry
        {
            TimeNs = timeNs, Frame = frame, From = from, Connection = connection, Length = length,
            Captured = captured.Length, Hash = Hash(captured[..Math.Min(captured.Length, TailBytes)]),
        };
        captured[^tail..].CopyTo(_tails.AsSpan(slot * TailBytes, tail));
    }

    /// <summary>
    /// Looks for a payload received within <paramref name="windowNs"/> before <paramref name="timeNs"/>, from
    /// another host than <paramref name="to"/> and on another connection, that this payload passes on. Each
    /// received payload is matched at most once.
    /// </summary>
    public bool TryMatch(long timeNs, int to, ulong connection, int length, ReadOnlySpan<byte> captured, long windowNs,
        out uint frameIn, out int from, out int bytesIn, out long delayNs, out string match)
    {
        int hash = -1;
        for (int i = 1; i <= Slots; i++)
        {
            int slot = (_next - i + Slots) % Slots;
            ref var e = ref _entries[slot];
            if (e.Length == 0 || e.Used || e.From == to || e.Connection == connection) continue;
            long delay = timeNs - e.TimeNs;
            if (delay < 0 || delay > windowNs) continue;
            string? kind = null;
            bool bothWhole = e.Captured == e.Length && captured.Length == length;
            if (bothWhole)
            {
                // The shorter payload is most of the end of the longer one, or their last TailBytes agree: the
                // same message behind a header added or taken off. Same length and hash: the very same bytes.
                // Padding (one byte repeated) proves nothing.
                int shorter = Math.Min(e.Length, length), longer = Math.Max(e.Length, length);
                int tail = Math.Min(shorter, TailBytes);
                int stored = Math.Min(e.Length, TailBytes);
                var ours = captured[^tail..];
                if (tail >= MinTailBytes && (shorter > TailBytes || 2 * shorter >= longer) && !IsPadding(ours) &&
                    ours.SequenceEqual(_tails.AsSpan(slot * TailBytes + stored - tail, tail)))
                {
                    if (hash == -1) hash = Hash(captured[..Math.Min(captured.Length, TailBytes)]);
                    kind = length == e.Length && hash == e.Hash ? "same payload" : "same ending";
                }
            }
            else if (length == e.Length && length >= MinSizeOnlyBytes) kind = "same size";
            if (kind is null) continue;
            e.Used = true;
            frameIn = e.Frame;
            from = e.From;
            bytesIn = e.Length;
            delayNs = delay;
            match = kind;
            return true;
        }
        frameIn = 0; from = -1; bytesIn = 0; delayNs = 0; match = "";
        return false;
    }

    private static bool IsPadding(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExcept(bytes[0]) < 0;

    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        var h = new HashCode();
        h.AddBytes(bytes);
        return h.ToHashCode() & int.MaxValue;
    }
}
