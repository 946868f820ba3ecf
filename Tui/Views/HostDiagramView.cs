using Sniffer.Analysis.Roles;
using Sniffer.Tui.Model;
using Terminal.Gui.ViewBase;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Sniffer.Tui.Views;

/// <summary>Draws a <see cref="HostDiagram"/> of the selected host, laid out for the view's size on each draw.</summary>
public sealed class HostDiagramView : View
{
    private HostRoleRow? _host;
    private IReadOnlyList<RelayEvidence>? _relays;

    public void Show(HostRoleRow? host, IReadOnlyList<RelayEvidence>? relays)
    {
        _host = host;
        _relays = relays;
        SetNeedsDraw();
    }

    /// <summary>The lines as last drawn (tests read them).</summary>
    public HostDiagram? Current { get; private set; }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        int width = Viewport.Width, height = Viewport.Height;
        for (int y = 0; y < height; y++) Put(0, y, new string(' ', width), Palette.Plain);
        if (_host is null)
        {
            Put(1, 0, "No host selected.", Palette.Dim);
            Current = null;
            return true;
        }
        var diagram = Current = HostDiagram.Build(_host, width, height, _relays);
        for (int y = 0; y < diagram.Lines.Count && y < height; y++)
        {
            string line = diagram.Lines[y];
            if (y == 0) { Put(0, y, line, Palette.Accent); continue; }
            if (y > diagram.BoxBottom) { Put(0, y, line, Palette.Dim); continue; }
            // In-arrows, the box and out-arrows in their own colours; the lines under the box (relays, unknown direction) dim.
            Put(0, y, Slice(line, 0, diagram.BoxLeft), Palette.Client);
            Put(diagram.BoxLeft, y, Slice(line, diagram.BoxLeft, diagram.BoxRight + 1), Palette.Accent);
            Put(diagram.BoxRight + 1, y, Slice(line, diagram.BoxRight + 1, line.Length), Palette.Server);
        }
        return true;
    }

    private static string Slice(string s, int from, int to) => from >= s.Length ? "" : s[from..Math.Min(to, s.Length)];

    private void Put(int x, int y, string text, Attribute attribute)
    {
        if (x >= Viewport.Width || text.Length == 0) return;
        if (x + text.Length > Viewport.Width) text = text[..(Viewport.Width - x)];
        Move(x, y);
        SetAttribute(attribute);
        AddStr(text);
    }
}
