using System.Text;
using Sniffer.Cli;

var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false, NewLine = "\n" };
var stderr = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
try
{
    int code = CliApp.Run(args, stdout, stderr);
    if (ResourceReport.Enabled) ResourceReport.Write(stderr);
    return code;
}
catch (IOException e) when (e.Message.Contains("Broken pipe", StringComparison.OrdinalIgnoreCase))
{
    return 0; // whoever read our output went away (| head): not an error
}
