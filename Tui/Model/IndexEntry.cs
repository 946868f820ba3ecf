using System.Runtime.InteropServices;

namespace Sniffer.Tui.Model;

/// <summary>
/// What the index keeps per packet: 24 bytes. Everything else (captured length, interface, the
/// summary columns) is read back from the file on demand, because a 1 GB capture holds millions of packets.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly struct IndexEntry
{
    private const int StreamBits = 24;
    private const uint StreamMask = (1u << StreamBits) - 1;

    private readonly uint _streamAndColour;

    public IndexEntry(long fileOffset, long timestampNs, int originalLength, int conversation, RowColour colour)
    {
        FileOffset = fileOffset;
        TimestampNs = timestampNs;
        OriginalLength = originalLength;
        // Conversation ids beyond 2^24-1 share the last value: colouring still works, follow-stream
        // for those few conversations would mix streams, which is acceptable at 16 million flows.
        uint stream = (uint)Math.Clamp(conversation + 1, 0, (int)StreamMask);
        _streamAndColour = stream | ((uint)colour << StreamBits);
    }

    /// <summary>Byte offset of the record (pcap record header or pcapng block) in the file.</summary>
    public long FileOffset { get; }
    public long TimestampNs { get; }
    public int OriginalLength { get; }

    /// <summary>Index into the conversation table, or -1 when the packet belongs to none (ARP, ...).</summary>
    public int Conversation => (int)(_streamAndColour & StreamMask) - 1;

    public RowColour Colour => (RowColour)(_streamAndColour >> StreamBits);
}
