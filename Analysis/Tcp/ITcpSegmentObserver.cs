namespace Sniffer.Analysis.Tcp;

/// <summary>Sees every TCP segment on the first pass, after its analysis (follow-stream, reassembly for application protocols).</summary>
public interface ITcpSegmentObserver
{
    void OnSegment(TcpStreamState stream, bool fromA, uint frame, long timeNs, uint seq, ushort flags, ReadOnlySpan<byte> payload, int payloadLength);
}
