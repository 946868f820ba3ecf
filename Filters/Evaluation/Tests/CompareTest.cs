using Sniffer.Dissectors.Fields;
using Sniffer.Filters.Evaluation.Values;

namespace Sniffer.Filters.Evaluation.Tests;

internal enum Relation : byte { Equal, NotEqual, Greater, GreaterOrEqual, Less, LessOrEqual }

/// <summary>
/// left REL right over every pair of values. "any" needs one pair to satisfy REL, "all" needs every
/// pair to (== and &lt; are any; != and === are all, as in Wireshark 4.0). Either side without values
/// makes the test false: a comparison implies the field exists.
/// </summary>
internal sealed class CompareTest(ValueNode left, Relation relation, bool all, ValueNode right, CompareClass kind) : TestNode
{
    public override void CollectFields(List<FieldDef> into)
    {
        left.CollectFields(into);
        right.CollectFields(into);
    }

    public override bool Evaluate(in PacketView p)
    {
        var scratch = p.Scratch;
        var a = scratch.Rent();
        var b = scratch.Rent();
        bool result = false;
        left.Evaluate(p, a);
        if (a.Count > 0)
        {
            right.Evaluate(p, b);
            if (b.Count > 0) result = all ? AllPairs(a, b, p) : AnyPair(a, b, p);
        }
        scratch.Return();
        scratch.Return();
        return result;
    }

    private bool AnyPair(ValueBuffer a, ValueBuffer b, in PacketView p)
    {
        for (int i = 0; i < a.Count; i++)
            for (int j = 0; j < b.Count; j++)
                if (Holds(ValueComparer.Compare(kind, a[i], b[j], p))) return true;
        return false;
    }

    private bool AllPairs(ValueBuffer a, ValueBuffer b, in PacketView p)
    {
        for (int i = 0; i < a.Count; i++)
            for (int j = 0; j < b.Count; j++)
                if (!Holds(ValueComparer.Compare(kind, a[i], b[j], p))) return false;
        return true;
    }

    private bool Holds(int c) => relation switch
    {
        Relation.Equal => c == 0,
        Relation.NotEqual => c != 0,
        Relation.Greater => c > 0,
        Relation.GreaterOrEqual => c >= 0,
        Relation.Less => c < 0,
        _ => c <= 0,
    };
}
