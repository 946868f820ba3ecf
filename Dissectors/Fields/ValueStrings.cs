namespace Sniffer.Dissectors.Fields;

/// <summary>A value_string table: number → name, for labels and for filter literals like `tcp.flags == SYN`.</summary>
public sealed class ValueStrings
{
    private readonly Dictionary<ulong, string> _byValue;

    public ValueStrings(params (ulong Value, string Name)[] entries)
    {
        Entries = entries;
        _byValue = new Dictionary<ulong, string>(entries.Length);
        foreach (var (value, name) in entries) _byValue.TryAdd(value, name);
    }

    public IReadOnlyList<(ulong Value, string Name)> Entries { get; }

    public string? Find(ulong value) => _byValue.TryGetValue(value, out var name) ? name : null;

    public bool TryParse(string name, out ulong value)
    {
        foreach (var e in Entries)
        {
            if (string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)) { value = e.Value; return true; }
        }
        value = 0;
        return false;
    }
}

/// <summary>Wireshark's true_false_string.</summary>
public sealed record TrueFalse(string True, string False)
{
    public static readonly TrueFalse SetNotSet = new("Set", "Not set");
    public static readonly TrueFalse YesNo = new("Yes", "No");
    public static readonly TrueFalse TrueFalseText = new("True", "False");
}
