using Sniffer.Analysis.Flows;

namespace Sniffer.Analysis.Tcp;

/// <summary>One TCP conversation (Wireshark's struct tcp_analysis) plus connection bookkeeping.</summary>
public sealed class TcpStreamState
{
    public TcpStreamState(uint index, FlowKey key, long firstTimeNs, uint firstFrame)
    {
        Index = index;
        Key = key;
        FirstTimeNs = firstTimeNs;
        PreviousTimeNs = firstTimeNs;
        LastTimeNs = firstTimeNs;
        FirstFrame = firstFrame;
    }

    public uint Index { get; }
    public FlowKey Key { get; }
    /// <summary>Packets sent by <see cref="FlowKey.AddressA"/>:<see cref="FlowKey.PortA"/>.</summary>
    public readonly TcpEndpointState A = new();
    public readonly TcpEndpointState B = new();

    public byte Completeness;
    public long FirstTimeNs;
    public long PreviousTimeNs;
    public long LastTimeNs;
    public uint FirstFrame;
    public uint LastFrame;
    public long MostRecentSynTimeNs;
    public long FirstRttNs;
    public ushort ServerPort;
    /// <summary>AccECN negotiation: a SYN asked for it (AE, CWR and ECE set) / the SYN-ACK agreed.</summary>
    public bool AccEcnSyn, AccEcn;

    // Connection tracking.
    /// <summary>True when endpoint A opened the connection (sent the first SYN, or the first packet without one).</summary>
    public bool OriginatorIsA;
    public bool OriginatorKnown;
    public uint SynFrame, SynAckFrame, HandshakeAckFrame;
    public readonly ConnHistory History = new();
    public bool Closed;

    public TcpEndpointState Originator => OriginatorIsA ? A : B;
    public TcpEndpointState Responder => OriginatorIsA ? B : A;
}
