using Sniffer.Dissectors.Fields;
using Sniffer.Filters.Evaluation.Values;

namespace Sniffer.Filters.Evaluation.Tests;

/// <summary>"dns", "tcp.analysis.retransmission": the field or protocol occurs at least once.</summary>
internal sealed class FieldExistsTest(FieldDef field) : TestNode
{
    public override bool Evaluate(in PacketView p) => p.Values.First(field.CanonicalId) >= 0;
    public override void CollectFields(List<FieldDef> into) => into.Add(field);
}

/// <summary>
/// A bare entity that is not a plain field: "tcp.flags &amp; 0x02" (some result nonzero),
/// "frame[199]" or "ip.src#2" (some value exists).
/// </summary>
internal sealed class EntityTruthTest(ValueNode entity, bool needNonZero) : TestNode
{
    public override bool Evaluate(in PacketView p)
    {
        var values = p.Scratch.Rent();
        entity.Evaluate(p, values);
        bool result = false;
        for (int i = 0; i < values.Count && !result; i++)
            result = !needNonZero || ValueComparer.IsTruthy(entity.Class, values[i], p);
        p.Scratch.Return();
        return result;
    }

    public override void CollectFields(List<FieldDef> into) => entity.CollectFields(into);
}
