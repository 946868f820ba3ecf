using Sniffer.Tui.Model;
using Sniffer.Tui.Views;
using Terminal.Gui.App;

namespace Sniffer.Tui;

/// <summary>Entry point of the terminal UI: `sniffer FILE` on a terminal, or `sniffer --tui ...`.</summary>
public static class TuiApp
{
    public static int Run(TuiOptions options, TextWriter stderr)
    {
        if (options.File is null)
        {
            stderr.WriteLine(options.Interface is not null
                ? "sniffer: live capture in the UI is not available in this build yet (use -w with tshark-style options)."
                : "sniffer: no capture file given, and no bundled sample found (samples/pcaps).");
            return 1;
        }
        if (!File.Exists(options.File))
        {
            stderr.WriteLine($"sniffer: the file \"{options.File}\" does not exist.");
            return 2;
        }

        using var indexer = new CaptureIndexer(options.File);
        indexer.Start();
        // The default 25 iterations/s adds up to 40 ms to every key; 60 keeps scrolling snappy.
        Application.MaximumIterationsPerSecond = 60;
        using IApplication app = Application.Create().Init();
        using var window = new MainWindow(app, indexer, options);
        app.Run(window);
        if (indexer.Error is { } error && indexer.Index.Count == 0)
        {
            stderr.WriteLine(error);
            return 2;
        }
        return 0;
    }
}
