using Sniffer.Tui.Model;
using Terminal.Gui.App;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Sniffer.Tui.Views;

/// <summary>The handshake ladder in a modal window; Enter on an arrow selects that packet.</summary>
public sealed class LadderDialog : Dialog
{
    public LadderDialog(LadderModel model, int selectedFrame)
    {
        Title = $"TCP ladder ({model.Transcript.StreamFilter}) — ↑↓ pick an arrow, Enter selects the packet, Esc closes";
        Width = Dim.Percent(95);
        Height = Dim.Percent(90);
        Ladder = new LadderView(model) { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill() };
        Ladder.SelectFrame(selectedFrame);
        Ladder.ArrowChosen += arrow => { ChosenFrame = arrow.Segment.FrameIndex; App?.RequestStop(this); };
        Add(Ladder);
        Ladder.SetFocus();
    }

    public LadderView Ladder { get; }
    public int? ChosenFrame { get; private set; }

    public static int? Show(IApplication app, LadderModel model, int selectedFrame)
    {
        using var dialog = new LadderDialog(model, selectedFrame);
        app.Run(dialog);
        return dialog.ChosenFrame;
    }
}
