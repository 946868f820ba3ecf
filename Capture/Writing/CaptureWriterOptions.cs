namespace Sniffer.Capture;

/// <summary>Settings shared by every writer.</summary>
public sealed record CaptureWriterOptions
{
    /// <summary>Longest time buffered frames may wait before reaching the OS.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Size of the in-process write buffer.</summary>
    public int BufferSize { get; init; } = 64 * 1024;

    /// <summary>pcap only: write nanosecond timestamps (magic a1b23c4d) instead of microseconds.</summary>
    public bool PcapNanosecond { get; init; }

    /// <summary>pcapng only: the shb_userappl option.</summary>
    public string Application { get; init; } = "Sniffer";

    public static CaptureWriterOptions Default { get; } = new();
}
