using System.Text;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;

namespace Sniffer.Tui.Views;

/// <summary>
/// Hex and ASCII of the selected packet, 16 bytes a line, with the selected field's bytes lit up in
/// both columns. Written from scratch because HexView has no range highlight and prints control bytes raw.
/// </summary>
public sealed class HexPane : View
{
    private const int BytesPerLine = 16;
    private byte[] _data = Array.Empty<byte>();
    private int _top;

    public HexPane()
    {
        CanFocus = true;
        AddCommand(Command.Up, () => Scroll(-1));
        AddCommand(Command.Down, () => Scroll(1));
        AddCommand(Command.PageUp, () => Scroll(-Math.Max(1, Viewport.Height - 1)));
        AddCommand(Command.PageDown, () => Scroll(Math.Max(1, Viewport.Height - 1)));
        AddCommand(Command.Start, () => Scroll(-_top));
        AddCommand(Command.End, () => Scroll(Lines));
        KeyBindings.Add(Key.CursorUp, Command.Up);
        KeyBindings.Add(Key.CursorDown, Command.Down);
        KeyBindings.Add(Key.PageUp, Command.PageUp);
        KeyBindings.Add(Key.PageDown, Command.PageDown);
        KeyBindings.Add(Key.Home, Command.Start);
        KeyBindings.Add(Key.End, Command.End);
        MouseBindings.Add(MouseFlags.WheeledUp, Command.Up);
        MouseBindings.Add(MouseFlags.WheeledDown, Command.Down);
    }

    public int HighlightOffset { get; private set; } = -1;
    public int HighlightLength { get; private set; }

    private int Lines => (_data.Length + BytesPerLine - 1) / BytesPerLine;

    public void ShowBytes(byte[] data)
    {
        _data = data;
        _top = 0;
        HighlightOffset = -1;
        HighlightLength = 0;
        SetNeedsDraw();
    }

    /// <summary>Lights up [offset, offset+length) and scrolls it into view.</summary>
    public void Highlight(int offset, int length)
    {
        HighlightOffset = offset;
        HighlightLength = Math.Max(0, length);
        if (offset >= 0 && Viewport.Height > 0)
        {
            int line = offset / BytesPerLine;
            if (line < _top || line >= _top + Viewport.Height) _top = Math.Max(0, line - 1);
        }
        SetNeedsDraw();
    }

    private bool? Scroll(int lines)
    {
        _top = Math.Clamp(_top + lines, 0, Math.Max(0, Lines - Math.Max(1, Viewport.Height)));
        SetNeedsDraw();
        return true;
    }

    private bool IsLit(int i) => HighlightOffset >= 0 && i >= HighlightOffset && i < HighlightOffset + HighlightLength;

    protected override bool OnDrawingContent(DrawContext? context)
    {
        int height = Viewport.Height;
        var line = new StringBuilder(80);
        for (int row = 0; row < height; row++)
        {
            int lineIndex = _top + row;
            Move(0, row);
            SetAttribute(Palette.HexNormal);
            if (lineIndex >= Lines)
            {
                AddStr(new string(' ', Viewport.Width));
                continue;
            }
            int start = lineIndex * BytesPerLine;
            SetAttribute(Palette.HexOffset);
            AddStr($"{start:x4}  ");
            for (int i = 0; i < BytesPerLine; i++)
            {
                int at = start + i;
                if (at >= _data.Length) { SetAttribute(Palette.HexNormal); AddStr("   "); }
                else
                {
                    SetAttribute(IsLit(at) ? Palette.HexHighlight : Palette.HexNormal);
                    AddStr(_data[at].ToString("x2"));
                    // The gap is lit too when both neighbours are, so a field reads as one block.
                    SetAttribute(IsLit(at) && IsLit(at + 1) && i != BytesPerLine - 1 ? Palette.HexHighlight : Palette.HexNormal);
                    AddStr(" ");
                }
                if (i == 7) { SetAttribute(Palette.HexNormal); AddStr(" "); }
            }
            SetAttribute(Palette.HexNormal);
            AddStr(" ");
            for (int i = 0; i < BytesPerLine && start + i < _data.Length; i++)
            {
                byte b = _data[start + i];
                SetAttribute(IsLit(start + i) ? Palette.HexHighlight : Palette.HexNormal);
                AddStr(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : ".");
                if (i == 7) { SetAttribute(Palette.HexNormal); AddStr(" "); }
            }
            SetAttribute(Palette.HexNormal);
            int used = 6 + BytesPerLine * 3 + 2 + BytesPerLine + 1;
            if (Viewport.Width > used) AddStr(new string(' ', Viewport.Width - used));
        }
        return true;
    }
}
