using Sniffer.Dissectors.Fields;

namespace Sniffer.Filters.Evaluation.Values;

/// <summary>A compiled entity: something that yields zero or more values of one type for a packet.</summary>
internal abstract class ValueNode
{
    protected ValueNode(FieldType type) => Type = type;

    /// <summary>The static type of every value produced (FT_BYTES for slices, FT_UINT32 for len()).</summary>
    public FieldType Type { get; }

    public CompareClass Class => CompareClasses.Of(Type);

    /// <summary>Appends this node's values for the packet.</summary>
    public abstract void Evaluate(in PacketView p, ValueBuffer into);

    /// <summary>Adds the fields this node reads, so the caller can mark them wanted.</summary>
    public virtual void CollectFields(List<FieldDef> into) { }
}
