// Times the TUI's display-filter pass (FilterRun) over an already indexed capture, headless.
// usage: tuifilterbench FILE [FILTER ...] [--repeat N] [--during-indexing]
using System.Diagnostics;
using Sniffer.Tui.Model;
using Sniffer.Tui.Model.Filtering;

var files = new List<string>();
var filters = new List<string>();
int repeat = 1;
bool during = false;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--repeat") repeat = int.Parse(args[++i]);
    else if (args[i] == "--during-indexing") during = true;
    else if (files.Count == 0) files.Add(args[i]);
    else filters.Add(args[i]);
}
if (files.Count == 0) { Console.Error.WriteLine("usage: tuifilterbench FILE [FILTER ...] [--repeat N] [--during-indexing]"); return 2; }
if (filters.Count == 0) filters.Add("tcp.flags.syn == 1 && tcp.flags.ack == 1");

using var indexer = new CaptureIndexer(files[0]);
var clock = Stopwatch.StartNew();
if (during)
{
    indexer.Start();
    while (indexer.Store is null && !indexer.Completed) Thread.Sleep(1);
}
else
{
    indexer.RunToCompletion();
    Console.WriteLine($"indexed {indexer.Index.Count:N0} packets in {clock.Elapsed.TotalSeconds:F2} s");
}
foreach (var text in filters)
{
    if (!FilterCompiler.TryCompile(text, out var filter, out var problem)) { Console.Error.WriteLine($"{text}: {problem!.Message}"); return 1; }
    for (int r = 0; r < repeat; r++)
    {
        using var run = new FilterRun(indexer, filter!);
        var t = Stopwatch.StartNew();
        run.RunToCompletion();
        Console.WriteLine($"{text}: {run.Matches.Count:N0} of {run.Examined:N0} in {t.Elapsed.TotalSeconds:F2} s (wall since start {clock.Elapsed.TotalSeconds:F2} s)");
    }
}
return 0;
