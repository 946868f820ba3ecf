using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Tree;

/// <summary>An expert note as it appears in one packet's tree.</summary>
public sealed record ExpertNote(ExpertDef Def, int Offset, int Length, string Message);

/// <summary>
/// One item of the annotated tree: a field (or a text line), the bytes it covers and its value.
/// The label is formatted on first use unless a dissector set its own.
/// </summary>
public sealed class FieldNode
{
    private string? _label;
    private List<FieldNode>? _children;

    internal FieldNode(FieldDef? field, int offset, int length, FieldFlags flags)
    {
        Field = field;
        Offset = offset;
        Length = length;
        Flags = flags;
    }

    public FieldDef? Field { get; }
    /// <summary>Which buffer <see cref="Offset"/> refers to: 0 the frame, else a <see cref="Core.DataSources"/> id.</summary>
    public int SourceId { get; internal set; }
    public int Offset { get; }
    public int Length { get; }
    public FieldFlags Flags { get; }
    public ValueKind Kind { get; internal set; }
    /// <summary>The stored value (masked and shifted for bitmask fields); ns for times.</summary>
    public ulong Bits { get; internal set; }
    /// <summary>The unmasked word, for drawing the bit pattern of bitmask fields.</summary>
    public ulong Raw { get; internal set; }
    public double Number { get; internal set; }
    public byte[]? Data { get; internal set; }
    public FieldNode? Parent { get; internal set; }

    public bool IsGenerated => (Flags & FieldFlags.Generated) != 0;
    public bool IsHidden => (Flags & FieldFlags.Hidden) != 0;

    public IReadOnlyList<FieldNode> Children => (IReadOnlyList<FieldNode>?)_children ?? Array.Empty<FieldNode>();

    /// <summary>Set when this node is an expert note (it then sits among its siblings where it was added).</summary>
    public ExpertNote? Expert { get; internal set; }

    public string Label
    {
        get => _label ??= FieldFormatter.Label(this);
        // A dissector's own text: cut to Wireshark's label size with " [truncated]" in front. null resets to the formatted label.
        internal set => _label = value is null ? null : FieldFormatter.LimitLabel(value, 0);
    }

    /// <summary>Sets a label that is already as long as it may be (brackets around a cut text, as for expert notes).</summary>
    internal void SetLabelAsIs(string label) => _label = label;

    /// <summary>The value as tshark prints it in -T fields.</summary>
    public string DisplayValue => FieldFormatter.FieldsValue(this);

    internal void AddChild(FieldNode child)
    {
        child.Parent = this;
        (_children ??= new List<FieldNode>()).Add(child);
    }

    /// <summary>Depth-first walk over this node's descendants (not itself).</summary>
    public IEnumerable<FieldNode> Descendants()
    {
        if (_children is null) yield break;
        foreach (var c in _children)
        {
            yield return c;
            foreach (var d in c.Descendants()) yield return d;
        }
    }

    public override string ToString() => Label;
}
