using Sniffer.Dissectors.Fields;
using Sniffer.Filters;

namespace Sniffer.Tui.Model.Filtering;

/// <summary>Sniffer.Filters.DisplayFilter (Wireshark's language) seen as a <see cref="PacketFilter"/>.</summary>
internal sealed class DisplayFilterAdapter(DisplayFilter filter) : PacketFilter
{
    public override IReadOnlyList<FieldDef> Fields => filter.Fields;

    public override bool Matches(in FilterInput input) => filter.Matches(input.Values, input.Frame);
}
