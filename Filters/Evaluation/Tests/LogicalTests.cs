using Sniffer.Dissectors.Fields;

namespace Sniffer.Filters.Evaluation.Tests;

internal sealed class AndTest(TestNode left, TestNode right) : TestNode
{
    public override bool Evaluate(in PacketView p) => left.Evaluate(p) && right.Evaluate(p);
    public override void CollectFields(List<FieldDef> into) { left.CollectFields(into); right.CollectFields(into); }
}

internal sealed class OrTest(TestNode left, TestNode right) : TestNode
{
    public override bool Evaluate(in PacketView p) => left.Evaluate(p) || right.Evaluate(p);
    public override void CollectFields(List<FieldDef> into) { left.CollectFields(into); right.CollectFields(into); }
}

internal sealed class XorTest(TestNode left, TestNode right) : TestNode
{
    public override bool Evaluate(in PacketView p) => left.Evaluate(p) != right.Evaluate(p);
    public override void CollectFields(List<FieldDef> into) { left.CollectFields(into); right.CollectFields(into); }
}

internal sealed class NotTest(TestNode operand) : TestNode
{
    public override bool Evaluate(in PacketView p) => !operand.Evaluate(p);
    public override void CollectFields(List<FieldDef> into) => operand.CollectFields(into);
}

/// <summary>The empty filter: every packet passes.</summary>
internal sealed class AlwaysTrueTest : TestNode
{
    public override bool Evaluate(in PacketView p) => true;
    public override void CollectFields(List<FieldDef> into) { }
}
