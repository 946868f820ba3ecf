namespace Sniffer.Capture;

/// <summary>
/// What a capture file or device says about one frame, apart from its bytes.
/// The bytes travel separately as a span whose owner is the reader (valid until the next read).
/// </summary>
public readonly record struct FrameInfo(
    long TimestampNs,        // nanoseconds since the Unix epoch, UTC
    int LinkType,            // LINKTYPE_* of the interface the frame came from
    int CapturedLength,      // bytes present (== data.Length)
    int OriginalLength,      // bytes on the wire (> CapturedLength when cut by snaplen)
    int InterfaceId,         // pcapng interface index; 0 for pcap
    long FileOffset)         // byte offset of the record in the (decompressed) file
{
    public bool IsTruncated => CapturedLength < OriginalLength;
}
