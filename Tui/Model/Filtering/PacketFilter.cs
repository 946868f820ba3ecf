using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Tui.Model.Filtering;

/// <summary>What a compiled display filter is judged on: the wanted field values and the fast-path facts.</summary>
public readonly ref struct FilterInput(FieldValueSet values, in PacketContext ctx, ReadOnlySpan<byte> frame, in IndexEntry entry, Conversation? conversation)
{
    public FieldValueSet Values { get; } = values;
    public PacketContext Context { get; } = ctx;
    public ReadOnlySpan<byte> Frame { get; } = frame;
    public IndexEntry Entry { get; } = entry;
    public Conversation? Conversation { get; } = conversation;
}

/// <summary>A compiled display filter as the TUI uses it.</summary>
public abstract class PacketFilter
{
    public required string Text { get; init; }

    /// <summary>Fields that must be collected (marked wanted in the FieldValueSet) before <see cref="Matches"/>.</summary>
    public abstract IReadOnlyList<FieldDef> Fields { get; }

    public abstract bool Matches(in FilterInput input);
}

/// <summary>Where a filter text went wrong, for the red filter bar.</summary>
public sealed record FilterProblem(int Position, int Length, string Message);
