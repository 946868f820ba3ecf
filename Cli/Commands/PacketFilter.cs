using Sniffer.Cli.Options;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Cli.Commands;

/// <summary>A compiled -Y display filter, as the read loop sees it.</summary>
public interface IPacketFilter
{
    IReadOnlyList<FieldDef> Fields { get; }
    bool Matches(FieldValueSet values);
}

public static class PacketFilters
{
    /// <summary>Compiles -Y; a bad filter becomes a usage error that points at the problem.</summary>
    public static IPacketFilter? Compile(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        throw new UsageException("display filters (-Y) are not available in this build yet.");
    }
}
