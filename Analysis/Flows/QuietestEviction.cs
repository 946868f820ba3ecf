namespace Sniffer.Analysis.Flows;

/// <summary>How bounded flow tables make room: the tenth of entries quiet the longest goes at once, so the scan is paid rarely.</summary>
public static class QuietestEviction
{
    /// <summary>Removes the entries whose last activity is in the quietest tenth; returns how many were removed.</summary>
    public static int ForgetQuietestTenth<TKey, TValue>(Dictionary<TKey, TValue> table, Func<TValue, long> lastNs) where TKey : notnull
    {
        if (table.Count == 0) return 0;
        var times = new List<long>(table.Count);
        foreach (var value in table.Values) times.Add(lastNs(value));
        times.Sort();
        long threshold = times[times.Count / 10];
        var stale = new List<TKey>();
        foreach (var (key, value) in table) if (lastNs(value) <= threshold) stale.Add(key);
        foreach (var key in stale) table.Remove(key);
        return stale.Count;
    }
}
