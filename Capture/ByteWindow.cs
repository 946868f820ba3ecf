using System.Runtime.CompilerServices;

namespace Sniffer.Capture;

/// <summary>
/// A sliding window over a forward-only stream: one reusable buffer, refilled in large reads, so that
/// parsers can look at whole records as spans without copying or allocating per record.
/// The buffer only grows when a single record is bigger than it, and never beyond a fixed ceiling.
/// </summary>
internal sealed class ByteWindow : IDisposable
{
    private readonly Stream _stream;
    private readonly int _maxCapacity;
    private byte[] _buffer;
    private int _start;                 // first unread byte in _buffer
    private int _end;                   // one past the last valid byte in _buffer
    private long _bufferOrigin;         // stream offset of _buffer[0]
    private bool _streamEnded;

    public ByteWindow(Stream stream, int initialCapacity, int maxCapacity)
    {
        _stream = stream;
        _maxCapacity = Math.Max(initialCapacity, maxCapacity);
        _buffer = new byte[initialCapacity];
    }

    /// <summary>Offset in the stream of the next unread byte.</summary>
    public long Position => _bufferOrigin + _start;

    /// <summary>Bytes already buffered past <see cref="Position"/>.</summary>
    public int Available => _end - _start;

    /// <summary>Set when the underlying stream threw (I/O error, corrupt gzip data); the window then acts as if the stream ended.</summary>
    public Exception? ReadFailure { get; private set; }

    /// <summary>Current buffer size (for tests and diagnostics).</summary>
    public int Capacity => _buffer.Length;

    /// <summary>Makes at least <paramref name="count"/> bytes available; false if the stream ends (or fails) first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Ensure(int count) => _end - _start >= count || Fill(count);

    /// <summary>The next <paramref name="count"/> bytes; only valid after a successful <see cref="Ensure"/> for at least that many.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Peek(int count) => new(_buffer, _start, count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(int count) => _start += count;

    /// <summary>Moves past <paramref name="count"/> bytes without needing them in memory at once; false if the stream ends first.</summary>
    public bool Skip(long count)
    {
        while (count > 0)
        {
            if (_start == _end && !Fill(1)) return false;
            int step = (int)Math.Min(count, _end - _start);
            _start += step;
            count -= step;
        }
        return true;
    }

    private bool Fill(int count)
    {
        if (count > _maxCapacity || _streamEnded) return false;

        if (_buffer.Length - _start < count)
            MoveUnreadToFront();

        while (_end - _start < count)
        {
            // Grow only once the buffer is full of real data, so a lying length field in a short file costs
            // at most about twice what the file actually holds, never what the field claims.
            if (_end == _buffer.Length)
                Grow();

            int read;
            try
            {
                read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or NotSupportedException)
            {
                ReadFailure = e;
                _streamEnded = true;
                return false;
            }
            if (read <= 0)
            {
                _streamEnded = true;
                return false;
            }
            _end += read;
        }
        return true;
    }

    // Moves the unread tail to the front so the next read can fill the rest of the buffer in one go.
    private void MoveUnreadToFront()
    {
        int unread = _end - _start;
        Buffer.BlockCopy(_buffer, _start, _buffer, 0, unread);
        _bufferOrigin += _start;
        _start = 0;
        _end = unread;
    }

    private void Grow()
    {
        var larger = new byte[(int)Math.Min((long)_buffer.Length * 2, _maxCapacity)];
        Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
        _buffer = larger;
    }

    public void Dispose() => _stream.Dispose();
}
