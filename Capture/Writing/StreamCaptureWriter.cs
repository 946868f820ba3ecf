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
    private readonly byte[] _buffer;
    private int _buffered;
    private readonly long _flushIntervalTicks;
    private long _lastFlushTimestamp;
    private bool _closed;

    protected StreamCaptureWriter(Stream output, bool ownsStream, CaptureWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        Options = options ?? CaptureWriterOptions.Default;
        // Our own buffer in front of the stream: one copy per block piece instead of one stream call,
        // which doubles the frame rate compared with many small FileStream.Write calls.
        _output = output;
        _buffer = new byte[Math.Max(Options.BufferSize, 4096)];
        _ownsStream = ownsStream;
        _flushIntervalTicks = (long)(Options.FlushInterval.TotalSeconds * Stopwatch.Frequency);
        _lastFlushTimestamp = Stopwatch.GetTimestamp();
    }

    protected static FileStream CreateFile(string path, CaptureWriterOptions? options) =>
        new(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);   // we buffer ourselves

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
        WriteOutBuffer();
        _output.Flush();
        _lastFlushTimestamp = Stopwatch.GetTimestamp();
    }

    public void Close(IReadOnlyList<InterfaceStatistics>? statistics = null)
    {
        if (_closed) return;
        try
        {
            WriteTrailer(statistics ?? []);
            WriteOutBuffer();
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
        BytesWritten += bytes.Length;
        if (bytes.Length > _buffer.Length - _buffered)
        {
            WriteOutBuffer();
            if (bytes.Length > _buffer.Length)
            {
                _output.Write(bytes);
                return;
            }
        }
        bytes.CopyTo(_buffer.AsSpan(_buffered));
        _buffered += bytes.Length;
    }

    private void WriteOutBuffer()
    {
        if (_buffered == 0) return;
        _output.Write(_buffer, 0, _buffered);
        _buffered = 0;
    }
}
