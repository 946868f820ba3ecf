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

    /// <summary>
    /// Presses <paramref name="opener"/>, which runs a modal dialog (blocking until it closes). A timer
    /// inside the nested loop lets <paramref name="whileOpen"/> drive the dialog, captures its screen,
    /// then presses <paramref name="closer"/>. Returns the captured screen.
    /// </summary>
    public string WithModal(Key opener, Action<Terminal.Gui.App.IRunnable>? whileOpen = null, Key? closer = null)
    {
        string? captured = null;
        App.AddTimeout(TimeSpan.FromMilliseconds(20), () =>
        {
            var top = App.TopRunnable;
            if (top is null || ReferenceEquals(top, Window)) return captured is null; // not open yet (or already closed)
            whileOpen?.Invoke(top);
            App.LayoutAndDraw(true);
            captured = Screen;
            App.InjectKey(closer ?? Key.Esc);
            return false;
        });
        App.InjectKey(opener);
        Draw();
        return captured ?? throw new InvalidOperationException("no dialog opened");
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
