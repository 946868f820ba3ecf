using Sniffer.Dissectors.Fields;

namespace Sniffer.Filters.Evaluation.Tests;

/// <summary>A compiled test: true or false for a packet.</summary>
internal abstract class TestNode
{
    public abstract bool Evaluate(in PacketView p);

    /// <summary>Adds the fields this test reads, so the caller can mark them wanted.</summary>
    public abstract void CollectFields(List<FieldDef> into);
}
