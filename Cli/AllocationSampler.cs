using System.Diagnostics.Tracing;

namespace Sniffer.Cli;

/// <summary>
/// SNIFFER_STATS=types: listens to the runtime's AllocationTick events (one per ~100 KB allocated) and
/// prints which types the sampled allocations were, to find what still allocates per packet.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly Dictionary<string, long> _bytesByType = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
        int typeIndex = e.PayloadNames!.IndexOf("TypeName");
        int amountIndex = e.PayloadNames.IndexOf("AllocationAmount64");
        string type = typeIndex >= 0 ? e.Payload[typeIndex] as string ?? "?" : "?";
        long amount = amountIndex >= 0 ? Convert.ToInt64(e.Payload[amountIndex]) : 100_000;
        lock (_bytesByType) _bytesByType[type] = _bytesByType.GetValueOrDefault(type) + amount;
    }

    public void Write(TextWriter stderr)
    {
        lock (_bytesByType)
            foreach (var (type, bytes) in _bytesByType.OrderByDescending(p => p.Value).Take(25))
                stderr.WriteLine($"sniffer-stats: ~{bytes / 1024,8} KB {type}");
    }
}
