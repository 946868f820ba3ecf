using Sniffer.Dissectors.Expert;
using Sniffer.Tui.Model;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Sniffer.Tui.Views;

/// <summary>An item of the Expert Info tree: a severity, a kind of note, or one frame.</summary>
public sealed record ExpertItem(string Text, IReadOnlyList<ExpertItem> Children, int FrameIndex = -1);

/// <summary>Expert info grouped by severity, then by kind (group + summary); Enter on a frame jumps to it.</summary>
public sealed class ExpertDialog : Dialog
{
    public ExpertDialog(ExpertLog log, PacketSession session)
    {
        var kinds = log.Snapshot();
        Title = $"Expert Info ({log.Count} notes) — Enter on a frame jumps to it, Esc closes";
        Width = Dim.Percent(90);
        Height = Dim.Percent(85);
        Tree = new TreeView<ExpertItem>
        {
            X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(),
            TreeBuilder = new DelegateTreeBuilder<ExpertItem>(i => i.Children, i => i.Children.Count > 0),
            AspectGetter = i => i.Text,
            AllowLetterBasedNavigation = false,
        };
        var roots = Build(kinds, session);
        Tree.AddObjects(roots);
        foreach (var root in roots) Tree.Expand(root);
        // Enter is taken before the tree's own bindings: on a frame it jumps, on a group it folds.
        Tree.KeyDown += (_, key) =>
        {
            if (key != Key.Enter) return;
            key.Handled = true;
            if (Tree.SelectedObject is { FrameIndex: >= 0 } item) { ChosenFrame = item.FrameIndex; App?.RequestStop(this); }
            else if (Tree.SelectedObject is { } group) Tree.Toggle(group);
        };
        Add(Tree);
        Tree.SetFocus();
    }

    public TreeView<ExpertItem> Tree { get; }
    public int? ChosenFrame { get; private set; }

    public static List<ExpertItem> Build(IReadOnlyList<ExpertKind> kinds, PacketSession session) =>
        kinds
            .GroupBy(k => k.Severity)
            .OrderByDescending(g => g.Key)
            .Select(severity => new ExpertItem(
                $"{ExpertDef.SeverityName(severity.Key)} ({severity.Sum(k => k.Count)})",
                severity
                    .OrderByDescending(k => k.Count)
                    .Select(kind => new ExpertItem(
                        $"{kind.Summary} [{kind.Group}] ({kind.Count}{(kind.Count > kind.FirstFrames.Count ? $", first {kind.FirstFrames.Count} listed" : "")})",
                        kind.FirstFrames.Select(frame => new ExpertItem(FrameLine(frame, session), Array.Empty<ExpertItem>(), frame)).ToList()))
                    .ToList()))
            .ToList();

    private static string FrameLine(int frameIndex, PacketSession session)
    {
        var row = session.Row(frameIndex);
        return $"Frame {frameIndex + 1}: {row.Source} → {row.Destination} {row.Info}";
    }

    public static int? Show(IApplication app, ExpertLog log, PacketSession session)
    {
        using var dialog = new ExpertDialog(log, session);
        app.Run(dialog);
        return dialog.ChosenFrame;
    }
}
