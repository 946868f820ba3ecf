using System.Diagnostics;

namespace Sniffer.Capture;

/// <summary>
/// The whole live capture loop behind <c>sniffer -i</c>: device → queue → writer (+ per-frame hook)
/// until a stop condition, then flush, statistics (written into the pcapng file) and a result.
/// </summary>
public sealed class CaptureSession(CaptureSessionOptions options)
{
    private static readonly TimeSpan IdleWake = TimeSpan.FromMilliseconds(200);

    public CaptureSessionOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Runs on the calling thread until a stop condition, a signal, or <paramref name="cancellation"/>.</summary>
    public CaptureSessionResult Run(CancellationToken cancellation = default) => RunAsync(cancellation).GetAwaiter().GetResult();

    public async Task<CaptureSessionResult> RunAsync(CancellationToken cancellation = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var signals = Options.HandleSignals ? new StopSignals(stop) : null;

        using var capture = LiveCapture.Start(Options.Capture);
        long startNs = NowNs();
        var clock = Stopwatch.StartNew();
        ICaptureWriter? writer = null;
        try
        {
            writer = Options.OutputPath is null ? null
                : CaptureWriterFactory.Create(Options.OutputPath, Options.Format, [capture.AsCaptureInterface()],
                    Options.RingBuffer, Options.WriterOptions);
            Options.OnStarted?.Invoke(capture);
            var sink = new FrameSink(writer, Options.OnFrame, Options.PacketLimit, Options.FileSizeLimitKB);

            var reason = await ConsumeAsync(capture, sink, clock, stop.Token).ConfigureAwait(false);
            if (reason is CaptureStopReason.Cancelled && signals is { Received: true }) reason = CaptureStopReason.Signal;

            capture.Stop();
            // Frames captured before a stop request still belong to the capture; a count or size
            // limit ends it exactly where it was reached, as in tshark.
            if (reason is CaptureStopReason.Signal or CaptureStopReason.Cancelled or CaptureStopReason.Duration)
                while (sink.LimitReached() is null && capture.Frames.TryRead(out var frame)) sink.Deliver(frame);

            var statistics = capture.GetStatistics();
            writer?.Close([statistics.ToInterfaceStatistics(0, startNs, NowNs(), sink.Frames)]);
            return new CaptureSessionResult(reason, sink.Frames, writer?.BytesWritten ?? 0, clock.Elapsed, statistics, FilesOf(writer));
        }
        finally
        {
            capture.Stop();
            writer?.Dispose();
        }
    }

    private async Task<CaptureStopReason> ConsumeAsync(LiveCapture capture, FrameSink sink, Stopwatch clock, CancellationToken stop)
    {
        var reader = capture.Frames;
        while (true)
        {
            while (reader.TryRead(out var frame))
            {
                sink.Deliver(frame);
                if (sink.LimitReached() is { } limit) return limit;
            }
            if (stop.IsCancellationRequested) return CaptureStopReason.Cancelled;

            TimeSpan wait = IdleWake;
            if (Options.Duration is { } duration)
            {
                TimeSpan left = duration - clock.Elapsed;
                if (left <= TimeSpan.Zero) return CaptureStopReason.Duration;
                if (left < wait) wait = left;
            }
            // Idle: hand what is buffered to the OS, so a killed process loses nothing already seen.
            sink.Writer?.Flush();
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stop);
            wake.CancelAfter(wait);
            try
            {
                if (!await reader.WaitToReadAsync(wake.Token).ConfigureAwait(false)) return CaptureStopReason.DeviceClosed;
            }
            catch (OperationCanceledException)
            {
                // a timeout or a stop request; the loop looks at both
            }
        }
    }

    private IReadOnlyList<string> FilesOf(ICaptureWriter? writer) => writer switch
    {
        null => [],
        RingBufferWriter ring => [.. ring.Files],
        _ when Options.OutputPath is "-" => [],
        _ => [Options.OutputPath!],
    };

    private static long NowNs() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
}
