using System.Diagnostics;
using SharpPcap;
using SharpPcap.LibPcap;
using Sniffer.Capture;

// Compares Sniffer's capture-file readers with SharpPcap's CaptureFileReaderDevice (libpcap underneath).
// Usage: ReaderBench <sniffer|sharppcap|both> <file>... [--runs N]
// Each run reads the whole file and touches every packet's first and last byte so neither reader can skip work.

string mode = args.Length > 0 ? args[0] : "both";
int runs = 3;
var files = new List<string>();
for (int i = 1; i < args.Length; i++)
{
    if (args[i] == "--runs") runs = int.Parse(args[++i]);
    else files.Add(args[i]);
}
if (files.Count == 0)
{
    Console.Error.WriteLine("usage: ReaderBench <sniffer|sharppcap|both> <file>... [--runs N]");
    return 2;
}

Console.WriteLine($"{"reader",-10} {"file",-24} {"packets",10} {"seconds",8} {"Mpkt/s",8} {"MB/s",8} {"alloc B/pkt",11} {"alloc total",12} {"peak WS MB",10}  note");
foreach (var file in files)
{
    long fileBytes = new FileInfo(file).Length;
    if (mode is "sniffer" or "both") Measure("sniffer", file, fileBytes, runs, ReadWithSniffer);
    if (mode is "sharppcap" or "both") Measure("sharppcap", file, fileBytes, runs, ReadWithSharpPcap);
}
return 0;

static void Measure(string name, string file, long fileBytes, int runs, Func<string, Result> read)
{
    Result best = default;
    double bestSeconds = double.MaxValue;
    for (int run = 0; run < runs; run++)
    {
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var result = read(file);
        double seconds = clock.Elapsed.TotalSeconds;
        result = result with { Allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore };
        if (seconds < bestSeconds) (best, bestSeconds) = (result, seconds);
    }
    Process.GetCurrentProcess().Refresh();
    double peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
    double perPacket = best.Packets == 0 ? 0 : (double)best.Allocated / best.Packets;
    Console.WriteLine($"{name,-10} {Path.GetFileName(file),-24} {best.Packets,10} {bestSeconds,8:F3} {best.Packets / bestSeconds / 1e6,8:F2} {fileBytes / bestSeconds / 1e6,8:F0} {perPacket,11:F2} {best.Allocated,12} {peakMb,10:F0}  {best.Note}");
}

static Result ReadWithSniffer(string file)
{
    using var reader = CaptureFile.Open(file);
    long packets = 0, checksum = 0;
    while (reader.TryRead(out var info, out var data))
    {
        packets++;
        if (data.Length > 0) checksum += data[0] + data[^1] + info.TimestampNs;
    }
    GC.KeepAlive(checksum);
    return new Result(packets, 0, reader.Error?.ToString() ?? reader.Format);
}

static Result ReadWithSharpPcap(string file)
{
    using var device = new CaptureFileReaderDevice(file);
    try
    {
        device.Open();
    }
    catch (PcapException e)
    {
        return new Result(0, 0, "could not open: " + e.Message);
    }
    long packets = 0, checksum = 0;
    GetPacketStatus status;
    while ((status = device.GetNextPacket(out PacketCapture capture)) == GetPacketStatus.PacketRead)
    {
        packets++;
        var data = capture.Data;
        if (data.Length > 0) checksum += data[0] + data[^1] + (long)capture.Header.Timeval.Seconds;
    }
    GC.KeepAlive(checksum);
    return new Result(packets, 0, $"stopped with {status}, link {device.LinkType}");
}

readonly record struct Result(long Packets, long Allocated, string Note);
