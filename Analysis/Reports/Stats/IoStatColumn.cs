using Sniffer.Dissectors.Fields;

namespace Sniffer.Analysis.Reports.Stats;

/// <summary>How an io,stat column is computed (tap-iostat.c's calc_type_table, apart from FRAMES and BYTES).</summary>
public enum IoStatCalc { FramesAndBytes, Count, Sum, Min, Max, Avg, Load }

/// <summary>
/// One io,stat column as written on the command line: "FILTER", or "CALC(field)FILTER" where FILTER (what follows the
/// parenthesis, "field && tcp" for example) selects the frames and the field in the parentheses is measured.
/// </summary>
public sealed record IoStatColumn(string? Text, IoStatCalc Calc, FieldDef? Field, string? Filter)
{
    public static IoStatColumn Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new(null, IoStatCalc.FramesAndBytes, null, null);
        int open = text.IndexOf('(');
        IoStatCalc? calc = open < 0 ? null : text[..open].Trim() switch
        {
            "COUNT" => IoStatCalc.Count, "SUM" => IoStatCalc.Sum, "MIN" => IoStatCalc.Min,
            "MAX" => IoStatCalc.Max, "AVG" => IoStatCalc.Avg, "LOAD" => IoStatCalc.Load, _ => null,
        };
        if (calc is not { } c) return new(text, IoStatCalc.FramesAndBytes, null, text);
        int close = text.IndexOf(')', open);
        if (close < 0) throw new ArgumentException($"\"{text}\" is missing the closing parenthesis");
        string name = text[(open + 1)..close].Trim();
        var field = FieldRegistry.Find(name) ?? throw new ArgumentException($"there is no field named \"{name}\"");
        if (c != IoStatCalc.Count && !IsNumeric(field.Type))
            throw new ArgumentException($"{name} doesn't have integral values, so {text[..open].Trim()}(*) calculations are not supported on it");
        if (c == IoStatCalc.Load && field.Type != FieldType.RelativeTime)
            throw new ArgumentException("LOAD() is only supported for relative-time fields such as smb.time");
        string rest = text[(close + 1)..];
        return new(text, c, field, string.IsNullOrWhiteSpace(rest) ? null : rest);
    }

    private static bool IsNumeric(FieldType t) => t is FieldType.UInt8 or FieldType.UInt16 or FieldType.UInt24 or FieldType.UInt32
        or FieldType.UInt64 or FieldType.Int8 or FieldType.Int16 or FieldType.Int32 or FieldType.Int64 or FieldType.FrameNum
        or FieldType.Double or FieldType.RelativeTime;

    public bool IsSigned => Field?.Type is FieldType.Int8 or FieldType.Int16 or FieldType.Int32 or FieldType.Int64;
    public bool IsDouble => Field?.Type == FieldType.Double;
    public bool IsTime => Field?.Type == FieldType.RelativeTime;

    /// <summary>The label tshark centres over the column.</summary>
    public string Label => Calc switch
    {
        IoStatCalc.Count => "COUNT", IoStatCalc.Sum => "SUM", IoStatCalc.Min => "MIN",
        IoStatCalc.Max => "MAX", IoStatCalc.Avg => "AVG", IoStatCalc.Load => "LOAD", _ => "",
    };
}
