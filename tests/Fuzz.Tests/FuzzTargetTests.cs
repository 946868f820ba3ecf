using Sniffer.Fuzz;
using Xunit.Abstractions;

namespace Sniffer.Tests.Fuzz;

/// <summary>
/// The fuzz step of CI: every target, 1000 inputs from a fixed seed. A failure names the input's
/// iteration and what escaped; `dotnet run --project tests/Fuzz -c Release -- TARGET 1000 20261202`
/// reproduces it and saves the input (a pcap for frame targets) under fuzz-findings/.
/// </summary>
public sealed class FuzzTargetTests(ITestOutputHelper output)
{
    private const int Iterations = 1000;
    private const int Seed = 20261202;

    public static TheoryData<string> TargetNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Targets.Names) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void Thousand_mutated_inputs_raise_no_exception_and_stay_within_their_allocation_budget(string name)
    {
        var target = Targets.Create(name);
        var log = new StringWriter();
        var report = FuzzRunner.Run(target, Iterations, Seed, log);
        output.WriteLine(report.ToString());
        output.WriteLine(log.ToString());
        // Seeds come from samples/pcaps at least; every target has some.
        Assert.True(target.HasSeeds, $"{name} has no seeds");
        Assert.Equal(Iterations, report.Inputs);
        Assert.True(!report.Failures.Any(), $"{report}\n{log}");
    }
}
