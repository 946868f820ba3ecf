using System.Globalization;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Tui.Model.Filtering;

internal sealed class InterimFilterException(string message, int position, int length) : Exception(message)
{
    public int Position { get; } = position;
    public int Length { get; } = length;
}

/// <summary>
/// A small display-filter evaluator so the TUI's filter bar, presets and "filter to this stream" work
/// before Sniffer.Filters.DisplayFilter is merged: protocol names, comparisons (== != &lt; &gt; &lt;= &gt;=, eq ne ...),
/// and/or/not, parentheses. Fields come from the fast-path facts (TCP flags, ports, stream) or, for any
/// other registered field, from the collected values.
/// </summary>
internal sealed class InterimFilter(InterimFilterNode root, IReadOnlyList<FieldDef> fields) : PacketFilter
{
    public override IReadOnlyList<FieldDef> Fields { get; } = fields;

    /// <summary>Names used that no dissector registers yet: the only reason to prefer this evaluator.</summary>
    public IReadOnlyList<string> UnregisteredFields { get; init; } = Array.Empty<string>();

    public override bool Matches(in FilterInput input) => root.Evaluate(input);
}

internal abstract class InterimFilterNode
{
    public abstract bool Evaluate(in FilterInput input);
}

internal sealed class AndNode(InterimFilterNode left, InterimFilterNode right) : InterimFilterNode
{
    public override bool Evaluate(in FilterInput input) => left.Evaluate(input) && right.Evaluate(input);
}

internal sealed class OrNode(InterimFilterNode left, InterimFilterNode right) : InterimFilterNode
{
    public override bool Evaluate(in FilterInput input) => left.Evaluate(input) || right.Evaluate(input);
}

internal sealed class NotNode(InterimFilterNode inner) : InterimFilterNode
{
    public override bool Evaluate(in FilterInput input) => !inner.Evaluate(input);
}

/// <summary>A field alone (present?) or compared with a literal.</summary>
internal sealed class TestNode(string field, string? op, string? literal, FieldDef? registered) : InterimFilterNode
{
    public override bool Evaluate(in FilterInput input)
    {
        var values = new List<string>(2);
        InterimFields.Values(field, registered, input, values);
        if (op is null) return values.Count > 0;
        if (op == "!=")
        {
            // Wireshark's "!=" means "all not equal" and needs the field to be present.
            foreach (var v in values) if (Compare(v, literal!)) return false;
            return values.Count > 0;
        }
        foreach (var v in values) if (Compare(v, literal!)) return true;
        return false;
    }

    private bool Compare(string value, string literal)
    {
        int c;
        if (TryNumber(value, out double a) && TryNumber(literal, out double b)) c = a.CompareTo(b);
        else c = string.Compare(value, literal, StringComparison.OrdinalIgnoreCase);
        return op switch
        {
            "==" => c == 0,
            "!=" => c == 0, // "equal", negated by the caller
            "<" => c < 0,
            ">" => c > 0,
            "<=" => c <= 0,
            ">=" => c >= 0,
            _ => false,
        };
    }

    private static bool TryNumber(string s, out double d)
    {
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && ulong.TryParse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong hex)) { d = hex; return true; }
        if (s is "True" or "true") { d = 1; return true; }
        if (s is "False" or "false") { d = 0; return true; }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d);
    }
}
