using Sniffer.Dissectors.Fields;

namespace Sniffer.Cli.Commands;

/// <summary>
/// How deep the output makes the dissection go, judged once from the fields the filter, -e and -z read:
/// only the frame's own fields (no dissection past the frame record), or no HTTP body past the bytes the
/// columns look at (the single pass then counts body bytes instead of copying them into the reassembly
/// buffer, <see cref="Sniffer.Dissectors.Core.PacketContext.SkipOpaqueBytes"/>).
/// </summary>
public static class DissectionNeeds
{
    // Protocols whose fields come from a message head or from lower layers, never from a body's bytes.
    private static readonly HashSet<string> s_headerProtocols = new(StringComparer.Ordinal)
    {
        "frame", "_ws", "eth", "vlan", "sll", "null", "loop", "arp", "ip", "ipv6", "icmp", "icmpv6",
        "tcp", "udp", "dns", "mdns", "http", "tls", "ssl",
    };

    /// <inheritdoc cref="Sniffer.Analysis.Pipeline.DissectionDepth.IsFrameOwn"/>
    public static bool IsFrameOwn(FieldDef field) => Sniffer.Analysis.Pipeline.DissectionDepth.IsFrameOwn(field);

    /// <summary>True when a value of <paramref name="field"/> can depend on the bytes of an HTTP body.</summary>
    public static bool ReadsBodies(FieldDef field) =>
        !s_headerProtocols.Contains(field.ProtocolName) || field.Name is "http.file_data" or "frame.protocols";
}
