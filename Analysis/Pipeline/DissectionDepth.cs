using Sniffer.Dissectors.Fields;

namespace Sniffer.Analysis.Pipeline;

/// <summary>
/// Which layers a field's value can come from, so that a pass reading only some fields dissects no
/// deeper than they need (<see cref="PacketProcessor.FrameFieldsOnly"/>, <see cref="PacketProcessor.SkipTcpApplications"/>).
/// </summary>
public static class DissectionDepth
{
    // Protocols no application over TCP (DNS, HTTP, TLS, data) adds fields of: link, network and transport
    // layers. A list of what is known to be safe rather than of what is not, so a new dissector over TCP
    // cannot slip through.
    private static readonly HashSet<string> s_belowTcpApplications = new(StringComparer.Ordinal)
    {
        "eth", "vlan", "sll", "null", "loop", "arp", "ip", "ipv6", "icmp", "icmpv6", "tcp", "udp",
    };

    /// <summary>
    /// True for the frame pseudo-protocol's fields that come from the capture record alone (frame.number,
    /// frame.len, frame.time*), not from dissecting the packet (frame.protocols, frame.coloring_*).
    /// </summary>
    public static bool IsFrameOwn(FieldDef field) =>
        field.ProtocolName == "frame" && field.Name is not ("frame.protocols" or "frame.coloring_rule.name" or "frame.coloring_rule.string");

    /// <summary>True when no application protocol over TCP can add or change a value of <paramref name="field"/>.</summary>
    public static bool IsBelowTcpApplications(FieldDef field) =>
        IsFrameOwn(field) || (s_belowTcpApplications.Contains(field.ProtocolName) && field.Name != "tcp.pdu.size"); // DNS over TCP adds tcp.pdu.size

    /// <summary>True when every field is one of the frame's own.</summary>
    public static bool OnlyFrameOwn(IReadOnlyList<FieldDef> fields)
    {
        foreach (var f in fields) if (!IsFrameOwn(f)) return false;
        return true;
    }

    /// <summary>True when no field can come from an application protocol over TCP.</summary>
    public static bool NoneFromTcpApplications(IReadOnlyList<FieldDef> fields)
    {
        foreach (var f in fields) if (!IsBelowTcpApplications(f)) return false;
        return true;
    }
}
