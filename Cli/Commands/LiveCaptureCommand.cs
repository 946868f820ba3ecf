using System.Globalization;
using Sniffer.Analysis.Pipeline;
using Sniffer.Capture;
using Sniffer.Cli.Options;

namespace Sniffer.Cli.Commands;

/// <summary>
/// `-i IFACE`: captures until -c / -a / Ctrl+C / SIGTERM, writing -w (pcapng by default) and printing
/// summary lines like tshark (unless -w or -q). The last line says what was captured and dropped.
/// </summary>
public sealed class LiveCaptureCommand(CliOptions options, TextWriter stdout, TextWriter stderr)
{
    public int Run()
    {
        var processor = new PacketProcessor(Analyzers.Create());
        using var printer = new PacketPrinter(options, stdout, processor, print: options.WriteFile is null);
        var (packets, duration, fileSize) = ParseAutoStop(options.AutoStop);
        var session = new CaptureSession(new CaptureSessionOptions
        {
            Capture = new LiveCaptureOptions
            {
                Interface = options.Interface!,
                BpfFilter = options.CaptureFilter,
                SnapLength = options.SnapLength is > 0 ? options.SnapLength.Value : 262144,
                Promiscuous = !options.NoPromiscuous,
                KernelBufferMiB = options.KernelBufferMiB ?? LiveCaptureOptions.DefaultKernelBufferMiB,
            },
            OutputPath = options.WriteFile,
            Format = CaptureFilters.WriteFormat(options),
            RingBuffer = options.RingBuffer.Count > 0 ? ParseRing(options.RingBuffer) : null,
            PacketLimit = options.PacketLimit ?? packets,
            Duration = duration,
            FileSizeLimitKB = fileSize,
            OnStarted = capture => stderr.WriteLine($"Capturing on '{capture.InterfaceName}'"),
            // With -w and nothing to print or count, frames go straight to the file: dissecting them
            // would only slow the capture down under a flood (tshark -w does not dissect either).
            OnFrame = options.WriteFile is not null && options.Statistics.Count == 0 ? null : (long _, in FrameInfo info, ReadOnlySpan<byte> data) =>
            {
                printer.Handle(info, data);
                stdout.Flush();
            },
        });

        CaptureSessionResult result;
        try
        {
            result = session.Run();
        }
        catch (LiveCaptureException e)
        {
            stdout.Flush();
            stderr.WriteLine($"sniffer: {e.Message}");
            return 2;
        }
        catch (BpfFilterException e)
        {
            stdout.Flush();
            stderr.WriteLine($"sniffer: {e.Message}");
            return 2;
        }
        stdout.Flush();
        var s = result.Statistics;
        string kernel = s.KernelDropped is { } k ? k.ToString(CultureInfo.InvariantCulture) : "unknown";
        stderr.WriteLine($"{result.Frames} packet{(result.Frames == 1 ? "" : "s")} captured; dropped by the kernel: {kernel}, by Sniffer's queue: {s.QueueDropped}" +
            (!s.ReceivedCountsBothDirections && s.KernelReceived is { } received && received - (s.KernelDropped ?? 0) > result.Frames
                ? $"; {received - (s.KernelDropped ?? 0) - result.Frames} still in the kernel buffer at the stop (received by the filter: {received})" : ""));
        return 0;
    }

    private static (long? Packets, TimeSpan? Duration, long? FileSizeKB) ParseAutoStop(IEnumerable<string> conditions)
    {
        long? packets = null, fileSize = null;
        TimeSpan? duration = null;
        foreach (var condition in conditions)
        {
            var parts = condition.Split(':', 2);
            if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value <= 0)
                throw new UsageException($"Invalid autostop criterion \"{condition}\" (use duration:S, packets:N or filesize:KB).");
            switch (parts[0])
            {
                case "duration": duration = TimeSpan.FromSeconds(value); break;
                case "packets": packets = (long)value; break;
                case "filesize": fileSize = (long)value; break;
                default: throw new UsageException($"Invalid autostop criterion \"{condition}\" (use duration:S, packets:N or filesize:KB).");
            }
        }
        return (packets, duration, fileSize);
    }

    private static RingBufferOptions ParseRing(IEnumerable<string> arguments)
    {
        try
        {
            return RingBufferOptions.Parse(arguments);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new UsageException(e.Message);
        }
    }
}
