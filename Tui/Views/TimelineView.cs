using Sniffer.Analysis.Reports;
using Sniffer.Analysis.Web;
using Sniffer.Tui.Model;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Sniffer.Tui.Views;

/// <summary>A line of the Timeline: a request (its waterfall bar) or one of its phases (the frames that bound it).</summary>
public sealed record TimelineItem(string Text, IReadOnlyList<TimelineItem> Children, PageLoadRow Row, Phase? Phase = null);

/// <summary>
/// The page-load waterfall (key t): one row per request, encrypted connection or failed connection, its phases
/// beneath it. Enter on a phase selects the frame it began in, f filters the packet list to the row's frames;
/// it redraws while a live capture (or the background pass) brings new frames.
/// </summary>
public sealed class TimelineView : Dialog
{
    private readonly TimelineModel _model;
    private int _shownVersion = -1;
    private readonly object? _timer;
    private readonly IApplication? _app;

    public TimelineView(IApplication? app, TimelineModel model)
    {
        _app = app;
        _model = model;
        Title = "Timeline — Enter on a phase goes to its first frame, f filters to the request's frames, Esc closes";
        Width = Dim.Percent(95);
        Height = Dim.Percent(90);
        Header = new Label { X = 0, Y = 0, Width = Dim.Fill(), Text = "" };
        Tree = new TreeView<TimelineItem>
        {
            X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill(1),
            TreeBuilder = new DelegateTreeBuilder<TimelineItem>(i => i.Children, i => i.Children.Count > 0),
            AspectGetter = i => i.Text,
            AllowLetterBasedNavigation = false,
        };
        Footer = new Label { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Text = "" };
        Tree.KeyDown += (_, key) =>
        {
            if (key == Key.Enter)
            {
                key.Handled = true;
                if (Tree.SelectedObject is { Phase: { } phase }) { ChosenFrame = (int)phase.Start.Frame - 1; App?.RequestStop(this); }
                else if (Tree.SelectedObject is { } row) Tree.Toggle(row);
            }
            else if (key == Key.F)
            {
                key.Handled = true;
                if (Tree.SelectedObject is { } item) { ChosenFilter = TimelineModel.FilterFor(item.Row); App?.RequestStop(this); }
            }
        };
        Add(Header, Tree, Footer);
        Refresh();
        Tree.SetFocus();
        if (app is not null) _timer = app.AddTimeout(TimeSpan.FromMilliseconds(500), () => { Refresh(); return true; });
    }

    public Label Header { get; }
    public TreeView<TimelineItem> Tree { get; }
    public Label Footer { get; }
    public int? ChosenFrame { get; private set; }
    public string? ChosenFilter { get; private set; }

    /// <summary>Rebuilds the tree when the model saw new frames, keeping the selection's row.</summary>
    public void Refresh()
    {
        int version = _model.Version;
        if (version == _shownVersion && _shownVersion >= 0) return;
        _shownVersion = version;
        var page = _model.Snapshot();
        int width = Math.Max(PageLoadReport.MinWidth, (Frame.Width > 4 ? Frame.Width : 120) - 6);
        var roots = Build(page, width);
        int selected = Tree.SelectedObject?.Row.Number ?? 1;
        Tree.ClearObjects();
        Tree.AddObjects(roots);
        var again = roots.FirstOrDefault(r => r.Row.Number == selected) ?? roots.FirstOrDefault();
        if (again is not null) Tree.SelectedObject = again;
        string progress = _model.Finished ? "" : $" — reading frames ({_model.Processed:N0} so far)";
        Header.Text = page.Rows.Count == 0
            ? "No HTTP requests, TLS connections or failed connections yet" + progress
            : $"{page.Rows.Count} rows, 0 .. {(page.EndNs - page.StartNs) / 1e6:F3} ms; d dns  c connect  t TLS  - idle  s send  w wait  r receive{progress}";
        Footer.Text = page.Rows.Count == 0 ? "" : PageLoadReport.Totals(page);
        SetNeedsDraw();
    }

    public static List<TimelineItem> Build(PageLoad page, int width)
    {
        var items = new List<TimelineItem>();
        long start = page.StartNs, span = Math.Max(1, page.EndNs - page.StartNs);
        int labelWidth = Math.Clamp(width / 3, 12, 48);
        int barWidth = Math.Max(10, width - labelWidth - 46);
        foreach (var row in page.Rows)
        {
            var phases = row.Phases.Select(p => new TimelineItem("  " + PageLoadReport.PhaseLine(row, p, start), Array.Empty<TimelineItem>(), row, p)).ToList();
            foreach (var problem in row.Problems) phases.Add(new TimelineItem("  ! " + problem, Array.Empty<TimelineItem>(), row));
            items.Add(new TimelineItem(PageLoadReport.RowLine(row, start, span, labelWidth, barWidth), phases, row));
        }
        return items;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _timer is not null) _app?.RemoveTimeout(_timer);
        base.Dispose(disposing);
    }

    /// <summary>Shows the timeline; returns the frame index chosen (Enter on a phase) or the filter asked for (f).</summary>
    public static (int? Frame, string? Filter) Show(IApplication app, TimelineModel model)
    {
        using var view = new TimelineView(app, model);
        app.Run(view);
        return (view.ChosenFrame, view.ChosenFilter);
    }
}
