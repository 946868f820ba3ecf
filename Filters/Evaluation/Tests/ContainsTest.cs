using Sniffer.Dissectors.Fields;
using Sniffer.Filters.Evaluation.Values;

namespace Sniffer.Filters.Evaluation.Tests;

/// <summary>left contains right: some value of left has some value of right as a byte substring.</summary>
internal sealed class ContainsTest(ValueNode left, ValueNode right, bool all) : TestNode
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
        left.Evaluate(p, a);
        if (a.Count > 0) right.Evaluate(p, b);
        bool result = a.Count > 0 && b.Count > 0 && all;
        for (int i = 0; i < a.Count; i++)
        {
            for (int j = 0; j < b.Count; j++)
            {
                bool found = p.Bytes(a[i]).IndexOf(p.Bytes(b[j])) >= 0;
                if (found != all) { result = found; goto done; }
            }
        }
        done:
        scratch.Return();
        scratch.Return();
        return result;
    }
}
