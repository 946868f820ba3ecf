using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Roles;

/// <summary>What the tracker keeps per host: traffic each way, the ports it accepted on, and the evidence the rule reads.</summary>
internal sealed class HostRecord(int id, UInt128 address, AddressKind kind)
{
    public readonly int Id = id;
    public readonly UInt128 Address = address;
    public readonly AddressKind Kind = kind;
    public long PacketsSent, BytesSent, PacketsReceived, BytesReceived;
    /// <summary>Ports it accepted connections (or answered datagrams) on, in order of first use; UDP ports have <see cref="UdpPortBit"/> set.</summary>
    public readonly List<int> ListenPorts = new(2);
    /// <summary>TCP connections seen without their handshake, and the host's own ports in them (a few).</summary>
    public int Midstream;
    public Dictionary<ushort, int>? MidstreamPorts;
    /// <summary>Packets it sent to multicast or broadcast addresses.</summary>
    public long GroupPacketsSent;
    public int RelayCount;
    public RecentPayloads? Recent;

    public const int UdpPortBit = 1 << 16;
    public const int MaxMidstreamPorts = 16;

    public void AddListenPort(int port, int max, ref long dropped)
    {
        if (ListenPorts.Contains(port)) return;
        if (ListenPorts.Count < max) ListenPorts.Add(port);
        else dropped++;
    }

    public void AddMidstream(ushort localPort)
    {
        Midstream++;
        MidstreamPorts ??= new();
        if (MidstreamPorts.TryGetValue(localPort, out int n)) MidstreamPorts[localPort] = n + 1;
        else if (MidstreamPorts.Count < MaxMidstreamPorts) MidstreamPorts[localPort] = 1;
    }
}

internal enum LinkKind : byte { Tcp, Udp, TcpWithoutHandshake }

/// <summary>
/// A pair of hosts: the one that opened connections (TCP SYN, or the first datagram of a UDP flow) and the
/// one that accepted them, or an unordered pair for connections seen without a handshake.
/// </summary>
internal sealed class HostLink(int initiator, int responder, LinkKind kind)
{
    public readonly int Initiator = initiator;
    public readonly int Responder = responder;
    public readonly LinkKind Kind = kind;
    public bool Directed => Kind != LinkKind.TcpWithoutHandshake;
    /// <summary>The responder's ports (UDP with <see cref="HostRecord.UdpPortBit"/>), a few.</summary>
    public readonly List<int> Ports = new(1);
    /// <summary>Connections opened (SYN, first datagram), and those the responder accepted (SYN/ACK, an answer).</summary>
    public int Opened, Accepted;
    public long PayloadToResponder, PayloadToInitiator;

    public const int MaxPorts = 8;

    public void AddPort(int port)
    {
        if (Ports.Count < MaxPorts && !Ports.Contains(port)) Ports.Add(port);
    }
}
