using Sniffer.Tui;
using Sniffer.Tui.Model;
using Sniffer.Tui.Views;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace Sniffer.Tests.Tui;

/// <summary>
/// Runs the real main window headless (ANSI driver without terminal I/O), fully indexed first so the
/// screen is deterministic; keys are injected and the screen read back as text.
/// </summary>
internal sealed class TuiHarness : IDisposable
{
    public TuiHarness(string capture, int width = 160, int height = 50, string? filter = null)
    {
        Indexer = new CaptureIndexer(capture);
        Indexer.RunToCompletion();
        App = Application.Create();
        App.Init(DriverRegistry.Names.ANSI);
        App.Driver!.SetScreenSize(width, height);
        Window = new MainWindow(App, Indexer, new TuiOptions(capture, null, filter));
        App.Begin(Window);
        Draw();
    }

    public CaptureIndexer Indexer { get; }
    public IApplication App { get; }
    public MainWindow Window { get; }

    public string Screen => App.Driver!.ToString()!;

    public void Draw()
    {
        Window.Tick();
        App.LayoutAndDraw(true);
    }

    public void Press(params Key[] keys)
    {
        foreach (var key in keys) App.InjectKey(key);
        Draw();
    }

    public void Type(string text)
    {
        foreach (char c in text) App.InjectKey(new Key(c));
        Draw();
    }

    /// <summary>Waits for the background filter run, then redraws.</summary>
    public void WaitForFilter()
    {
        Window.CurrentFilterRun?.WaitForCompletion(TimeSpan.FromSeconds(30));
        Draw();
    }

    /// <summary>Lines of the packet list area (below the filter bar, above the tree).</summary>
    public IReadOnlyList<string> Lines => Screen.Split('\n');

    public void Dispose()
    {
        Window.Dispose();
        App.Dispose();
        Indexer.Dispose();
    }
}
