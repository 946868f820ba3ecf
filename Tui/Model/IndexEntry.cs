namespace Sniffer.Tui.Model;

/// <summary>
/// What the index knows about one packet. Everything else (lengths, interface, the summary columns)
/// is read back from the file on demand, because a 1 GB capture holds millions of packets;
/// <see cref="PacketIndex"/> stores these in 12 bytes a packet.
/// </summary>
public readonly struct IndexEntry
{
    internal const int StreamBits = 24;
    private const uint StreamMask = (1u << StreamBits) - 1;

    public IndexEntry(long fileOffset, long timestampNs, int conversation, RowColour colour)
        : this(fileOffset, timestampNs, Pack(conversation, colour)) { }

    internal IndexEntry(long fileOffset, long timestampNs, uint streamAndColour)
    {
        FileOffset = fileOffset;
        TimestampNs = timestampNs;
        StreamAndColour = streamAndColour;
    }

    /// <summary>Byte offset of the record (pcap record header or pcapng block) in the file.</summary>
    public long FileOffset { get; }
    public long TimestampNs { get; }
    internal uint StreamAndColour { get; }

    /// <summary>Index into the conversation table, or -1 when the packet belongs to none (ARP, ...).</summary>
    public int Conversation => (int)(StreamAndColour & StreamMask) - 1;

    public RowColour Colour => (RowColour)(StreamAndColour >> StreamBits);

    // Conversation ids beyond 2^24-1 share the last value: colouring still works, follow-stream
    // for those few conversations would mix streams, which is acceptable at 16 million flows.
    private static uint Pack(int conversation, RowColour colour) =>
        (uint)Math.Clamp(conversation + 1, 0, (int)StreamMask) | ((uint)colour << StreamBits);
}
