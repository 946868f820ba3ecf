using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Ip;
using Sniffer.Dissectors.Sflow;

namespace Sniffer.Analysis.Reports.Stats;

/// <summary>
/// Fields after which a frame's headers belong to an "error packet" (pinfo->flags.in_error_pkt): what an ICMP
/// error quotes, or a packet header sampled by sFlow. tshark's taps ignore those layers, so the reports stop there.
/// </summary>
internal static class ErrorPacketStart
{
    public static readonly FieldDef[] Fields = [IcmpFields.Icmp, Icmpv6Fields.Icmpv6, SflowFields.Header];

    public static bool Is(FieldDef f) => f == IcmpFields.Icmp || f == Icmpv6Fields.Icmpv6 || f == SflowFields.Header;
}
