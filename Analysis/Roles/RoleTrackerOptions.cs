namespace Sniffer.Analysis.Roles;

/// <summary>The bounds of <see cref="HostRoleTracker"/>: past each, what does not fit is counted, not kept.</summary>
public sealed class RoleTrackerOptions
{
    /// <summary>Hosts (addresses) tracked; packets of further hosts are counted only.</summary>
    public int MaxHosts { get; init; } = 100_000;
    /// <summary>Host pairs (who opened to whom) tracked.</summary>
    public int MaxLinks { get; init; } = 500_000;
    /// <summary>UDP flows remembered to tell a question from its answer; the quietest tenth goes past this.</summary>
    public int MaxUdpFlows { get; init; } = 200_000;
    /// <summary>Listening ports kept per host.</summary>
    public int MaxListenPorts { get; init; } = 32;
    /// <summary>How soon after receiving a payload sending it on counts as relaying it.</summary>
    public long RelayWindowNs { get; init; } = 1_000_000_000;
    /// <summary>Payloads shorter than this are never matched (a short PING looks like every other).</summary>
    public int RelayMinBytes { get; init; } = 32;
    /// <summary>Relay evidence lines kept for the report (all are counted per host).</summary>
    public int MaxRelayEvidence { get; init; } = 1000;
}
