using System.Diagnostics;

namespace Sniffer.Capture;

/// <summary>
/// Shared plumbing of the single-file writers: a buffered output, byte and frame counters,
/// and the time-based flush that keeps a crashed capture readable.
/// </summary>
public abstract class StreamCaptureWriter : ICaptureWriter
{
    private readonly Stream _output;
    private readonly bool _ownsStream;
    private readonly long _flushIntervalTicks;
    private long _lastFlushTimestamp;
    private bool _closed;

    protected StreamCaptureWriter(Stream output, bool ownsStream, CaptureWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        Options = options ?? CaptureWriterOptions.Default;
        // FileStream buffers by itself; anything else (stdout, pipes) gets a buffer in front.
        _output = output is FileStream || output is BufferedStream ? output : new BufferedStream(output, Options.BufferSize);
        _ownsStream = ownsStream;
        _flushIntervalTicks = (long)(Options.FlushInterval.TotalSeconds * Stopwatch.Frequency);
        _lastFlushTimestamp = Stopwatch.GetTimestamp();
    }

    protected static FileStream CreateFile(string path, CaptureWriterOptions? options) =>
        new(path, FileMode.Create, FileAccess.Write, FileShare.Read, (options ?? CaptureWriterOptions.Default).BufferSize);

    protected CaptureWriterOptions Options { get; }

    public abstract string Format { get; }
    public long BytesWritten { get; private set; }
    public long FramesWritten { get; private set; }

    public void Write(in FrameInfo info, ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        WriteFrame(info, data);
        FramesWritten++;
        if (Stopwatch.GetTimestamp() - _lastFlushTimestamp >= _flushIntervalTicks)
            Flush();
    }

    public void Flush()
    {
        if (_closed) return;
        _output.Flush();
        _lastFlushTimestamp = Stopwatch.GetTimestamp();
    }

    public void Close(IReadOnlyList<InterfaceStatistics>? statistics = null)
    {
        if (_closed) return;
        try
        {
            WriteTrailer(statistics ?? []);
            _output.Flush();
        }
        finally
        {
            _closed = true;
            if (_ownsStream) _output.Dispose();
        }
    }

    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }

    protected abstract void WriteFrame(in FrameInfo info, ReadOnlySpan<byte> data);

    /// <summary>Last words before the file ends (pcapng statistics blocks).</summary>
    protected virtual void WriteTrailer(IReadOnlyList<InterfaceStatistics> statistics) { }

    protected void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        BytesWritten += bytes.Length;
    }
}
