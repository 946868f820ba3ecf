using System.Diagnostics;

namespace Sniffer.Cli;

/// <summary>
/// SNIFFER_STATS=1: after the run, one line on stderr with the bytes allocated, the collections and the
/// peak resident memory. Allocation counts do not depend on machine load, so the benchmark notes can use
/// them on a shared machine where wall-clock figures are noise.
/// </summary>
internal static class ResourceReport
{
    public static bool Enabled => Environment.GetEnvironmentVariable("SNIFFER_STATS") == "1";

    public static void Write(TextWriter stderr)
    {
        using var self = Process.GetCurrentProcess();
        stderr.WriteLine(
            $"sniffer-stats: allocated {GC.GetTotalAllocatedBytes(precise: true)} bytes; " +
            $"gc0 {GC.CollectionCount(0)} gc1 {GC.CollectionCount(1)} gc2 {GC.CollectionCount(2)}; " +
            $"peak RSS {self.PeakWorkingSet64 / (1024 * 1024)} MB; cpu {self.TotalProcessorTime.TotalSeconds:F2} s");
    }
}
