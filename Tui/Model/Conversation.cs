namespace Sniffer.Tui.Model;

/// <summary>
/// One TCP/UDP/other-IP conversation seen while indexing. The indexer thread updates the counters;
/// the UI reads them (64-bit reads are atomic, slightly stale values are fine for display).
/// </summary>
public sealed class Conversation(int id, FlowKey key, int firstFrame, long startNs)
{
    public int Id { get; } = id;
    /// <summary>tcp.stream / udp.stream: the position among conversations of the same protocol.</summary>
    public int StreamNumber { get; internal init; }
    public FlowKey Key { get; } = key;
    public int FirstFrame { get; } = firstFrame;
    public long StartNs { get; } = startNs;
    public long EndNs { get; internal set; } = startNs;
    public int LastFrame { get; internal set; } = firstFrame;
    public long PacketsAToB { get; internal set; }
    public long BytesAToB { get; internal set; }
    public long PacketsBToA { get; internal set; }
    public long BytesBToA { get; internal set; }

    /// <summary>True when endpoint A opened the conversation (sent the first SYN, or the first packet).</summary>
    public bool ClientIsA { get; internal set; } = true;

    // Formatted when asked (a dialog's rows, a stream title): a cached string per side would cost every conversation 16 bytes.
    public string AddressA => Key.FormatAddress(Key.AddressA);
    public string AddressB => Key.FormatAddress(Key.AddressB);
    public long Packets => PacketsAToB + PacketsBToA;
    public long Bytes => BytesAToB + BytesBToA;
}
