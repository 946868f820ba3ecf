using Sniffer.Tui.Model;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Sniffer.Tui.Views;

/// <summary>
/// Conversations (TCP / UDP / IP): t switches the kind, s sorts by the selected column (again reverses),
/// Enter filters the packet list to the conversation.
/// </summary>
public sealed class ConversationsDialog : Dialog
{
    private readonly CaptureIndexer _indexer;
    private readonly TableView _table;
    private ConversationKind _kind = ConversationKind.Tcp;
    private List<ConversationRow> _rows = new();
    private int _sortColumn = 4;
    private bool _descending = true;

    public ConversationsDialog(CaptureIndexer indexer)
    {
        _indexer = indexer;
        Width = Dim.Percent(95);
        Height = Dim.Percent(85);
        _table = new TableView { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(1), FullRowSelect = true, MultiSelect = false };
        _table.CollectionNavigator = null;
        _table.KeyDown += (_, key) => { if (key == Key.Enter) { key.Handled = true; Choose(); } };
        var help = new Label { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Text = "t TCP/UDP/IP · s sort by column (again: reverse) · ←→ pick column · Enter filter to conversation · Esc close" };
        Add(_table, help);
        Reload();
        _table.SetFocus();
    }

    public string? RequestedFilter { get; private set; }
    public TableView Table => _table;
    public IReadOnlyList<ConversationRow> Rows => _rows;

    private void Reload()
    {
        _rows = ConversationRows.Sort(ConversationRows.Build(_indexer.Conversations.Snapshot(), _kind, _indexer.Index.FirstTimestampNs), _sortColumn, _descending);
        Title = $"Conversations — {_kind.ToString().ToUpperInvariant()} ({_rows.Count}) sorted by {ConversationRows.Columns[_sortColumn]} {(_descending ? "↓" : "↑")}";
        _table.Table = new RowsTableSource<ConversationRow>(_rows, ConversationRows.Columns, ConversationRows.Cell);
        if (_rows.Count > 0) _table.SetSelection(0, 0, false);
        _table.SetNeedsDraw();
    }

    private void Choose()
    {
        int row = _table.Value?.SelectedCell.Y ?? -1;
        if (row < 0 || row >= _rows.Count) return;
        RequestedFilter = _rows[row].Filter;
        App?.RequestStop(this);
    }

    protected override bool OnKeyDown(Key key)
    {
        if (key == Key.T)
        {
            _kind = (ConversationKind)(((int)_kind + 1) % 3);
            Reload();
            return true;
        }
        if (key == Key.S)
        {
            int column = Math.Clamp(_table.Value?.SelectedCell.X ?? 4, 0, ConversationRows.Columns.Length - 1);
            if (column == _sortColumn) _descending = !_descending; else { _sortColumn = column; _descending = true; }
            Reload();
            return true;
        }
        return base.OnKeyDown(key);
    }

    public static string? Show(IApplication app, CaptureIndexer indexer)
    {
        using var dialog = new ConversationsDialog(indexer);
        app.Run(dialog);
        return dialog.RequestedFilter;
    }
}
