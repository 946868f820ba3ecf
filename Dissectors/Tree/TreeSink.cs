using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Tree;

/// <summary>Builds the annotated tree of one packet. Used only when someone looks at a packet.</summary>
public readonly struct TreeSink : IFieldSink
{
    private readonly FieldTreeBuilder _builder;

    public TreeSink(FieldTreeBuilder builder) => _builder = builder;

    internal FieldTreeBuilder Builder => _builder;

    public bool WantsTree => true;
    public bool Wants(FieldDef field) => true;
    public bool WantsFieldsOf(FieldDef protocol) => true;

    public void PushProtocol(FieldDef protocol, int offset, int length)
    {
        var node = _builder.Add(protocol, offset, length, FieldFlags.None);
        if (node is not null) node.Kind = ValueKind.None;
        _builder.Push();
    }

    public void AddUInt(FieldDef field, int offset, int length, ulong value, FieldFlags flags = FieldFlags.None)
    {
        var node = _builder.Add(field, offset, length, flags);
        if (node is null) return;
        node.Kind = ValueKind.UInt;
        node.Raw = value;
        ulong v = field.Extract(value);
        node.Bits = field.Type == FieldType.Boolean ? (v != 0 ? 1UL : 0UL) : v;
    }

    public void AddInt(FieldDef field, int offset, int length, long value, FieldFlags flags = FieldFlags.None)
    {
        var node = _builder.Add(field, offset, length, flags);
        if (node is null) return;
        node.Kind = ValueKind.Int;
        node.Bits = node.Raw = (ulong)value;
    }

    public void AddDouble(FieldDef field, int offset, int length, double value, FieldFlags flags = FieldFlags.None)
    {
        var node = _builder.Add(field, offset, length, flags);
        if (node is null) return;
        node.Kind = ValueKind.Double;
        node.Number = value;
    }

    public void AddBytes(FieldDef field, int offset, int length, ReadOnlySpan<byte> value, FieldFlags flags = FieldFlags.None)
    {
        var node = _builder.Add(field, offset, length, flags);
        if (node is null) return;
        node.Kind = ValueKind.Bytes;
        node.Data = value.ToArray();
    }

    public void AddTime(FieldDef field, int offset, int length, long nanoseconds, FieldFlags flags = FieldFlags.None)
    {
        var node = _builder.Add(field, offset, length, flags);
        if (node is null) return;
        node.Kind = ValueKind.Time;
        node.Bits = (ulong)nanoseconds;
    }

    public void AddNone(FieldDef field, int offset, int length, FieldFlags flags = FieldFlags.None)
    {
        var node = _builder.Add(field, offset, length, flags);
        if (node is not null) node.Kind = ValueKind.None;
    }

    public void ReopenProtocol(FieldDef protocol) => _builder.Reopen(protocol);
    public void Push() => _builder.Push();
    public void Pop() => _builder.Pop();
    public void SetLabel(string label) => _builder.SetLabel(label);

    public void AddText(string label, int offset, int length, FieldFlags flags = FieldFlags.None)
    {
        var node = _builder.Add(null, offset, length, flags);
        if (node is not null) node.Label = label;
    }

    public void UseDataSource(int sourceId) => _builder.SourceId = sourceId;
    public void AddExpert(ExpertDef expert, int offset, int length, string? message = null) =>
        _builder.AddExpert(expert, offset, length, message ?? expert.Message);
}

/// <summary>
/// The mutable state behind <see cref="TreeSink"/>: the root, the parent stack and the last item.
/// Caps the node count (as Wireshark's proto.c does) so a hostile packet cannot exhaust memory.
/// </summary>
public sealed class FieldTreeBuilder
{
    public const int MaxNodes = 100_000;

    private readonly Stack<FieldNode> _parents = new();
    private FieldNode? _last;
    private int _count;

    public FieldTreeBuilder() => Root = new FieldNode(null, 0, 0, FieldFlags.None) { Label = "" };

    public FieldNode Root { get; }

    /// <summary>True when the node cap cut the tree short.</summary>
    public bool Truncated { get; private set; }

    /// <summary>Every expert note added, in order.</summary>
    public List<ExpertNote> Experts { get; } = new();

    private FieldNode Current => _parents.Count > 0 ? _parents.Peek() : Root;

    /// <summary>The data source the offsets of new items refer to (0: the frame).</summary>
    internal int SourceId { get; set; }

    internal FieldNode? Add(FieldDef? field, int offset, int length, FieldFlags flags)
    {
        if (_count >= MaxNodes)
        {
            Truncated = true;
            _last = null;
            return null;
        }
        _count++;
        var node = new FieldNode(field, offset, length, flags) { SourceId = SourceId };
        Current.AddChild(node);
        _last = node;
        return node;
    }

    internal void Push() => _parents.Push(_last ?? Current);

    internal void Reopen(FieldDef protocol)
    {
        var top = Root.Children;
        for (int i = top.Count - 1; i >= 0; i--)
        {
            if (top[i].Field == protocol)
            {
                _parents.Push(top[i]);
                return;
            }
        }
        _parents.Push(Current);
    }

    internal void Pop()
    {
        if (_parents.Count > 0) _parents.Pop();
    }

    internal void SetLabel(string label)
    {
        if (_last is not null) _last.Label = label;
    }

    internal void FillFrameProtocols(string protocols)
    {
        foreach (var node in Root.Descendants())
        {
            if (node.Field?.Name == "frame.protocols") { node.Data = System.Text.Encoding.ASCII.GetBytes(protocols); node.Label = null!; return; }
        }
    }

    internal void AddExpert(ExpertDef expert, int offset, int length, string message)
    {
        var note = new ExpertNote(expert, offset, length, message);
        Experts.Add(note);
        var node = Add(expert.Field, offset, length, FieldFlags.Generated);
        if (node is null) return;
        node.Kind = ValueKind.None;
        node.Expert = note;
        // Generated items are bracketed when printed: the label limit applies to the text inside.
        node.SetLabelAsIs("[" + FieldFormatter.LimitLabel($"Expert Info ({ExpertDef.SeverityName(expert.Severity)}/{ExpertDef.GroupName(expert.Group)}): {message}", 0) + "]");
    }
}

public static class TreeSinkExtensions
{
    /// <summary>Sets frame.protocols, which is only known once every layer has been dissected.</summary>
    public static void FillFrameProtocols(this TreeSink sink, string protocols) => sink.Builder.FillFrameProtocols(protocols);
}
