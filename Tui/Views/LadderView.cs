using Sniffer.Tui.Model;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Sniffer.Tui.Views;

/// <summary>
/// Draws a <see cref="LadderModel"/>: times down the left, the client's lifeline, arrows across to the
/// server's lifeline, remarks on the right. Up/Down pick an arrow; Enter raises <see cref="ArrowChosen"/>.
/// </summary>
public sealed class LadderView : View
{
    private const int TimeWidth = 11;
    private const int NoteWidth = 46;
    private readonly LadderModel _model;
    private int _top;

    public LadderView(LadderModel model)
    {
        _model = model;
        CanFocus = true;
        AddCommand(Command.Up, () => MoveBy(-1));
        AddCommand(Command.Down, () => MoveBy(1));
        AddCommand(Command.PageUp, () => MoveBy(-Math.Max(1, Viewport.Height - 3)));
        AddCommand(Command.PageDown, () => MoveBy(Math.Max(1, Viewport.Height - 3)));
        AddCommand(Command.Start, () => MoveBy(-Selected));
        AddCommand(Command.End, () => MoveBy(_model.Arrows.Count));
        // Enter is already bound to Accept for every View.
        AddCommand(Command.Accept, () => { if (Selected < _model.Arrows.Count) ArrowChosen?.Invoke(_model.Arrows[Selected]); return true; });
        KeyBindings.Add(Key.CursorUp, Command.Up);
        KeyBindings.Add(Key.CursorDown, Command.Down);
        KeyBindings.Add(Key.PageUp, Command.PageUp);
        KeyBindings.Add(Key.PageDown, Command.PageDown);
        KeyBindings.Add(Key.Home, Command.Start);
        KeyBindings.Add(Key.End, Command.End);
        MouseBindings.Add(MouseFlags.WheeledUp, Command.Up);
        MouseBindings.Add(MouseFlags.WheeledDown, Command.Down);
    }

    public int Selected { get; private set; }
    public event Action<LadderArrow>? ArrowChosen;

    /// <summary>Puts the selection on the arrow of <paramref name="frameIndex"/>, if it is in the stream.</summary>
    public void SelectFrame(int frameIndex)
    {
        for (int i = 0; i < _model.Arrows.Count; i++)
            if (_model.Arrows[i].Segment.FrameIndex == frameIndex) { Selected = i; SetNeedsDraw(); return; }
    }

    private bool? MoveBy(int delta)
    {
        Selected = Math.Clamp(Selected + delta, 0, Math.Max(0, _model.Arrows.Count - 1));
        EnsureVisible();
        SetNeedsDraw();
        return true;
    }

    private int BodyHeight => Math.Max(1, Viewport.Height - 2);

    private void EnsureVisible()
    {
        if (Selected < _top) _top = Selected;
        if (Selected >= _top + BodyHeight) _top = Selected - BodyHeight + 1;
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        EnsureVisible(); // here, because the height is only known once laid out
        int width = Viewport.Width;
        int left = TimeWidth + 2;
        int right = Math.Max(left + 30, width - NoteWidth - 2);
        var transcript = _model.Transcript;

        Fill(0, Palette.Plain);
        Put(0, 0, "time (s)", Palette.Dim);
        Put(Math.Max(0, left - 4), 0, $"client {transcript.Client}", Palette.Client);
        string server = $"server {transcript.Server}";
        Put(Math.Max(left, right - server.Length + 4), 0, server, Palette.Server);
        Fill(1, Palette.Plain);
        Put(left, 1, "│", Palette.Client);
        Put(right, 1, "│", Palette.Server);
        if (_model.HandshakeRttNs is { } rtt) Put(right + 2, 1, $"handshake RTT {LadderModel.Ms(rtt)}", Palette.Accent);

        for (int row = 0; row < BodyHeight; row++)
        {
            int y = row + 2;
            int i = _top + row;
            Fill(y, Palette.Plain);
            if (i >= _model.Arrows.Count)
            {
                Put(left, y, "│", Palette.Client);
                Put(right, y, "│", Palette.Server);
                continue;
            }
            var arrow = _model.Arrows[i];
            bool selected = i == Selected && HasFocus;
            var line = ArrowAttribute(arrow, selected);
            Put(0, y, arrow.Time.PadLeft(TimeWidth), selected ? Palette.Cursor : Palette.Dim);
            Put(left, y, Shaft(arrow, right - left), line);
            if (arrow.Note.Length > 0) Put(right + 2, y, arrow.Note, arrow.Mark == LadderMark.Handshake ? Palette.Accent : Palette.Warning);
        }
        return true;
    }

    /// <summary>"├── label ──►┤" for client→server, "├◄── label ──┤" for server→client.</summary>
    private static string Shaft(LadderArrow arrow, int span)
    {
        int inner = Math.Max(4, span - 1);
        string label = $" {arrow.Label} ";
        if (label.Length > inner - 3) label = label[..Math.Max(0, inner - 4)] + "… ";
        int dashes = inner - label.Length - 1;
        int before = dashes / 2, after = dashes - before;
        return arrow.Segment.FromClient
            ? "├" + new string('─', before) + label + new string('─', after) + "►┤"
            : "├◄" + new string('─', before) + label + new string('─', after) + "┤";
    }

    private static Attribute ArrowAttribute(LadderArrow arrow, bool selected)
    {
        if (selected) return Palette.Cursor;
        return arrow.Mark switch
        {
            LadderMark.Reset or LadderMark.Problem => Palette.Warning,
            _ => arrow.Segment.FromClient ? Palette.Client : Palette.Server,
        };
    }

    private void Fill(int y, Attribute attribute)
    {
        Move(0, y);
        SetAttribute(attribute);
        AddStr(new string(' ', Viewport.Width));
    }

    private void Put(int x, int y, string text, Attribute attribute)
    {
        if (x >= Viewport.Width) return;
        if (x + text.Length > Viewport.Width) text = text[..(Viewport.Width - x)];
        Move(x, y);
        SetAttribute(attribute);
        AddStr(text);
    }
}
