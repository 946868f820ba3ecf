using Sniffer.Tui.Model;
using Sniffer.Tui.Model.Filtering;

namespace Sniffer.Tui.Views;

/// <summary>The one-line summary under the panes: packets, indexing and filtering progress.</summary>
public static class StatusLine
{
    public static string Format(CaptureIndexer indexer, FilterRun? filter, int displayed)
    {
        int packets = indexer.Index.Count;
        string state;
        if (indexer.Error is { } error) state = $"stopped: {error}";
        else if (indexer.Live is { } live)
        {
            var stats = live.Capture?.GetStatistics();
            string dropped = stats is null ? "" : $" · dropped {stats.TotalDropped:N0}";
            state = indexer.Completed ? $"capture stopped on {live.InterfaceName}{dropped}" : $"● capturing on {live.InterfaceName}{dropped} (s stops)";
        }
        else if (!indexer.Completed)
        {
            double percent = indexer.TotalBytes > 0 ? 100.0 * indexer.BytesRead / indexer.TotalBytes : 0;
            state = $"indexing {percent:0}%";
        }
        else state = $"indexed in {indexer.Elapsed.TotalSeconds:0.0} s";
        string shown = filter is null
            ? $"Displayed: {displayed:N0}"
            : filter.Completed ? $"Displayed: {displayed:N0} ({filter.Filter.Text})"
            : $"Displayed: {displayed:N0} (filtering {(packets > 0 ? 100.0 * filter.Examined / packets : 0):0}%)";
        string name = indexer.Live is { } l ? (l.KeepSpool ? Path.GetFileName(indexer.Path) : "live (unsaved)") : Path.GetFileName(indexer.Path);
        return $" {name} · Packets: {packets:N0} · {shown} · {state} · index {indexer.Index.MemoryBytes / 1024.0 / 1024.0:0.0} MB";
    }
}
