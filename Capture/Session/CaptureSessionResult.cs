namespace Sniffer.Capture;

public enum CaptureStopReason
{
    PacketLimit,
    Duration,
    FileSize,
    Signal,
    Cancelled,
    DeviceClosed,     // the capture ended by itself (interface gone)
}

/// <summary>How a capture ended and what it produced.</summary>
public sealed record CaptureSessionResult(
    CaptureStopReason Reason,
    long Frames,                        // frames passed to the writer / OnFrame
    long BytesWritten,
    TimeSpan Elapsed,
    LiveCaptureStatistics Statistics,
    IReadOnlyList<string> Files);
