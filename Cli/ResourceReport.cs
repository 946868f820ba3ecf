using System.Diagnostics;

namespace Sniffer.Cli;

/// <summary>
/// SNIFFER_STATS=1: after the run, one line on stderr with the bytes allocated, the collections and the
/// peak resident memory. Allocation counts do not depend on machine load, so the benchmark notes can use
/// them on a shared machine where wall-clock figures are noise.
/// </summary>
internal static class ResourceReport
{
    private static readonly string? Mode = Environment.GetEnvironmentVariable("SNIFFER_STATS");
    private static AllocationSampler? _sampler;

    public static bool Enabled => Mode is "1" or "types";

    /// <summary>Starts sampling allocation types (SNIFFER_STATS=types) before the run.</summary>
    public static void Start()
    {
        if (Mode == "types") _sampler = new AllocationSampler();
    }

    public static void Write(TextWriter stderr)
    {
        _sampler?.Write(stderr);
        using var self = Process.GetCurrentProcess();
        stderr.WriteLine(
            $"sniffer-stats: allocated {GC.GetTotalAllocatedBytes(precise: true)} bytes; " +
            $"gc0 {GC.CollectionCount(0)} gc1 {GC.CollectionCount(1)} gc2 {GC.CollectionCount(2)}; " +
            $"peak RSS {self.PeakWorkingSet64 / (1024 * 1024)} MB; cpu {self.TotalProcessorTime.TotalSeconds:F2} s");
        var gc = GC.GetGCMemoryInfo();
        stderr.WriteLine(
            $"sniffer-stats: last GC: heap {gc.HeapSizeBytes / (1024 * 1024)} MB, fragmented {gc.FragmentedBytes / (1024 * 1024)} MB, " +
            $"committed {gc.TotalCommittedBytes / (1024 * 1024)} MB; live after a full collection {GC.GetTotalMemory(true) / (1024 * 1024)} MB");
    }
}
