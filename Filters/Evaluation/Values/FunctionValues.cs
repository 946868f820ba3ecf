using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Filters.Evaluation.Values;

/// <summary>len(field): the byte length of each occurrence.</summary>
internal sealed class LenValue(ValueNode operand) : ValueNode(FieldType.UInt32)
{
    public override void CollectFields(List<FieldDef> into) => operand.CollectFields(into);

    public override void Evaluate(in PacketView p, ValueBuffer into)
    {
        var source = p.Scratch.Rent();
        operand.Evaluate(p, source);
        for (int i = 0; i < source.Count; i++) into.Add(Value.Integer(source[i].Length));
        p.Scratch.Return();
    }
}

/// <summary>count(field): how many times the field occurs; one value, present even when zero.</summary>
internal sealed class CountValue(ValueNode operand) : ValueNode(FieldType.UInt32)
{
    public override void CollectFields(List<FieldDef> into) => operand.CollectFields(into);

    public override void Evaluate(in PacketView p, ValueBuffer into)
    {
        var source = p.Scratch.Rent();
        operand.Evaluate(p, source);
        into.Add(Value.Integer(source.Count));
        p.Scratch.Return();
    }
}

/// <summary>lower()/upper() of a string field (ASCII letters, as Wireshark's g_ascii_str*).</summary>
internal sealed class CaseValue(ValueNode operand, bool upper) : ValueNode(FieldType.String)
{
    public override void CollectFields(List<FieldDef> into) => operand.CollectFields(into);

    public override void Evaluate(in PacketView p, ValueBuffer into)
    {
        var source = p.Scratch.Rent();
        operand.Evaluate(p, source);
        for (int i = 0; i < source.Count; i++)
        {
            var bytes = p.Bytes(source[i]);
            var target = p.Scratch.Allocate(bytes.Length, out var array, out int start);
            if (upper) Ascii.ToUpper(bytes, target, out _);
            else Ascii.ToLower(bytes, target, out _);
            // Non-ASCII bytes are copied as they are (Ascii.To* stops at the first one).
            for (int k = 0; k < bytes.Length; k++) if (bytes[k] >= 0x80) target[k] = bytes[k];
            into.Add(new Value { Array = array, Start = start, Length = bytes.Length, Entry = Value.NoEntry, PrefixBits = -1 });
        }
        p.Scratch.Return();
    }
}

/// <summary>string(field): integers in decimal, addresses as text; the result compares as a string.</summary>
internal sealed class StringValue(ValueNode operand) : ValueNode(FieldType.String)
{
    private readonly FieldType _from = operand.Type;

    public override void CollectFields(List<FieldDef> into) => operand.CollectFields(into);

    public override void Evaluate(in PacketView p, ValueBuffer into)
    {
        var source = p.Scratch.Rent();
        operand.Evaluate(p, source);
        Span<byte> text = stackalloc byte[64];
        for (int i = 0; i < source.Count; i++)
        {
            ref var v = ref source[i];
            var scratch = p.Scratch;
            int n = Format(v, p, text);
            if (n < 0)
            {
                // Rare types (IPv6, doubles): formatting allocates, accepted off the common path.
                byte[] utf8 = Encoding.UTF8.GetBytes(Slow(v, p));
                into.Add(Value.Bytes(utf8));
                continue;
            }
            var target = scratch.Allocate(n, out var array, out int start);
            text[..n].CopyTo(target);
            into.Add(new Value { Array = array, Start = start, Length = n, Entry = Value.NoEntry, PrefixBits = -1 });
        }
        p.Scratch.Return();
    }

    private int Format(in Value v, in PacketView p, Span<byte> into)
    {
        int n;
        switch (_from)
        {
            case FieldType.IPv4:
            {
                var b = p.Bytes(v);
                if (b.Length != 4) return -1;
                int at = 0;
                for (int k = 0; k < 4; k++)
                {
                    if (k > 0) into[at++] = (byte)'.';
                    Utf8Formatter.TryFormat(b[k], into[at..], out n);
                    at += n;
                }
                return at;
            }
            case FieldType.Ether:
            {
                var b = p.Bytes(v);
                if (b.Length * 3 > into.Length) return -1;
                int at = 0;
                for (int k = 0; k < b.Length; k++)
                {
                    if (k > 0) into[at++] = (byte)':';
                    into[at++] = (byte)"0123456789abcdef"[b[k] >> 4];
                    into[at++] = (byte)"0123456789abcdef"[b[k] & 15];
                }
                return at;
            }
            default:
                if (Class == CompareClass.Unsigned || _from == FieldType.FrameNum)
                    return Utf8Formatter.TryFormat((ulong)v.Int, into, out n) ? n : -1;
                if (Class == CompareClass.Signed)
                    return Utf8Formatter.TryFormat(v.Int, into, out n) ? n : -1;
                return -1;
        }
    }

    private new CompareClass Class => CompareClasses.Of(_from);

    private string Slow(in Value v, in PacketView p) => _from switch
    {
        FieldType.IPv6 => FieldFormatter.IPv6(p.Bytes(v)),
        FieldType.Double => v.Real.ToString("R", CultureInfo.InvariantCulture),
        _ => FieldFormatter.Hex(p.Bytes(v), ':'),
    };
}

/// <summary>abs() of a numeric value.</summary>
internal sealed class AbsValue(ValueNode operand) : ValueNode(operand.Type)
{
    public override void CollectFields(List<FieldDef> into) => operand.CollectFields(into);

    public override void Evaluate(in PacketView p, ValueBuffer into)
    {
        var source = p.Scratch.Rent();
        operand.Evaluate(p, source);
        for (int i = 0; i < source.Count; i++)
        {
            var v = source[i];
            if (Class == CompareClass.Signed && v.Int < 0) v.Int = -v.Int;
            else if (Class == CompareClass.Double) v.Real = Math.Abs(v.Real);
            into.Add(v);
        }
        p.Scratch.Return();
    }
}

/// <summary>min()/max() over every value of every argument: one value, or none when all are absent.</summary>
internal sealed class MinMaxValue(ValueNode[] arguments, bool max) : ValueNode(arguments[0].Type)
{
    public override void CollectFields(List<FieldDef> into)
    {
        foreach (var a in arguments) a.CollectFields(into);
    }

    public override void Evaluate(in PacketView p, ValueBuffer into)
    {
        var source = p.Scratch.Rent();
        foreach (var a in arguments) a.Evaluate(p, source);
        if (source.Count > 0)
        {
            int best = 0;
            for (int i = 1; i < source.Count; i++)
            {
                int c = ValueComparer.Compare(Class, source[i], source[best], p);
                if (max ? c > 0 : c < 0) best = i;
            }
            into.Add(source[best]);
        }
        p.Scratch.Return();
    }
}
