namespace Sniffer.Analysis.Ip;

/// <summary>Bounds on what the fragment table keeps; past them the oldest entries go first and are counted.</summary>
public sealed class FragmentTableOptions
{
    /// <summary>Datagrams waiting for fragments at once.</summary>
    public int MaxPendingDatagrams { get; init; } = 4096;
    /// <summary>Payload bytes held by all waiting datagrams together.</summary>
    public long MaxPendingBytes { get; init; } = 32L << 20;
    /// <summary>Fragments one datagram may collect (overlapping floods stop here).</summary>
    public int MaxFragmentsPerDatagram { get; init; } = 1024;
    /// <summary>Largest datagram accepted: an IPv4 offset of 8191 * 8 plus a full fragment.</summary>
    public int MaxDatagramLength { get; init; } = 65535 + 65535;
    /// <summary>Bytes of finished datagrams kept for revisits (the TUI); 0 keeps none.</summary>
    public long MaxRememberedBytes { get; init; } = 64L << 20;
}

/// <summary>What the table did, for the expert summary and the tests.</summary>
public readonly record struct FragmentTableStats(
    long Completed, long EvictedDatagrams, long EvictedBytes, long RejectedFragments, long Overlaps, long ForgottenResults);
