using Sniffer.Analysis.Roles;
using Sniffer.Tui.Model;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Sniffer.Tui.Views;

/// <summary>
/// Hosts (key h): the -z roles table (client, server, peer, supernode, unknown, with the reason) and
/// the selected host's connections drawn as arrows. ←→ pick a column, s sorts by it (again: reverse),
/// Enter filters the packet list to the host. While a capture is still being read or captured, the
/// table follows it (twice a second, only when something changed), keeping the selected host.
/// </summary>
public sealed class HostsView : Dialog
{
    private readonly IApplication _app;
    private readonly HostRoleTracker _tracker;
    private readonly TableView _table;
    private readonly object? _timer;
    private List<HostRoleRow> _rows = new();
    private HostRolesResult? _result;
    private long _version = -1;
    private int _sortColumn;
    private bool _descending;

    public HostsView(IApplication app, HostRoleTracker tracker)
    {
        _app = app;
        _tracker = tracker;
        Width = Dim.Percent(95);
        Height = Dim.Percent(90);
        _table = new TableView { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Percent(50), FullRowSelect = true, MultiSelect = false };
        _table.CollectionNavigator = null;
        _table.KeyDown += (_, key) => { if (key == Key.Enter) { key.Handled = true; Choose(); } };
        Diagram = new HostDiagramView { X = 0, Y = Pos.Bottom(_table), Width = Dim.Fill(), Height = Dim.Fill(1) };
        _table.ValueChanged += (_, _) => Diagram.Show(Selected, _result?.Relays);
        var help = new Label { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Text = "↑↓ pick a host · ←→ pick a column · s sort by it (again: reverse) · Enter filter to the host · Esc close" };
        Add(_table, Diagram, help);
        Reload();
        _table.SetFocus();
        _timer = _app.AddTimeout(TimeSpan.FromMilliseconds(500), () => { Refresh(); return true; });
    }

    public TableView Table => _table;
    public HostDiagramView Diagram { get; }
    public IReadOnlyList<HostRoleRow> Rows => _rows;
    public string? RequestedFilter { get; private set; }

    public HostRoleRow? Selected
    {
        get
        {
            int row = _table.Value?.SelectedCell.Y ?? -1;
            return row >= 0 && row < _rows.Count ? _rows[row] : null;
        }
    }

    /// <summary>
    /// Reclassifies when the tracker saw new packets (a live capture, or a file still being indexed), but
    /// not more often than five times what the last classification took: with very many hosts the UI stays responsive.
    /// </summary>
    public void Refresh(bool now = false)
    {
        if (_tracker.Version == _version || (!now && System.Diagnostics.Stopwatch.GetElapsedTime(_lastReload) < _minInterval)) return;
        Reload();
    }

    private long _lastReload;
    private TimeSpan _minInterval;

    private void Reload()
    {
        _lastReload = System.Diagnostics.Stopwatch.GetTimestamp();
        string? keep = Selected?.Address;
        int column = _table.Value?.SelectedCell.X ?? 0;
        _version = _tracker.Version;
        _result = _tracker.Classify();
        _minInterval = System.Diagnostics.Stopwatch.GetElapsedTime(_lastReload) * 5;
        _rows = HostRows.Sort(_result.Hosts, _sortColumn, _descending);
        _table.Table = new RowsTableSource<HostRoleRow>(_rows, HostRows.Columns, HostRows.Cell);
        int row = keep is null ? 0 : Math.Max(0, _rows.FindIndex(r => r.Address == keep));
        if (_rows.Count > 0) _table.SetSelection(Math.Clamp(column, 0, HostRows.Columns.Length - 1), row, false);
        UpdateTitle();
        Diagram.Show(Selected, _result?.Relays);
        _table.SetNeedsDraw();
    }

    private void UpdateTitle()
    {
        var counts = _rows.GroupBy(r => r.Role).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
        string overlays = _result is { Overlays.Count: > 0 } r ? $", {r.Overlays.Count} overlay{(r.Overlays.Count == 1 ? "" : "s")}" : "";
        string hosts = _rows.Count == 0 ? "none yet" : $"{_rows.Count}: {string.Join(", ", counts)}{overlays}";
        Title = $"Hosts ({hosts}) sorted by {HostRows.Columns[_sortColumn]} {(_descending ? "↓" : "↑")}";
    }

    private void Choose()
    {
        if (Selected is not { } host) return;
        RequestedFilter = host.Filter;
        App?.RequestStop(this);
    }

    protected override bool OnKeyDown(Key key)
    {
        if (key == Key.S)
        {
            int column = Math.Clamp(_table.Value?.SelectedCell.X ?? 0, 0, HostRows.Columns.Length - 1);
            if (column == _sortColumn) _descending = !_descending;
            else { _sortColumn = column; _descending = column is >= 2 and <= 9; } // counts: biggest first
            Reload();
            return true;
        }
        return base.OnKeyDown(key);
    }

    public static string? Show(IApplication app, HostRoleTracker tracker)
    {
        using var dialog = new HostsView(app, tracker);
        app.Run(dialog);
        return dialog.RequestedFilter;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _timer is not null) _app.RemoveTimeout(_timer);
        base.Dispose(disposing);
    }
}
