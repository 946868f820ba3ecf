using Sniffer.Dissectors.Fields;

namespace Sniffer.Filters.Evaluation.Values;

/// <summary>A constant, converted to the other side's type at compile time.</summary>
internal sealed class LiteralValue(FieldType type, Value value) : ValueNode(type)
{
    public Value Value => value;

    public override void Evaluate(in PacketView p, ValueBuffer into) => into.Add(value);
}
