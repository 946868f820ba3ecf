using Sniffer.Tui.Model;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace Sniffer.Tui.Views;

/// <summary>
/// The packet list: a TableView over <see cref="PacketTableSource"/>, with fixed column widths (so
/// they don't jitter while scrolling), Wireshark-style row colours, Home/End moving between the first
/// and last packet, and tail-following while the list grows if the user sits on the last row.
/// </summary>
public sealed class PacketListView : TableView
{
    private static readonly int[] WideWidths = [7, 11, 22, 22, 9, 6];
    private static readonly int[] NarrowWidths = [6, 10, 15, 15, 8, 5]; // below 120 columns: leave room for Info
    private int[] _widths = WideWidths;
    private readonly Dictionary<RowColour, Scheme> _schemes = new();
    private int _lastKnownRows;

    public PacketListView(PacketTableSource source) : base(source)
    {
        Source = source;
        FullRowSelect = true;
        MultiSelect = false;
        CanFocus = true;
        Style.ShowHorizontalHeaderOverline = false;
        Style.ShowHorizontalHeaderUnderline = true;
        Style.ShowVerticalCellLines = false;
        Style.ShowVerticalHeaderLines = false;
        Style.ShowHorizontalBottomLine = false;
        Style.ExpandLastColumn = true;
        Style.AlwaysShowHeaders = true;
        ApplyWidths(WideWidths);
        for (int i = 0; i < WideWidths.Length; i++)
            if (i is 0 or 1 or 5) Style.GetOrCreateColumnStyle(i).Alignment = Alignment.End;
        Style.GetOrCreateColumnStyle(6).MinWidth = 40;
        Style.RowColorGetter = args => SchemeFor(source.RowAt(args.RowIndex).Colour);
        KeyBindings.Remove(Key.Home);
        KeyBindings.Add(Key.Home, Command.Start);
        KeyBindings.Remove(Key.End);
        KeyBindings.Add(Key.End, Command.End);
        MaxCellWidth = 1000;
        CollectionNavigator = null; // letters are commands here (f, l, c, ...), not type-to-search
    }

    public PacketTableSource Source { get; }

    /// <summary>True while the selection sits on the last row: then new rows keep it at the end.</summary>
    public bool FollowTail { get; set; }

    public int SelectedRow => Value?.SelectedCell.Y ?? -1;

    public int SelectedFrameIndex => SelectedRow >= 0 && SelectedRow < Source.Rows ? Source.FrameIndexAt(SelectedRow) : -1;

    public void SelectRow(int row)
    {
        if (Source.Rows == 0) return;
        row = Math.Clamp(row, 0, Source.Rows - 1);
        SetSelection(0, row, false);
        EnsureCursorIsVisible();
        SetNeedsDraw();
    }

    public void SelectFrame(int frameIndex) => SelectRow(Source.RowOf(frameIndex));

    /// <summary>Called on a UI timer: picks up rows added by the indexer or a filter run.</summary>
    public void Refresh()
    {
        FitInfoColumn();
        int rows = Source.Rows;
        if (rows == _lastKnownRows) return;
        bool wasAtEnd = _lastKnownRows == 0 || SelectedRow >= _lastKnownRows - 1;
        _lastKnownRows = rows;
        RefreshContentSize();
        if (Value is null && rows > 0) SelectRow(FollowTail ? rows - 1 : 0);
        else if (FollowTail && wasAtEnd) SelectRow(rows - 1);
        SetNeedsDraw();
    }

    /// <summary>
    /// Gives the Info column all remaining width. ExpandLastColumn alone is not enough: the table
    /// recomputes widths from the visible rows at moments when its viewport is not final.
    /// </summary>
    private void FitInfoColumn()
    {
        var widths = Viewport.Width is > 0 and < 120 ? NarrowWidths : WideWidths;
        bool changed = !ReferenceEquals(widths, _widths);
        if (changed) ApplyWidths(widths);
        int fixedWidth = widths.Sum() + widths.Length;
        int info = Math.Max(20, Viewport.Width - fixedWidth - 1);
        var style = Style.GetOrCreateColumnStyle(widths.Length);
        if (style.MinWidth == info && !changed) return;
        style.MinWidth = info;
        RefreshContentSize();
        SetNeedsDraw();
    }

    /// <summary>Re-fits the columns right before drawing, when the final width is known (first layout, resize).</summary>
    protected override bool OnDrawingContent(DrawContext? context)
    {
        FitInfoColumn();
        return base.OnDrawingContent(context);
    }

    private void ApplyWidths(int[] widths)
    {
        _widths = widths;
        for (int i = 0; i < widths.Length; i++)
        {
            var style = Style.GetOrCreateColumnStyle(i);
            style.MinWidth = style.MaxWidth = widths[i];
        }
    }

    /// <summary>Forget everything shown (a new filter was applied).</summary>
    public void Reset()
    {
        _lastKnownRows = -1;
        Refresh();
    }

    private Scheme SchemeFor(RowColour colour)
    {
        if (_schemes.TryGetValue(colour, out var scheme)) return scheme;
        var normal = Palette.RowAttribute(colour);
        var selected = Palette.Selected(colour);
        scheme = new Scheme(normal) { Focus = selected, Active = selected, Highlight = selected, HotNormal = normal, HotFocus = selected };
        _schemes[colour] = scheme;
        return scheme;
    }
}
