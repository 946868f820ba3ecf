using System.Diagnostics;

namespace Sniffer.Tests.Capture;

/// <summary>Runs Wireshark's command-line tools (tshark, capinfos, editcap) when they are installed.</summary>
internal static class ExternalTool
{
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    public static bool Exists(string name) => Find(name) is not null;

    public static void SkipUnlessInstalled(string name) =>
        Skip.If(Find(name) is null, $"{name} is not installed (apt-get install tshark) - cross-check skipped");

    /// <summary>Runs the tool and returns its output; a failure throws with the tool's own message.</summary>
    public static string Run(string name, params string[] arguments)
    {
        var (code, stdout, stderr) = Execute(name, arguments);
        if (code != 0)
            throw new InvalidOperationException($"{name} {string.Join(' ', arguments)} failed ({code}): {stderr}");
        return stdout;
    }

    /// <summary>Runs the tool and returns its exit code and both outputs, whatever happened.</summary>
    public static (int ExitCode, string Output, string Errors) Execute(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo(Find(name) ?? name)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}
