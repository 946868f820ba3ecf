using Sniffer.Analysis.Flows;

namespace Sniffer.Analysis.Tcp;

/// <summary>One TCP connection as -z conn reports it: who opened it, how it went and how it ended.</summary>
public sealed record ConnectionSummary(
    uint Stream,
    FlowKey Key,
    bool OriginatorIsA,
    long StartNs,
    long EndNs,
    long OriginatorBytes, long OriginatorPackets, long OriginatorPayload,
    long ResponderBytes, long ResponderPackets, long ResponderPayload,
    long HandshakeRttNs,
    int Retransmissions,
    int OriginatorMss, int ResponderMss,
    int OriginatorWindowScale, int ResponderWindowScale,
    bool SackPermitted,
    string History,
    string State)
{
    public string OriginatorAddress => FlowKey.FormatAddress(OriginatorIsA ? Key.AddressA : Key.AddressB, Key.Kind);
    public ushort OriginatorPort => OriginatorIsA ? Key.PortA : Key.PortB;
    public string ResponderAddress => FlowKey.FormatAddress(OriginatorIsA ? Key.AddressB : Key.AddressA, Key.Kind);
    public ushort ResponderPort => OriginatorIsA ? Key.PortB : Key.PortA;
}
