using Sniffer.Dissectors.Fields;

namespace Sniffer.Cli.Rendering;

/// <summary>One -e argument resolved: a real field, or one of tshark's column pseudo-fields (_ws.col.Info).</summary>
public sealed record FieldColumn(string Name, FieldDef? Field, SummaryColumn? Column);

public enum SummaryColumn { Number, Time, Source, Destination, Protocol, Length, Info }

public static class FieldColumns
{
    /// <summary>Resolves the -e names; unknown ones are collected with suggestions instead of failing one by one.</summary>
    public static List<FieldColumn> Resolve(IEnumerable<string> names, out List<string> problems)
    {
        var result = new List<FieldColumn>();
        problems = new List<string>();
        foreach (var name in names)
        {
            var column = ColumnFor(name);
            if (column is not null) { result.Add(new FieldColumn(name, null, column)); continue; }
            var field = FieldRegistry.Find(name);
            if (field is null)
            {
                var close = FieldRegistry.Suggest(name);
                problems.Add(close.Count > 0 ? $"{name} (did you mean {string.Join(", ", close)}?)" : name);
                continue;
            }
            result.Add(new FieldColumn(name, field, null));
        }
        return result;
    }

    private static SummaryColumn? ColumnFor(string name) => name.ToLowerInvariant() switch
    {
        "_ws.col.no." or "_ws.col.number" => SummaryColumn.Number,
        "_ws.col.time" => SummaryColumn.Time,
        "_ws.col.source" or "_ws.col.def_src" => SummaryColumn.Source,
        "_ws.col.destination" or "_ws.col.def_dst" => SummaryColumn.Destination,
        "_ws.col.protocol" => SummaryColumn.Protocol,
        "_ws.col.length" => SummaryColumn.Length,
        "_ws.col.info" => SummaryColumn.Info,
        _ => null,
    };
}
