using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Tcp;

/// <summary>Sees every TCP segment on the first pass, after its analysis (follow-stream, reassembly for application protocols).</summary>
public interface ITcpSegmentObserver
{
    /// <summary><paramref name="payload"/> is what was captured of the segment's data (may be shorter than seg.PayloadLength).</summary>
    void OnSegment(TcpStreamState stream, bool fromA, uint frame, long timeNs, in TcpSegment seg, ReadOnlySpan<byte> payload);
}
