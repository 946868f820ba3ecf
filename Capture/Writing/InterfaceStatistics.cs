namespace Sniffer.Capture;

/// <summary>
/// What one interface reported over a capture, as stored in a pcapng Interface Statistics Block.
/// Null counters are unknown and are left out of the block.
/// </summary>
public sealed record InterfaceStatistics(
    int InterfaceId,
    long StartTimeNs,           // isb_starttime
    long EndTimeNs,             // isb_endtime
    long? Received,             // isb_ifrecv: what the kernel saw
    long? InterfaceDropped,     // isb_ifdrop: dropped by the interface/driver
    long? OsDropped,            // isb_osdrop: dropped by the kernel buffer and by our own queue
    long? Delivered);           // isb_usrdeliv: frames that reached the file
