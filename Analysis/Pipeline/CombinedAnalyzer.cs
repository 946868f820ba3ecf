using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Pipeline;

/// <summary>
/// The stateful analyses of one pass in one object, as the dissectors see them through
/// <see cref="IPacketAnalyzer"/>: TCP goes to <see cref="Tcp"/>, IP fragments to <see cref="Fragments"/>.
/// </summary>
public sealed class CombinedAnalyzer(IPacketAnalyzer tcp, IFragmentReassembler? fragments) : IPacketAnalyzer
{
    public IPacketAnalyzer Tcp { get; } = tcp;
    public IFragmentReassembler? Fragments { get; } = fragments;

    public void AnalyzeTcp(ReadOnlySpan<byte> frame, ref PacketContext ctx, in TcpSegment segment, out TcpAnalysis analysis) =>
        Tcp.AnalyzeTcp(frame, ref ctx, segment, out analysis);
}
