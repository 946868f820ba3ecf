using Sniffer.Fuzz;

// dotnet run -c Release --project tests/Fuzz -- TARGET|all N SEED [SAVE_DIR] [SECONDS_PER_TARGET]
// Mutates seeds from samples/pcaps and ../shared/conformance/corpus, N inputs per target from SEED;
// prints one summary line per target and every finding; exit code 1 when any target failed.
if (args.Length < 1 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: Sniffer.Fuzz TARGET|all [N=10000] [SEED=1] [SAVE_DIR=fuzz-findings] [SECONDS_PER_TARGET]");
    Console.WriteLine("targets: " + string.Join(" ", Targets.Names));
    return 0;
}
var names = args[0] == "all" ? Targets.Names : args[0].Split(',');
long iterations = args.Length > 1 ? long.Parse(args[1]) : 10_000;
int seed = args.Length > 2 ? int.Parse(args[2]) : 1;
string saveDirectory = args.Length > 3 ? args[3] : "fuzz-findings";
TimeSpan? budget = args.Length > 4 ? TimeSpan.FromSeconds(double.Parse(args[4])) : null;
bool failed = false;
foreach (var name in names)
{
    var target = Targets.Create(name);
    using var watchdog = new Watchdog(TimeSpan.FromSeconds(30), Path.Combine(saveDirectory, $"{name}-hang-{seed}.input"));
    Directory.CreateDirectory(saveDirectory);
    var report = FuzzRunner.Run(target, iterations, seed, Console.Out, saveDirectory, watchdog, budget);
    Console.WriteLine(report);
    failed |= report.Failures.Any();
}
return failed ? 1 : 0;
