using Sniffer.Cli;

namespace Sniffer.Tests.Cli;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the command line in-process, as a user would from the shell.</summary>
public static class CliRunner
{
    public static CliResult Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int code = CliApp.Run(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
