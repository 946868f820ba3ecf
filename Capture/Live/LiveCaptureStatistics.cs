namespace Sniffer.Capture;

/// <summary>
/// Counters of one live capture. Kernel counters come from pcap_stats and are null when the device
/// could not report them.
/// </summary>
public sealed record LiveCaptureStatistics(
    long Captured,                 // frames handed to the consumer queue
    long QueueDropped,             // frames we dropped because the consumer fell behind
    long? KernelReceived,          // pcap ps_recv (see ReceivedCountsBothDirections)
    long? KernelDropped,           // pcap ps_drop: the kernel buffer was full
    long? InterfaceDropped,        // pcap ps_ifdrop: dropped by the driver
    bool ReceivedCountsBothDirections)
{
    // On Linux, "lo" and "any" see every loopback packet twice (once outgoing, once incoming); libpcap
    // drops the outgoing copy in user space, but ps_recv has already counted both. So KernelReceived
    // is about 2x Captured there, and that is not a loss.

    public long TotalDropped => QueueDropped + (KernelDropped ?? 0) + (InterfaceDropped ?? 0);

    public InterfaceStatistics ToInterfaceStatistics(int interfaceId, long startTimeNs, long endTimeNs, long delivered) =>
        new(interfaceId, startTimeNs, endTimeNs, KernelReceived, InterfaceDropped,
            (KernelDropped ?? 0) + QueueDropped, delivered);
}
