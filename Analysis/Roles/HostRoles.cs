using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Roles;

/// <summary>What a host does in the capture (docs/roles.md has the rule).</summary>
public enum HostRole { Client, Server, Peer, Supernode, Unknown }

/// <summary>Which way a host's connection to another went, from the host's side.</summary>
public enum LinkDirection
{
    /// <summary>The host opened it (SYN, or the first datagram) to the other host's port.</summary>
    Out,
    /// <summary>The other host opened it to this host's port.</summary>
    In,
    /// <summary>Seen without its handshake: who opened it is not known.</summary>
    Unknown,
    /// <summary>The host talks to itself (loopback).</summary>
    Self,
}

/// <summary>One line of -z roles / the Hosts view.</summary>
public sealed record HostRoleRow(
    string Address,
    UInt128 AddressValue,
    AddressKind Kind,
    HostRole Role,
    int Relays,
    IReadOnlyList<string> ListenPorts,
    int AcceptedFrom,
    int ConnectedTo,
    long PacketsSent, long BytesSent,
    long PacketsReceived, long BytesReceived,
    int Overlay,
    string Why,
    IReadOnlyList<HostLinkRow> Links,
    int LinksNotListed)
{
    public string RoleName => Role.ToString().ToLowerInvariant();
    public string ListenText => ListenPorts.Count == 0 ? "-" : string.Join(',', ListenPorts);
    /// <summary>The display filter that selects this host's packets.</summary>
    public string Filter => Kind == AddressKind.IPv6 ? $"ipv6.addr == {Address}" : $"ip.addr == {Address}";
}

/// <summary>
/// One pairing of the row's host with another, as an arrow: the direction, the ports the accepting side
/// listened on ("7000", "53/udp"), connections (TCP connections or UDP flows) and payload bytes each way.
/// </summary>
public sealed record HostLinkRow(
    string Other,
    HostRole OtherRole,
    LinkDirection Direction,
    string Ports,
    int Connections,
    int Unanswered,
    long PayloadSent,
    long PayloadReceived);

/// <summary>A set of peers that connect to each other, and the supernodes most of them use.</summary>
public sealed record Overlay(int Number, IReadOnlyList<string> Peers, IReadOnlyList<string> Supernodes);

/// <summary>Why a host is marked as a relay: what it received, and what it sent on shortly after.</summary>
public sealed record RelayEvidence(
    string Relay, string From, string To,
    uint FrameIn, uint FrameOut,
    int BytesIn, int BytesOut,
    long DelayNs,
    string Match);

/// <summary>The whole answer: hosts in address order, overlays, relay evidence, and what the caps cut.</summary>
public sealed record HostRolesResult(
    IReadOnlyList<HostRoleRow> Hosts,
    IReadOnlyList<Overlay> Overlays,
    IReadOnlyList<RelayEvidence> Relays,
    long RelaysNotListed,
    RoleTrackerLimits Limits);

/// <summary>What the tracker's bounds dropped (all zero on ordinary captures).</summary>
public sealed record RoleTrackerLimits(long UntrackedHostPackets, long UntrackedLinkEvents, long ForgottenUdpFlows, long ListenPortsNotListed)
{
    public bool Any => UntrackedHostPackets > 0 || UntrackedLinkEvents > 0 || ForgottenUdpFlows > 0 || ListenPortsNotListed > 0;
}
