using Sniffer.Cli.Options;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;
using Sniffer.Filters;

namespace Sniffer.Cli.Commands;

/// <summary>A compiled -Y display filter, as the read loop sees it.</summary>
public interface IPacketFilter
{
    IReadOnlyList<FieldDef> Fields { get; }
    /// <param name="frame">The frame's bytes: filters such as <c>frame contains "x"</c> read them.</param>
    bool Matches(FieldValueSet values, ReadOnlySpan<byte> frame);
}

public static class PacketFilters
{
    /// <summary>Compiles -Y; a bad filter becomes a usage error that points at the problem, as tshark prints it.</summary>
    public static IPacketFilter? Compile(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!DisplayFilter.TryCompile(text, out var filter, out var error))
        {
            string[] lines = error!.Render(text).Split('\n');
            throw new UsageException(error.Message + "\n    " + lines[0] + "\n    " + lines[1]);
        }
        return new DisplayFilterAdapter(filter!);
    }

    private sealed class DisplayFilterAdapter(DisplayFilter filter) : IPacketFilter
    {
        public IReadOnlyList<FieldDef> Fields => filter.Fields;
        public bool Matches(FieldValueSet values, ReadOnlySpan<byte> frame) => filter.Matches(values, frame);
    }
}
