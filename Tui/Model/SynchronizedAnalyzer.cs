using Sniffer.Dissectors.Core;

namespace Sniffer.Tui.Model;

/// <summary>
/// Shares one TCP analyzer between the indexing thread (first pass, which writes its tables) and the
/// UI and filter threads (revisits, which read them). The lock is uncontended almost always; it only
/// keeps a revisit from reading the analyzer's tables while the first pass grows them.
/// </summary>
public sealed class SynchronizedAnalyzer(IPacketAnalyzer inner) : IPacketAnalyzer
{
    private readonly Lock _gate = new();

    public IPacketAnalyzer Inner { get; } = inner;

    public void AnalyzeTcp(ReadOnlySpan<byte> frame, ref PacketContext ctx, in TcpSegment segment, out TcpAnalysis analysis)
    {
        lock (_gate) Inner.AnalyzeTcp(frame, ref ctx, segment, out analysis);
    }

    /// <summary>The fragment table locks on its own, so it is handed out as it is.</summary>
    public IFragmentReassembler? Fragments => Inner.Fragments;
}
