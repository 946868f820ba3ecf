using System.Reflection;
using Sniffer.Dissectors.Expert;

namespace Sniffer.Dissectors.Fields;

/// <summary>
/// Every field Sniffer knows, found once by reflection over the [FieldTable] classes of this assembly.
/// Keeping each protocol's table in its own file means adding a protocol touches no shared list.
/// </summary>
public static class FieldRegistry
{
    private static readonly Lazy<Tables> s_tables = new(Build);

    public static IReadOnlyList<FieldDef> All => s_tables.Value.Fields;

    /// <summary>Upper bound (exclusive) of <see cref="FieldDef.Id"/>, for id-indexed arrays.</summary>
    public static int MaxId => s_tables.Value.MaxId;

    public static FieldDef? Find(string name) => s_tables.Value.ByName.GetValueOrDefault(name);

    public static FieldDef? ById(int id) => (uint)id < (uint)s_tables.Value.ById.Length ? s_tables.Value.ById[id] : null;

    public static IReadOnlyList<ExpertDef> Experts => s_tables.Value.Experts;

    /// <summary>Known names closest to a misspelt one, best first (for "did you mean").</summary>
    public static IReadOnlyList<string> Suggest(string name, int max = 3)
    {
        var scored = new List<(int Distance, string Name)>();
        foreach (var f in All)
        {
            int d = EditDistance.Compute(name, f.Name);
            if (d <= Math.Max(2, name.Length / 3)) scored.Add((d, f.Name));
        }
        scored.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : string.CompareOrdinal(a.Name, b.Name));
        var result = new List<string>();
        foreach (var (_, n) in scored)
        {
            if (result.Count == max) break;
            result.Add(n);
        }
        return result;
    }

    private sealed record Tables(List<FieldDef> Fields, Dictionary<string, FieldDef> ByName, FieldDef?[] ById, int MaxId, List<ExpertDef> Experts);

    private static Tables Build()
    {
        var fields = new List<FieldDef>();
        var experts = new List<ExpertDef>();
        var types = typeof(FieldRegistry).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<FieldTableAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in types)
        {
            foreach (var member in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            {
                switch (member.GetValue(null))
                {
                    case FieldDef f: fields.Add(f); break;
                    case ExpertDef e: experts.Add(e); fields.Add(e.Field); break;
                    // Fields defined in a table (one per value of a type code) are listed in an array.
                    case FieldDef[] table: fields.AddRange(table); break;
                }
            }
        }
        var byName = new Dictionary<string, FieldDef>(StringComparer.Ordinal);
        foreach (var f in fields)
        {
            if (!byName.TryAdd(f.Name, f)) f.CanonicalId = byName[f.Name].CanonicalId;
        }
        int maxId = 0;
        foreach (var f in fields) maxId = Math.Max(maxId, f.Id);
        var byId = new FieldDef?[maxId + 1];
        foreach (var f in fields) byId[f.Id] = f;
        fields.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new Tables(fields, byName, byId, maxId + 1, experts);
    }
}

internal static class EditDistance
{
    public static int Compute(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 8) return int.MaxValue;
        Span<int> prev = stackalloc int[b.Length + 1];
        Span<int> cur = stackalloc int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            cur.CopyTo(prev);
        }
        return prev[b.Length];
    }
}
