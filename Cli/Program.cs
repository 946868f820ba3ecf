using System.Text;
using Sniffer.Capture;
using Sniffer.Cli;
using Sniffer.Cli.Commands;
using Sniffer.Cli.Options;

var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false, NewLine = "\n" };
var stderr = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
try
{
    return Run(args, stdout, stderr);
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
catch (IOException e) when (e.HResult == 32 || e.Message.Contains("Broken pipe", StringComparison.OrdinalIgnoreCase))
{
    return 0; // the reader of our output went away (| head): not an error
}
finally
{
    try { stdout.Flush(); } catch (IOException) { }
}

static int Run(string[] args, StreamWriter stdout, StreamWriter stderr)
{
    var options = OptionParser.Parse(args);
    if (options.Help) { stdout.Write(HelpText.Usage); return 0; }
    if (options.Version) { stdout.Write(HelpText.Version); return 0; }
    foreach (var pref in options.Preferences)
        stderr.WriteLine($"sniffer: preference \"{pref}\" is not implemented by Sniffer; ignored.");
    if (options.Report is not null) return ListFieldsCommand.Run(options.Report, stdout);

    string? file = options.ReadFile ?? options.PositionalFile;
    if (file is null)
    {
        if (options.Interface is not null || options.ListInterfaces)
            throw new UsageException("live capture (-i, -D) is not available in this build yet.");
        file = BundledSamples.Default();
        if (file is null) throw new UsageException("no capture file given (use -r FILE).");
    }
    return new ReadFileCommand(options, stdout, stderr).Run(file);
}
