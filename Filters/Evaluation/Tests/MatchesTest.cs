using System.Text;
using System.Text.RegularExpressions;
using Sniffer.Dissectors.Fields;
using Sniffer.Filters.Evaluation.Values;

namespace Sniffer.Filters.Evaluation.Tests;

/// <summary>
/// left matches "regex": strings are decoded as UTF-8, raw bytes (protocols, payloads, slices) as
/// Latin-1 so every byte is one char, like PCRE over bytes. The regex has a timeout; a match that
/// runs out of time counts as no match rather than stopping the whole capture.
/// </summary>
internal sealed class MatchesTest(ValueNode left, Regex regex, bool all) : TestNode
{
    private readonly bool _utf8 = left.Type == FieldType.String;

    public override void CollectFields(List<FieldDef> into) => left.CollectFields(into);

    public override bool Evaluate(in PacketView p)
    {
        var a = p.Scratch.Rent();
        left.Evaluate(p, a);
        bool result = a.Count > 0 && all;
        for (int i = 0; i < a.Count; i++)
        {
            bool found = IsMatch(p.Bytes(a[i]), p.Scratch);
            if (found != all) { result = found; break; }
        }
        p.Scratch.Return();
        return result;
    }

    private bool IsMatch(ReadOnlySpan<byte> bytes, EvalScratch scratch)
    {
        char[] chars = scratch.Chars(bytes.Length);
        int n = _utf8 ? Encoding.UTF8.GetChars(bytes, chars) : Encoding.Latin1.GetChars(bytes, chars);
        try
        {
            return regex.IsMatch(chars.AsSpan(0, n));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
