using System.Diagnostics;
using Sniffer.Cli;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Frame;
using Xunit.Abstractions;

namespace Sniffer.Tests.Cli;

/// <summary>A fact skipped, with the reason, when ../shared/conformance/corpus is not beside the repository.</summary>
public sealed class SharedCorpusFactAttribute : FactAttribute
{
    public SharedCorpusFactAttribute()
    {
        if (TestPaths.Corpus is null) Skip = "../shared/conformance/corpus is not there";
    }
}

/// <summary>
/// Every capture of the conformance corpus, above all tcpdump's captures that once crashed it (oobr,
/// overflow, heapoverflow, loop, asan, crash, invalid, bad, trunc), printed in full by the command line
/// in-process: the -V tree with hex (reassembled buffers too), and -T fields with every field Sniffer knows.
/// No exception may escape, no dissector may throw (each one would be a [Malformed Packet] that is a bug),
/// and a damaged file ends with status 2 and the damage named, never with a crash.
/// </summary>
public sealed class CorpusSweepTests(ITestOutputHelper output)
{
    private static readonly string[] HostileWords = ["oobr", "overflow", "heapoverflow", "loop", "asan", "crash", "invalid", "bad", "trunc"];

    [SharedCorpusFact]
    public void Every_corpus_capture_prints_in_full_as_a_tree_and_as_every_field_without_an_exception()
    {
        var allFields = new List<string> { "-T", "fields", "-E", "header=y", "-E", "occurrence=a" };
        foreach (var field in FieldRegistry.All) { allFields.Add("-e"); allFields.Add(field.Name); }
        long errorsBefore = FrameDissector.InternalErrors;
        var failures = new List<string>();
        var times = new List<(string File, double Ms)>();
        int files = 0, hostile = 0;
        foreach (var path in TestPaths.CorpusCaptures())
        {
            string name = Path.GetFileName(path);
            files++;
            if (HostileWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase))) hostile++;
            var started = Stopwatch.GetTimestamp();
            foreach (var args in new[] { new[] { "-r", path, "-V", "-x" }, ["-r", path, .. allFields] })
            {
                long before = FrameDissector.InternalErrors;
                try
                {
                    int code = CliApp.Run(args, TextWriter.Null, TextWriter.Null);
                    if (code is not (0 or 2)) failures.Add($"{name} {args[2]}: exit status {code}");
                }
                catch (Exception e)
                {
                    failures.Add($"{name} {args[2]}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                }
                if (FrameDissector.InternalErrors != before)
                    failures.Add($"{name} {args[2]}: a dissector threw: {FrameDissector.LastInternalError}");
            }
            times.Add((name, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        }
        output.WriteLine($"{files} captures ({hostile} with a hostile name), {times.Sum(t => t.Ms) / 1000:F1} s in all; slowest:");
        foreach (var (file, ms) in times.OrderByDescending(t => t.Ms).Take(5)) output.WriteLine($"  {ms,8:F0} ms  {file}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(errorsBefore, FrameDissector.InternalErrors);
        Assert.True(hostile > 50, $"only {hostile} hostile captures found");
    }
}
