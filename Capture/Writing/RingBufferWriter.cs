using System.Diagnostics;
using System.Globalization;

namespace Sniffer.Capture;

/// <summary>
/// Writes a series of files named like tshark's ring buffer, prefix_00001_YYYYmmddHHMMSS.ext,
/// switching on size or age and deleting the oldest beyond the configured count.
/// Each file is complete on its own (its own section and interface blocks).
/// </summary>
public sealed class RingBufferWriter : ICaptureWriter
{
    private readonly string _directory;
    private readonly string _prefix;
    private readonly string _extension;
    private readonly CaptureFileFormat _format;
    private readonly IReadOnlyList<CaptureInterface> _interfaces;
    private readonly RingBufferOptions _ring;
    private readonly CaptureWriterOptions _options;
    private readonly Func<DateTime> _localClock;
    private readonly Queue<string> _files = new();
    private ICaptureWriter _current;
    private long _currentOpenedAt;
    private int _sequence;
    private long _bytesOfClosedFiles;
    private long _framesOfClosedFiles;
    private bool _closed;

    public RingBufferWriter(string basePath, CaptureFileFormat format, IReadOnlyList<CaptureInterface> interfaces,
        RingBufferOptions ring, CaptureWriterOptions? options = null, Func<DateTime>? localClock = null)
    {
        _directory = Path.GetDirectoryName(Path.GetFullPath(basePath))!;
        _prefix = Path.GetFileNameWithoutExtension(basePath);
        _extension = Path.GetExtension(basePath) is { Length: > 0 } ext ? ext : format == CaptureFileFormat.Pcap ? ".pcap" : ".pcapng";
        _format = format;
        _interfaces = interfaces;
        _ring = ring;
        _options = options ?? CaptureWriterOptions.Default;
        _localClock = localClock ?? (() => DateTime.Now);
        _current = OpenNext();
    }

    public string Format => _current.Format;
    public long BytesWritten => _bytesOfClosedFiles + _current.BytesWritten;
    public long FramesWritten => _framesOfClosedFiles + _current.FramesWritten;

    /// <summary>Files that still exist, oldest first; the last one is being written.</summary>
    public IReadOnlyCollection<string> Files => _files;

    public string CurrentPath => _files.Last();

    public void Write(in FrameInfo info, ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_current.FramesWritten > 0 && IsCurrentFileFull())
            SwitchFile();
        _current.Write(info, data);
    }

    public void Flush() => _current.Flush();

    public void Close(IReadOnlyList<InterfaceStatistics>? statistics = null)
    {
        if (_closed) return;
        _closed = true;
        _current.Close(statistics);
    }

    public void Dispose() => Close();

    private bool IsCurrentFileFull()
    {
        if (_ring.FileSizeKB is { } kb && _current.BytesWritten >= kb * 1000) return true;
        if (_ring.DurationSeconds is { } seconds && Stopwatch.GetElapsedTime(_currentOpenedAt).TotalSeconds >= seconds) return true;
        return false;
    }

    private void SwitchFile()
    {
        _current.Close();
        _bytesOfClosedFiles += _current.BytesWritten;
        _framesOfClosedFiles += _current.FramesWritten;
        _current = OpenNext();
    }

    private ICaptureWriter OpenNext()
    {
        _sequence++;
        string name = string.Create(CultureInfo.InvariantCulture,
            $"{_prefix}_{_sequence:D5}_{_localClock():yyyyMMddHHmmss}{_extension}");
        string path = Path.Combine(_directory, name);
        _files.Enqueue(path);
        while (_ring.Files is { } keep && _files.Count > keep)
            File.Delete(_files.Dequeue());
        _currentOpenedAt = Stopwatch.GetTimestamp();
        return CaptureWriterFactory.CreateFile(path, _format, _interfaces, _options);
    }
}
