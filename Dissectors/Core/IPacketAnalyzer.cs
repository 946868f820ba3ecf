namespace Sniffer.Dissectors.Core;

/// <summary>
/// The seam between pure dissectors and the stateful analysis layer (implemented in Sniffer.Analysis).
/// The TCP dissector calls it after parsing a header and before writing its fields, so the tree can
/// show stream numbers, relative sequence numbers and analysis flags where Wireshark shows them.
/// An analyzer changes state only the first time it sees a frame; later visits read what it stored.
/// </summary>
public interface IPacketAnalyzer
{
    void AnalyzeTcp(ReadOnlySpan<byte> frame, ref PacketContext ctx, in TcpSegment segment, out TcpAnalysis analysis);

    /// <summary>IP fragment reassembly, when this analysis does it (null: fragments stay fragments).</summary>
    IFragmentReassembler? Fragments => null;
}
