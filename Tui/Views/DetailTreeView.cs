using Sniffer.Dissectors.Tree;
using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace Sniffer.Tui.Views;

/// <summary>
/// The selected packet's dissection tree. Protocol layers expanded before stay expanded when the
/// next packet is shown (like Wireshark), so walking the list keeps the same view.
/// </summary>
public sealed class DetailTreeView : TreeView<FieldNode>
{
    private readonly HashSet<string> _expandedLayers = new(StringComparer.Ordinal);

    public DetailTreeView()
    {
        TreeBuilder = new DelegateTreeBuilder<FieldNode>(n => n.Children.Where(c => !c.IsHidden), n => n.Children.Any(c => !c.IsHidden));
        AspectGetter = n => n.Label;
        AllowLetterBasedNavigation = false; // letters are commands (a, *, -)
        MultiSelect = false;
        CanFocus = true;
    }

    public FieldNode? Root { get; private set; }

    public void ShowTree(FieldNode? root)
    {
        RememberExpandedLayers();
        ClearObjects();
        Root = root;
        if (root is null) return;
        var layers = root.Children.Where(c => !c.IsHidden).ToList();
        AddObjects(layers);
        foreach (var layer in layers)
            if (layer.Field is { } f && _expandedLayers.Contains(f.Name)) Expand(layer);
        SelectedObject = layers.Count > 0 ? layers[0] : null!;
        SetNeedsDraw();
    }

    private void RememberExpandedLayers()
    {
        if (Root is null) return;
        foreach (var layer in Root.Children)
        {
            if (layer.Field is not { } f) continue;
            if (IsExpanded(layer)) _expandedLayers.Add(f.Name); else _expandedLayers.Remove(f.Name);
        }
    }

    /// <summary>Finds the first node (depth first) whose label contains <paramref name="text"/> and selects it.</summary>
    public bool SelectFirst(Func<FieldNode, bool> match)
    {
        if (Root is null) return false;
        foreach (var node in Root.Descendants())
        {
            if (node.IsHidden || !match(node)) continue;
            for (var p = node.Parent; p is not null && p != Root; p = p.Parent) Expand(p);
            SelectedObject = node;
            EnsureVisible(node);
            SetNeedsDraw();
            return true;
        }
        return false;
    }

    protected override bool OnKeyDown(Key key)
    {
        if (key == new Key('*') || key == Key.E) { ExpandAll(); return true; }
        if (key == new Key('-') || key == Key.E.WithShift) { CollapseAll(); return true; }
        return base.OnKeyDown(key);
    }
}
