// A tiny tshark look-alike over Sniffer.Capture, used only to record samples/pcaps.
// Flags: -D, -i IFACE, -w FILE, -f FILTER, -c N, -a duration:S|packets:N|filesize:KB, -b ..., -s SNAPLEN, -p, -F pcap|pcapng, -q
using System.Globalization;
using Sniffer.Capture;

string? iface = null, output = null, filter = null;
long? count = null, fileSizeKB = null;
TimeSpan? duration = null;
int snapLength = 262144;
bool promiscuous = true, quiet = false;
var format = CaptureFileFormat.Pcapng;
var ringArguments = new List<string>();

try
{
    for (int i = 0; i < args.Length; i++)
    {
        string Next() => ++i < args.Length ? args[i] : throw new FormatException($"{args[i - 1]} needs a value");
        switch (args[i])
        {
            case "-D":
                foreach (var info in LiveCapture.ListInterfaces()) Console.WriteLine(info);
                return 0;
            case "-i": iface = Next(); break;
            case "-w": output = Next(); break;
            case "-f": filter = Next(); break;
            case "-c": count = long.Parse(Next(), CultureInfo.InvariantCulture); break;
            case "-s": snapLength = int.Parse(Next(), CultureInfo.InvariantCulture); break;
            case "-p": promiscuous = false; break;
            case "-q": quiet = true; break;
            case "-b": ringArguments.Add(Next()); break;
            case "-F": format = Next() == "pcap" ? CaptureFileFormat.Pcap : CaptureFileFormat.Pcapng; break;
            case "-a":
                string[] parts = Next().Split(':', 2);
                switch (parts[0])
                {
                    case "duration": duration = TimeSpan.FromSeconds(double.Parse(parts[1], CultureInfo.InvariantCulture)); break;
                    case "packets": count = long.Parse(parts[1], CultureInfo.InvariantCulture); break;
                    case "filesize": fileSizeKB = long.Parse(parts[1], CultureInfo.InvariantCulture); break;
                    default: throw new FormatException($"unknown -a condition '{parts[0]}'");
                }
                break;
            default: throw new FormatException($"unknown option '{args[i]}'");
        }
    }

    var session = new CaptureSession(new CaptureSessionOptions
    {
        Capture = new LiveCaptureOptions { Interface = iface ?? "any", BpfFilter = filter, SnapLength = snapLength, Promiscuous = promiscuous },
        OutputPath = output,
        Format = format,
        RingBuffer = ringArguments.Count > 0 ? RingBufferOptions.Parse(ringArguments) : null,
        PacketLimit = count,
        Duration = duration,
        FileSizeLimitKB = fileSizeKB,
        OnStarted = capture => Console.Error.WriteLine($"Capturing on '{capture.InterfaceName}'"),
        OnFrame = quiet ? null : (long number, in FrameInfo info, ReadOnlySpan<byte> data) =>
            Console.WriteLine($"{number,6} {DateTime.UnixEpoch.AddTicks(info.TimestampNs / 100):HH:mm:ss.ffffff} {LinkType.Name(info.LinkType)} {info.OriginalLength} bytes"),
    });
    var result = session.Run();
    var s = result.Statistics;
    Console.Error.WriteLine($"{result.Frames} packet{(result.Frames == 1 ? "" : "s")} captured");
    if (s.TotalDropped > 0 || Environment.GetEnvironmentVariable("HARNESS_STATS") == "1")
        Console.Error.WriteLine($"dropped: {s.KernelDropped?.ToString() ?? "?"} by kernel, {s.InterfaceDropped?.ToString() ?? "?"} by interface, " +
            $"{s.QueueDropped} by our queue; queued {s.Captured}; kernel received {s.KernelReceived?.ToString() ?? "?"}" +
            (s.ReceivedCountsBothDirections ? " (counts loopback packets twice)" : ""));
    return 0;
}
catch (LiveCaptureException e)
{
    Console.Error.WriteLine($"capture-harness: {e.Message}");
    return 2;
}
catch (FormatException e)
{
    Console.Error.WriteLine($"capture-harness: {e.Message}");
    return 1;
}
