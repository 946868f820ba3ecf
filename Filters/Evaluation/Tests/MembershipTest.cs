using Sniffer.Dissectors.Fields;
using Sniffer.Filters.Evaluation.Values;

namespace Sniffer.Filters.Evaluation.Tests;

/// <summary>One element of a set: a value, or an inclusive range low..high.</summary>
internal sealed record SetMember(ValueNode Low, ValueNode? High);

/// <summary>left in {a, b, c..d}: some value of left equals a member or lies in a range ("all" prefix: every value).</summary>
internal sealed class MembershipTest(ValueNode left, SetMember[] members, bool all, CompareClass kind) : TestNode
{
    public override void CollectFields(List<FieldDef> into)
    {
        left.CollectFields(into);
        foreach (var m in members)
        {
            m.Low.CollectFields(into);
            m.High?.CollectFields(into);
        }
    }

    public override bool Evaluate(in PacketView p)
    {
        var a = p.Scratch.Rent();
        left.Evaluate(p, a);
        bool result = a.Count > 0 && all;
        for (int i = 0; i < a.Count; i++)
        {
            bool inSet = Contains(a[i], p);
            if (inSet != all) { result = inSet; break; }
        }
        p.Scratch.Return();
        return result;
    }

    private bool Contains(in Value v, in PacketView p)
    {
        var scratch = p.Scratch;
        foreach (var m in members)
        {
            var low = scratch.Rent();
            var high = scratch.Rent();
            m.Low.Evaluate(p, low);
            m.High?.Evaluate(p, high);
            bool hit = false;
            if (m.High is null)
            {
                for (int j = 0; j < low.Count && !hit; j++) hit = ValueComparer.Compare(kind, v, low[j], p) == 0;
            }
            else
            {
                for (int j = 0; j < low.Count && !hit; j++)
                    for (int k = 0; k < high.Count && !hit; k++)
                        hit = ValueComparer.Compare(kind, v, low[j], p) >= 0 && ValueComparer.Compare(kind, v, high[k], p) <= 0;
            }
            scratch.Return();
            scratch.Return();
            if (hit) return true;
        }
        return false;
    }
}
