using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Ip;

[FieldTable]
public static class IPv4Experts
{
    public static readonly ExpertDef BogusVersion = new("ip.bogus_ip_version", ExpertGroup.Protocol, ExpertSeverity.Error, "Bogus IPv4 version");
    public static readonly ExpertDef BogusLength = new("ip.bogus_ip_length", ExpertGroup.Protocol, ExpertSeverity.Error, "Bogus IP length");
    public static readonly ExpertDef TtlTooSmall = new("ip.ttl.too_small", ExpertGroup.Sequence, ExpertSeverity.Note, "Time To Live");
    public static readonly ExpertDef TtlLocalNetworkControlBlock = new("ip.ttl.lncb", ExpertGroup.Sequence, ExpertSeverity.Note, "Time To Live");
    public static readonly ExpertDef OptionLengthInvalid = new("ip.opt.len.invalid", ExpertGroup.Protocol, ExpertSeverity.Warning, "Invalid length for option");
    public static readonly ExpertDef PointerBeforeAddress = new("ip.opt.ptr.before_address", ExpertGroup.Protocol, ExpertSeverity.Warning, "Pointer points before first address");
    public static readonly ExpertDef PointerMiddleAddress = new("ip.opt.ptr.middle_address", ExpertGroup.Protocol, ExpertSeverity.Warning, "Pointer points to middle of address");
}
