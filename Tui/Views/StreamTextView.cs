using Sniffer.Tui.Model;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;

namespace Sniffer.Tui.Views;

/// <summary>Scrollable text of a followed stream: client lines in one colour, server lines in another, search hits lit.</summary>
public sealed class StreamTextView : View
{
    private IReadOnlyList<FollowLine> _lines = Array.Empty<FollowLine>();
    private int _top;

    public StreamTextView()
    {
        CanFocus = true;
        AddCommand(Command.Up, () => ScrollBy(-1));
        AddCommand(Command.Down, () => ScrollBy(1));
        AddCommand(Command.PageUp, () => ScrollBy(-Math.Max(1, Viewport.Height - 1)));
        AddCommand(Command.PageDown, () => ScrollBy(Math.Max(1, Viewport.Height - 1)));
        AddCommand(Command.Start, () => ScrollBy(-_top));
        AddCommand(Command.End, () => ScrollBy(_lines.Count));
        KeyBindings.Add(Key.CursorUp, Command.Up);
        KeyBindings.Add(Key.CursorDown, Command.Down);
        KeyBindings.Add(Key.PageUp, Command.PageUp);
        KeyBindings.Add(Key.PageDown, Command.PageDown);
        KeyBindings.Add(Key.Home, Command.Start);
        KeyBindings.Add(Key.End, Command.End);
        MouseBindings.Add(MouseFlags.WheeledUp, Command.Up);
        MouseBindings.Add(MouseFlags.WheeledDown, Command.Down);
    }

    public string? Search { get; private set; }
    public int TopLine => _top;
    public IReadOnlyList<FollowLine> Lines => _lines;

    public void SetLines(IReadOnlyList<FollowLine> lines)
    {
        _lines = lines;
        _top = 0;
        SetNeedsDraw();
    }

    /// <summary>Moves to the next line (after the top one) containing <paramref name="term"/>; false when there is none.</summary>
    public bool FindNext(string term)
    {
        Search = term;
        if (term.Length == 0) return false;
        for (int k = 1; k <= _lines.Count; k++)
        {
            int i = (_top + k) % Math.Max(1, _lines.Count);
            if (_lines[i].Text.Contains(term, StringComparison.OrdinalIgnoreCase))
            {
                _top = i;
                SetNeedsDraw();
                return true;
            }
        }
        SetNeedsDraw();
        return false;
    }

    private bool? ScrollBy(int lines)
    {
        _top = Math.Clamp(_top + lines, 0, Math.Max(0, _lines.Count - 1));
        SetNeedsDraw();
        return true;
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        for (int row = 0; row < Viewport.Height; row++)
        {
            Move(0, row);
            int i = _top + row;
            if (i >= _lines.Count)
            {
                SetAttribute(Palette.Plain);
                AddStr(new string(' ', Viewport.Width));
                continue;
            }
            var line = _lines[i];
            string text = line.Text.Length > Viewport.Width ? line.Text[..Viewport.Width] : line.Text;
            var colour = line.FromClient ? Palette.Client : Palette.Server;
            int hit = Search is { Length: > 0 } s ? text.IndexOf(s, StringComparison.OrdinalIgnoreCase) : -1;
            if (hit < 0) { SetAttribute(colour); AddStr(text); }
            else
            {
                SetAttribute(colour); AddStr(text[..hit]);
                SetAttribute(Palette.SearchHit); AddStr(text.Substring(hit, Search!.Length));
                SetAttribute(colour); AddStr(text[(hit + Search.Length)..]);
            }
            SetAttribute(Palette.Plain);
            if (Viewport.Width > text.Length) AddStr(new string(' ', Viewport.Width - text.Length));
        }
        return true;
    }
}
