using Sniffer.Capture;

namespace Sniffer.Tui.Model;

/// <summary>
/// Reads frames that follow each other in the file (a filter pass over consecutive indices) through one
/// reused buffer: one large read serves thousands of frames, where <see cref="FrameStore.TryRead"/> costs
/// two system calls and a new array per frame. Any order works (a jump just refills the buffer), but only
/// file order is fast. One thread only; a frame's bytes are valid until the next read.
/// </summary>
public sealed class FrameCursor
{
    // About 1,600 average frames a read: the system calls vanish from the profile, and 1 MiB a filter run is nothing.
    private const int WindowBytes = 1 << 20;

    private readonly FrameStore _store;
    private byte[] _window = new byte[WindowBytes];
    private long _windowStart;
    private int _windowLength;

    internal FrameCursor(FrameStore store) => _store = store;

    /// <summary>Reads the frame <paramref name="entry"/> points at; false if the file does not (yet) hold all of it.</summary>
    public bool TryRead(in IndexEntry entry, out FrameInfo info, out ReadOnlySpan<byte> data)
    {
        data = default;
        long offset = entry.FileOffset;
        if (!Holds(offset, FrameStore.MaxRecordHeader)) Fill(offset, FrameStore.MaxRecordHeader);
        int at = (int)(offset - _windowStart);
        var header = _window.AsSpan(at, Math.Min(FrameStore.MaxRecordHeader, _windowLength - at));
        if (!_store.TryDescribe(header, entry, out info, out int dataStart)) return false;
        int recordBytes = dataStart + info.CapturedLength;
        if (!Holds(offset, recordBytes))
        {
            Fill(offset, recordBytes);
            if (!Holds(offset, recordBytes)) { info = default; return false; } // cut short: a live spool still being written
        }
        data = _window.AsSpan((int)(offset - _windowStart) + dataStart, info.CapturedLength);
        return true;
    }

    private bool Holds(long offset, int length) =>
        offset >= _windowStart && offset + length <= _windowStart + _windowLength;

    /// <summary>Reads the file from <paramref name="offset"/> on, as far as the buffer goes (at least <paramref name="length"/> bytes of room).</summary>
    private void Fill(long offset, int length)
    {
        if (_window.Length < length) _window = new byte[length]; // a frame larger than the window (rare, capped by MaxFrameBytes)
        _windowStart = offset;
        _windowLength = _store.ReadAt(offset, _window);
    }
}
