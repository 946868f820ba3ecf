namespace Sniffer.Capture;

/// <summary>Called on the consumer thread for every frame kept, after it was written. Numbers start at 1.</summary>
public delegate void FrameHandler(long frameNumber, in FrameInfo info, ReadOnlySpan<byte> data);

/// <summary>Everything a <c>sniffer -i ...</c> run needs: what to capture, where to write, when to stop.</summary>
public sealed record CaptureSessionOptions
{
    public required LiveCaptureOptions Capture { get; init; }

    /// <summary>tshark -w: a file, "-" for stdout, or null to write nothing (print only).</summary>
    public string? OutputPath { get; init; }

    public CaptureFileFormat Format { get; init; } = CaptureFileFormat.Pcapng;

    /// <summary>tshark -b: ring buffer of output files.</summary>
    public RingBufferOptions? RingBuffer { get; init; }

    public CaptureWriterOptions WriterOptions { get; init; } = CaptureWriterOptions.Default;

    /// <summary>tshark -c N / -a packets:N.</summary>
    public long? PacketLimit { get; init; }

    /// <summary>tshark -a duration:S.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>tshark -a filesize:KB (1 kB = 1000 bytes), counted over everything written.</summary>
    public long? FileSizeLimitKB { get; init; }

    /// <summary>Per-frame hook, e.g. for printing the packet list.</summary>
    public FrameHandler? OnFrame { get; init; }

    /// <summary>Called once the device is open, e.g. to print "Capturing on 'lo'".</summary>
    public Action<LiveCapture>? OnStarted { get; init; }

    /// <summary>Stop cleanly on SIGINT/SIGTERM (a second Ctrl+C ends the process at once).</summary>
    public bool HandleSignals { get; init; } = true;
}
