using Terminal.Gui.App;

namespace Sniffer.Tui.Views;

/// <summary>
/// Sets how often Terminal.Gui's main loop turns: fast while the user types or uses the mouse, slower once they
/// stop. The loop sleeps between turns with a timer whose expiry wakes a thread-pool worker that then spins for
/// more work; at 60 turns a second that alone kept an idle TUI at about 5 % of a core (bench/README.md).
/// New rows from the indexer or a filter need no more than the slow pace, which still redraws within 50 ms.
/// </summary>
internal sealed class InputPacing : IDisposable
{
    /// <summary>The default 25 turns a second adds up to 40 ms to every key; 60 keeps scrolling snappy.</summary>
    public const ushort ActiveIterationsPerSecond = 60;
    public const ushort QuietIterationsPerSecond = 20;
    private const long QuietAfterMilliseconds = 2000;

    private readonly IApplication _app;
    private long _lastInput;

    public InputPacing(IApplication app)
    {
        _app = app;
        _lastInput = Environment.TickCount64;
        Application.MaximumIterationsPerSecond = ActiveIterationsPerSecond;
        app.Keyboard.KeyDown += OnKey;
        app.Mouse.MouseEvent += OnMouse;
        app.Iteration += OnIteration;
    }

    public bool Quiet => Application.MaximumIterationsPerSecond == QuietIterationsPerSecond;

    private void OnKey(object? sender, Terminal.Gui.Input.Key e) => Wake();

    private void OnMouse(object? sender, Terminal.Gui.Input.Mouse e) => Wake();

    private void Wake()
    {
        _lastInput = Environment.TickCount64;
        Application.MaximumIterationsPerSecond = ActiveIterationsPerSecond;
    }

    private void OnIteration(object? sender, EventArgs e)
    {
        if (!Quiet && Environment.TickCount64 - _lastInput > QuietAfterMilliseconds)
            Application.MaximumIterationsPerSecond = QuietIterationsPerSecond;
    }

    public void Dispose()
    {
        _app.Keyboard.KeyDown -= OnKey;
        _app.Mouse.MouseEvent -= OnMouse;
        _app.Iteration -= OnIteration;
    }
}
