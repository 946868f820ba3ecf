using System.Diagnostics;
using Sniffer.Dissectors.Frame;

namespace Sniffer.Fuzz;

/// <summary>What went wrong with one input: an exception escaped, a dissector threw (caught as [Malformed]), it was slow, or it allocated too much.</summary>
public sealed record FuzzFinding(string Kind, long Iteration, string Message, string? SavedAs);

public sealed class FuzzReport
{
    public required string Target { get; init; }
    public long Inputs { get; set; }
    public long InputBytes { get; set; }
    public List<FuzzFinding> Findings { get; } = [];
    public int DistinctFindings => Findings.Select(f => f.Kind + f.Message).Distinct().Count();
    public double SlowestMs { get; set; }
    public long MostAllocatedBytes { get; set; }
    public TimeSpan Elapsed { get; set; }
    /// <summary>Processor time the process used meanwhile (the GC's threads included): on a shared machine, inputs per CPU second compare runs where inputs per second cannot.</summary>
    public TimeSpan Cpu { get; set; }
    public long AllocatedBytes { get; set; }

    /// <summary>Findings that are bugs (slow inputs are reported, not failed: the machine may be loaded).</summary>
    public IEnumerable<FuzzFinding> Failures => Findings.Where(f => f.Kind != "slow");

    public override string ToString() =>
        $"{Target}: {Inputs:N0} inputs ({InputBytes / 1e6:F1} MB) in {Elapsed.TotalSeconds:F1} s " +
        $"({Inputs / Math.Max(Elapsed.TotalSeconds, 1e-3):N0}/s; CPU {Cpu.TotalSeconds:F1} s, {Inputs / Math.Max(Cpu.TotalSeconds, 1e-3):N0} per CPU s; " +
        $"{AllocatedBytes / (double)Math.Max(Inputs, 1) / 1024:F0} KiB allocated per input), " +
        $"slowest {SlowestMs:F1} ms, most allocated by one input {MostAllocatedBytes / 1024.0:F0} KiB, " +
        $"{Failures.Count()} failures, {Findings.Count(f => f.Kind == "slow")} slow inputs";
}

/// <summary>
/// Runs a target for a number of inputs from a fixed seed. Per input it checks that no exception escaped,
/// that no dissector threw (FrameDissector counts those it turns into [Malformed Packet]), how long it took
/// (over 1 s is reported) and how much it allocated (over the target's budget is a failure).
/// </summary>
public static class FuzzRunner
{
    private static readonly TimeSpan SlowInput = TimeSpan.FromSeconds(1);
    private const int MaxSavedPerKind = 5;
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(15);

    public static FuzzReport Run(FuzzTarget target, long iterations, int seed, TextWriter? log = null, string? saveDirectory = null, Watchdog? watchdog = null, TimeSpan? budget = null)
    {
        var report = new FuzzReport { Target = target.Name };
        if (!target.HasSeeds) { log?.WriteLine($"{target.Name}: no seeds, skipped"); return report; }
        var random = new Random(seed);
        var total = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
        var saved = new Dictionary<string, int>();
        var seen = new HashSet<string>();
        var nextProgress = ProgressEvery;
        long inputsAtLastProgress = 0;
        for (long i = 0; i < iterations; i++)
        {
            if ((i & 1023) == 0)
            {
                var now = total.Elapsed;
                if (budget is { } limit && now > limit) break;
                // A long run says how it goes: a rate that falls over time is a finding too (state that grows).
                if (now > nextProgress)
                {
                    log?.WriteLine($"{target.Name}: {i:N0} inputs after {now.TotalSeconds:F0} s, {(i - inputsAtLastProgress) / ProgressEvery.TotalSeconds:N0}/s lately, GC heap {GC.GetTotalMemory(false) >> 20} MiB");
                    inputsAtLastProgress = i;
                    nextProgress = now + ProgressEvery;
                }
            }
            var input = target.Next(random);
            long errorsBefore = FrameDissector.InternalErrors;
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            long started = Stopwatch.GetTimestamp();
            watchdog?.Begin(input);
            string? failure = null, kind = null;
            try
            {
                target.Execute(input);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                kind = "exception";
                failure = Describe(e);
            }
            watchdog?.End();
            var elapsed = Stopwatch.GetElapsedTime(started);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            report.Inputs++;
            report.InputBytes += input.Size;
            report.SlowestMs = Math.Max(report.SlowestMs, elapsed.TotalMilliseconds);
            report.MostAllocatedBytes = Math.Max(report.MostAllocatedBytes, allocated);

            if (kind is null && FrameDissector.InternalErrors != errorsBefore)
            {
                kind = "dissector-exception";
                failure = FrameDissector.LastInternalError is { } e ? Describe(e) : "unknown";
            }
            if (kind is null && allocated > target.AllocationBudget) { kind = "allocation"; failure = $"{allocated / (1 << 20)} MiB allocated by one input"; }
            if (kind is null && elapsed > SlowInput) { kind = "slow"; failure = $"{elapsed.TotalMilliseconds:F0} ms"; }
            if (kind is null) continue;

            string? path = null;
            string key = kind + failure;
            if (saveDirectory is not null && seen.Add(key) && saved.GetValueOrDefault(kind) < MaxSavedPerKind)
            {
                saved[kind] = saved.GetValueOrDefault(kind) + 1;
                Directory.CreateDirectory(saveDirectory);
                path = Path.Combine(saveDirectory, $"{target.Name}-{kind}-{seed}-{i}.{(input.File is null ? "pcap" : "bin")}");
                File.WriteAllBytes(path, input.ToReproducer());
            }
            var finding = new FuzzFinding(kind, i, failure!, path);
            if (report.Findings.Count < 1000) report.Findings.Add(finding);
            log?.WriteLine($"{target.Name} #{i}: {kind}: {FirstLines(failure!, 6)}{(path is null ? "" : " -> " + path)}");
        }
        report.Elapsed = total.Elapsed;
        report.Cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        report.AllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - allocatedAtStart;
        return report;
    }

    /// <summary>The exception's type, message and the first frames of its stack: what makes two findings the same bug.</summary>
    private static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}\n{FirstLines(e.StackTrace ?? "", 4)}";

    private static string FirstLines(string text, int n) => string.Join("\n", text.Split('\n').Take(n).Select(l => l.TrimEnd()));
}
