using Sniffer.Dissectors.Fields;
using Sniffer.Filters.Ast;

namespace Sniffer.Filters.Evaluation.Values;

/// <summary>
/// field[i:j] and friends. A value whose bytes do not reach the range yields nothing, as in Wireshark
/// ("frame[100-199]" also requires the frame to be 200 bytes long). Several ranges are concatenated.
/// </summary>
internal sealed class SliceValue(ValueNode operand, SliceRange[] ranges) : ValueNode(FieldType.Bytes)
{
    public override void CollectFields(List<FieldDef> into) => operand.CollectFields(into);

    public override void Evaluate(in PacketView p, ValueBuffer into)
    {
        var scratch = p.Scratch;
        var source = scratch.Rent();
        try
        {
            operand.Evaluate(p, source);
            for (int i = 0; i < source.Count; i++)
            {
                ref var v = ref source[i];
                if (ranges.Length == 1)
                {
                    if (!Resolve(ranges[0], v.Length, out int start, out int length)) continue;
                    var slice = v;
                    slice.Start += start;
                    slice.Length = length;
                    slice.PrefixBits = -1;
                    into.Add(slice);
                    continue;
                }
                int total = 0;
                bool ok = true;
                foreach (var r in ranges)
                {
                    if (!Resolve(r, v.Length, out _, out int length)) { ok = false; break; }
                    total += length;
                }
                if (!ok) continue;
                var bytes = p.Bytes(v);
                var target = scratch.Allocate(total, out var array, out int at);
                int written = 0;
                foreach (var r in ranges)
                {
                    Resolve(r, v.Length, out int start, out int length);
                    bytes.Slice(start, length).CopyTo(target[written..]);
                    written += length;
                }
                into.Add(new Value { Array = array, Start = at, Length = total, Entry = Value.NoEntry, PrefixBits = -1 });
            }
        }
        finally { scratch.Return(); }
    }

    /// <summary>Turns a range into start/length within a value of <paramref name="size"/> bytes; negative offsets count from the end.</summary>
    internal static bool Resolve(SliceRange r, int size, out int start, out int length)
    {
        start = r.Start < 0 ? size + r.Start : r.Start;
        length = 0;
        if (start < 0 || start >= size && !(r.Kind == SliceRangeKind.Length && r.Count == 0 && start == size)) return false;
        switch (r.Kind)
        {
            case SliceRangeKind.Length:
                length = r.Count;
                break;
            case SliceRangeKind.End:
                int end = r.Count < 0 ? size + r.Count : r.Count;
                length = end - start + 1;
                break;
            case SliceRangeKind.ToEnd:
                length = size - start;
                break;
        }
        return length >= 0 && start + length <= size;
    }
}
