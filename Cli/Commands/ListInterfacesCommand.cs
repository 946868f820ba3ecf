using Sniffer.Capture;

namespace Sniffer.Cli.Commands;

/// <summary>-D: the interfaces libpcap can capture on, numbered as -i accepts them.</summary>
public static class ListInterfacesCommand
{
    public static int Run(TextWriter stdout, TextWriter stderr)
    {
        try
        {
            foreach (var info in LiveCapture.ListInterfaces()) stdout.Write(info + "\n");
            return 0;
        }
        catch (LiveCaptureException e)
        {
            stderr.WriteLine($"sniffer: {e.Message}");
            return 2;
        }
    }
}
