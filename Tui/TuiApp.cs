using Sniffer.Capture;
using Sniffer.Tui.Model;
using Sniffer.Tui.Views;
using Terminal.Gui.App;

namespace Sniffer.Tui;

/// <summary>Entry point of the terminal UI: `sniffer FILE` on a terminal, `sniffer -i IFACE --tui`, or `sniffer --tui ...`.</summary>
public static class TuiApp
{
    public static int Run(TuiOptions options, TextWriter stderr)
    {
        using var indexer = options.File is null && options.Interface is not null ? StartLive(options) : OpenFile(options, stderr);
        if (indexer is null) return 2;
        if (indexer.Live is not null)
        {
            // Fail before taking over the terminal when the interface cannot be opened (permissions, name).
            var deadline = DateTime.UtcNow.AddSeconds(3);
            while (indexer.Live.Capture is null && indexer.Error is null && DateTime.UtcNow < deadline) Thread.Sleep(20);
            if (indexer.Error is { } error)
            {
                stderr.WriteLine($"sniffer: {error}");
                return 2;
            }
        }

        using IApplication app = Application.Create().Init();
        using var pacing = new InputPacing(app);
        using var window = new MainWindow(app, indexer, options);
        app.Run(window);
        indexer.Stop();
        if (window.SavedTo is { } saved) stderr.WriteLine($"sniffer: capture saved to {saved}");
        if (indexer.Error is { } failure && indexer.Index.Count == 0)
        {
            stderr.WriteLine(failure);
            return 2;
        }
        return 0;
    }

    private static CaptureIndexer? OpenFile(TuiOptions options, TextWriter stderr)
    {
        if (options.File is null)
        {
            stderr.WriteLine("sniffer: no capture file given, and no bundled sample found (samples/pcaps).");
            return null;
        }
        if (!File.Exists(options.File))
        {
            stderr.WriteLine($"sniffer: the file \"{options.File}\" does not exist.");
            return null;
        }
        var indexer = new CaptureIndexer(options.File) { PauseForFirstScreenAfter = 1000 };
        indexer.Start();
        // A file that is not a capture is reported on stderr, like the CLI does, instead of an empty UI.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (indexer.Store is null && !indexer.Completed && DateTime.UtcNow < deadline) Thread.Sleep(5);
        if (indexer.Store is null && indexer.Error is { } error)
        {
            stderr.WriteLine(error);
            indexer.Dispose();
            return null;
        }
        return indexer;
    }

    private static CaptureIndexer StartLive(TuiOptions options)
    {
        string spool = options.WriteFile ?? Path.Combine(Path.GetTempPath(), $"sniffer-live-{Environment.ProcessId}-{DateTime.Now:yyyyMMdd-HHmmss}.pcap");
        var capture = new LiveCaptureOptions
        {
            Interface = options.Interface!,
            BpfFilter = options.CaptureFilter,
            SnapLength = options.SnapLength,
            Promiscuous = options.Promiscuous,
            Immediate = true, // rows should appear as packets arrive, not when the kernel buffer fills
        };
        return CaptureIndexer.StartLive(capture, spool, keepSpool: options.WriteFile is not null);
    }
}
