namespace Sniffer.Capture;

/// <summary>Where a session's frames go: the writer, then the per-frame hook; also judges the count and size limits.</summary>
internal sealed class FrameSink(ICaptureWriter? writer, FrameHandler? onFrame, long? packetLimit, long? fileSizeLimitKB)
{
    public ICaptureWriter? Writer { get; } = writer;
    public long Frames { get; private set; }

    /// <summary>Delivers the frame and returns its buffer to the pool.</summary>
    public void Deliver(in CapturedFrame frame)
    {
        try
        {
            var info = frame.Info;
            Writer?.Write(info, frame.Data);
            Frames++;
            onFrame?.Invoke(Frames, info, frame.Data);
        }
        finally
        {
            frame.ReturnBuffer();
        }
    }

    public CaptureStopReason? LimitReached()
    {
        if (packetLimit is { } limit && Frames >= limit) return CaptureStopReason.PacketLimit;
        if (fileSizeLimitKB is { } kb && Writer is not null && Writer.BytesWritten >= kb * 1000) return CaptureStopReason.FileSize;
        return null;
    }
}
