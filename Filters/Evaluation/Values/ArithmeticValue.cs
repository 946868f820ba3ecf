using Sniffer.Dissectors.Fields;
using Sniffer.Filters.Syntax;

namespace Sniffer.Filters.Evaluation.Values;

/// <summary>
/// a + b, a - b, a * b, a / b, a % b, a &amp; b over every pair of values (both sides usually have one).
/// Division by zero yields no value rather than an error, so the comparison is simply false.
/// </summary>
internal sealed class ArithmeticValue(TokenKind op, ValueNode left, ValueNode right) : ValueNode(left.Type)
{
    public override void CollectFields(List<FieldDef> into)
    {
        left.CollectFields(into);
        right.CollectFields(into);
    }

    public override void Evaluate(in PacketView p, ValueBuffer into)
    {
        var scratch = p.Scratch;
        var a = scratch.Rent();
        var b = scratch.Rent();
        left.Evaluate(p, a);
        if (a.Count > 0) right.Evaluate(p, b);
        for (int i = 0; i < a.Count; i++)
        {
            for (int j = 0; j < b.Count; j++)
            {
                if (Apply(a[i], b[j], p, out var result)) into.Add(result);
            }
        }
        scratch.Return();
        scratch.Return();
    }

    private bool Apply(in Value x, in Value y, in PacketView p, out Value result)
    {
        result = x;
        result.PrefixBits = -1;
        switch (Class)
        {
            case CompareClass.Unsigned:
            {
                ulong l = (ulong)x.Int, r = (ulong)y.Int;
                if (op is TokenKind.Slash or TokenKind.Percent && r == 0) return false;
                result.Int = (long)(op switch
                {
                    TokenKind.Plus => l + r,
                    TokenKind.Minus => l - r,
                    TokenKind.Star => l * r,
                    TokenKind.Slash => l / r,
                    TokenKind.Percent => l % r,
                    _ => l & r,
                });
                return true;
            }
            case CompareClass.Signed:
            {
                long l = x.Int, r = y.Int;
                if (op is TokenKind.Slash or TokenKind.Percent && r == 0) return false;
                result.Int = op switch
                {
                    TokenKind.Plus => l + r,
                    TokenKind.Minus => l - r,
                    TokenKind.Star => l * r,
                    TokenKind.Slash => l / r,
                    TokenKind.Percent => l % r,
                    _ => l & r,
                };
                return true;
            }
            case CompareClass.Double:
                result.Real = op switch
                {
                    TokenKind.Plus => x.Real + y.Real,
                    TokenKind.Minus => x.Real - y.Real,
                    TokenKind.Star => x.Real * y.Real,
                    TokenKind.Slash => x.Real / y.Real,
                    _ => x.Real % y.Real,
                };
                return true;
            case CompareClass.Bytes when op == TokenKind.BitAnd:
            {
                // Byte-wise AND over the common length (tcp.payload & 0x01, ip[42:2] & 40:ff).
                var l = p.Bytes(x);
                var r = p.Bytes(y);
                int n = Math.Min(l.Length, r.Length);
                var target = p.Scratch.Allocate(n, out var array, out int start);
                for (int k = 0; k < n; k++) target[k] = (byte)(l[k] & r[k]);
                result = new Value { Array = array, Start = start, Length = n, Entry = Value.NoEntry, PrefixBits = -1 };
                return true;
            }
            default:
                return false;
        }
    }
}

/// <summary>-a for a numeric field.</summary>
internal sealed class NegateValue(ValueNode operand) : ValueNode(operand.Type)
{
    public override void CollectFields(List<FieldDef> into) => operand.CollectFields(into);

    public override void Evaluate(in PacketView p, ValueBuffer into)
    {
        var source = p.Scratch.Rent();
        operand.Evaluate(p, source);
        for (int i = 0; i < source.Count; i++)
        {
            var v = source[i];
            v.Int = -v.Int;
            v.Real = -v.Real;
            into.Add(v);
        }
        p.Scratch.Return();
    }
}
