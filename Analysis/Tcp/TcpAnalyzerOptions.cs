namespace Sniffer.Analysis.Tcp;

public sealed class TcpAnalyzerOptions
{
    /// <summary>Streams tracked at once. Beyond this, closed streams and then the longest idle ones are released.</summary>
    public int MaxStreams { get; init; } = 200_000;
    /// <summary>Unacknowledged segments remembered per direction (Wireshark's TCP_MAX_UNACKED_SEGMENTS).</summary>
    public int MaxUnackedSegments { get; init; } = 10_000;
    /// <summary>Keep each frame's analysis for random-access revisits (the TUI). The CLI's single pass can turn it off.</summary>
    public bool RememberFrames { get; init; } = true;
    /// <summary>Keep released streams' connection summaries for -z conn (bounded by <see cref="MaxFinishedConnections"/>).</summary>
    public bool KeepConnections { get; init; } = true;
    public int MaxFinishedConnections { get; init; } = 1_000_000;
    /// <summary>
    /// Closed streams kept for late packets (a last ACK, a retransmitted FIN; revisits read the stored per-frame answers);
    /// past this, the oldest closed ones are released, so a single pass over millions of short connections
    /// runs in flat memory. A late packet of a released stream starts a new stream, where tshark would
    /// continue the old one; with this many closed streams in between that is rare.
    /// </summary>
    public int MaxClosedStreams { get; init; } = 10_000;
}
