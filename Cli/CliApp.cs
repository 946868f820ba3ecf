using Sniffer.Capture;
using Sniffer.Cli.Commands;
using Sniffer.Cli.Options;

namespace Sniffer.Cli;

/// <summary>The whole command line as a function, so tests can run it in-process.</summary>
public static class CliApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return Dispatch(args, stdout, stderr);
        }
        catch (UsageException e)
        {
            stdout.Flush();
            stderr.WriteLine($"sniffer: {e.Message}");
            stderr.WriteLine("See 'sniffer --help' for usage.");
            return 1;
        }
        catch (CaptureOpenException e)
        {
            stdout.Flush();
            stderr.WriteLine(e.Message);
            return 2;
        }
        finally
        {
            try { stdout.Flush(); } catch (IOException) { }
        }
    }

    private static int Dispatch(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = OptionParser.Parse(args);
        if (options.Help) { stdout.Write(HelpText.Usage); return 0; }
        if (options.Version) { stdout.Write(HelpText.Version); return 0; }
        foreach (var pref in options.Preferences)
            stderr.WriteLine($"sniffer: preference \"{pref}\" is not implemented by Sniffer; ignored.");
        if (options.Report is not null) return ListFieldsCommand.Run(options.Report, stdout);

        if (options.ListInterfaces) return ListInterfacesCommand.Run(stdout, stderr);
        string? file = options.ReadFile ?? options.PositionalFile;
        // On a terminal with nothing asking for printed output, open the UI (sniffer FILE, sniffer -r FILE, sniffer).
        bool wantsUi = options.ForceTui || (!Console.IsOutputRedirected && !options.WantsBatchOutput);
        if (wantsUi)
        {
            return Sniffer.Tui.TuiApp.Run(new Sniffer.Tui.TuiOptions(file ?? (options.Interface is null ? BundledSamples.Default() : null), options.Interface, options.DisplayFilter)
            {
                CaptureFilter = options.CaptureFilter,
                WriteFile = options.WriteFile,
                SnapLength = options.SnapLength is > 0 ? options.SnapLength.Value : 262144,
                Promiscuous = !options.NoPromiscuous,
            }, stderr);
        }
        if (file is null && options.Interface is not null) return new LiveCaptureCommand(options, stdout, stderr).Run();
        if (file is null)
        {
            file = BundledSamples.Default();
            if (file is null) throw new UsageException("no capture file given (use -r FILE).");
        }
        return new ReadFileCommand(options, stdout, stderr).Run(file);
    }
}
