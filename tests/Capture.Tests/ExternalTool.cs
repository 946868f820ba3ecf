using System.Diagnostics;

namespace Sniffer.Tests.Capture;

/// <summary>Runs Wireshark's command-line tools (tshark, capinfos) when they are installed.</summary>
internal static class ExternalTool
{
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    public static void SkipUnlessInstalled(string name) =>
        Skip.If(Find(name) is null, $"{name} is not installed (apt-get install tshark) - cross-check skipped");

    public static (int ExitCode, string Output, string Errors) Run(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo(Find(name) ?? name)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}
