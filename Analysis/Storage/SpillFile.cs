using Microsoft.Win32.SafeHandles;

namespace Sniffer.Analysis.Storage;

/// <summary>
/// Append-only bytes kept on disk instead of the heap: what a first pass remembers for later random
/// access (per-frame analysis, reassembled PDUs) grows with the capture, so the TUI would otherwise
/// hold a large part of the file in memory. The file is unlinked as soon as it is open, so nothing is
/// left behind whatever way the process ends; the page cache keeps recent reads cheap.
/// </summary>
public sealed class SpillFile : IDisposable
{
    private const int TailSize = 1 << 16;

    private readonly SafeFileHandle _handle;
    private readonly byte[] _tail = new byte[TailSize];
    private readonly Lock _lock = new();
    private int _tailLength;
    private long _flushed;

    public SpillFile(string? directory = null)
    {
        directory ??= Path.GetTempPath();
        string path = Path.Combine(directory, $"sniffer-spill-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        _handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.None);
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Bytes appended so far.</summary>
    public long Length
    {
        get { lock (_lock) return _flushed + _tailLength; }
    }

    /// <summary>Appends <paramref name="data"/> and returns the offset it starts at.</summary>
    public long Append(ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            long at = _flushed + _tailLength;
            while (!data.IsEmpty)
            {
                int n = Math.Min(data.Length, TailSize - _tailLength);
                data[..n].CopyTo(_tail.AsSpan(_tailLength));
                _tailLength += n;
                data = data[n..];
                if (_tailLength == TailSize) Flush();
            }
            return at;
        }
    }

    /// <summary>Fills <paramref name="into"/> with the bytes at <paramref name="offset"/>.</summary>
    public void Read(long offset, Span<byte> into)
    {
        lock (_lock)
        {
            if (offset < 0 || offset + into.Length > _flushed + _tailLength) throw new ArgumentOutOfRangeException(nameof(offset));
            long end = offset + into.Length;
            if (offset < _flushed)
            {
                int fromFile = (int)Math.Min(into.Length, _flushed - offset);
                ReadFlushed(offset, into[..fromFile]);
                into = into[fromFile..];
                offset += fromFile;
            }
            if (!into.IsEmpty) _tail.AsSpan((int)(offset - _flushed), into.Length).CopyTo(into);
            _lastReadEnd = end;
        }
    }

    // Read-ahead for a pass that revisits frames in order (a TUI filter): its reads follow each other
    // through the file, and one 64 KiB read serves hundreds of them instead of a system call each.
    private const int ReadAheadSize = 1 << 16;
    private byte[]? _ahead;
    private long _aheadStart;
    private int _aheadLength;
    private long _lastReadEnd = -1;

    private void ReadFlushed(long offset, Span<byte> into)
    {
        if (_ahead is not null && offset >= _aheadStart && offset < _aheadStart + _aheadLength)
        {
            int at = (int)(offset - _aheadStart);
            int held = Math.Min(into.Length, _aheadLength - at);
            _ahead.AsSpan(at, held).CopyTo(into);
            // A record running past the buffer (a large reassembled PDU): only the rest is read.
            if (held < into.Length) ReadExactly(offset + held, into[held..]);
            return;
        }
        bool sequential = _lastReadEnd >= 0 && offset >= _lastReadEnd && offset - _lastReadEnd < ReadAheadSize;
        if (sequential && into.Length <= ReadAheadSize)
        {
            _ahead ??= new byte[ReadAheadSize];
            // Flushed bytes never change, so what the buffer holds stays right however the file grows.
            _aheadLength = (int)Math.Min(ReadAheadSize, _flushed - offset);
            ReadExactly(offset, _ahead.AsSpan(0, _aheadLength));
            _aheadStart = offset;
            _ahead.AsSpan(0, into.Length).CopyTo(into);
            return;
        }
        ReadExactly(offset, into); // a random visit (the UI jumping to a packet) reads only what it needs
    }

    private void ReadExactly(long offset, Span<byte> into)
    {
        while (!into.IsEmpty)
        {
            int n = RandomAccess.Read(_handle, into, offset);
            if (n <= 0) throw new IOException("spill file shorter than written");
            into = into[n..];
            offset += n;
        }
    }

    private void Flush()
    {
        RandomAccess.Write(_handle, _tail.AsSpan(0, _tailLength), _flushed);
        _flushed += _tailLength;
        _tailLength = 0;
    }

    public void Dispose() => _handle.Dispose();
}
