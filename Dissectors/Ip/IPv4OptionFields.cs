using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Ip;

[FieldTable]
public static class IPv4OptionFields
{
    public static readonly FieldDef Type = new("ip.opt.type", "Type", FieldType.UInt8);
    public static readonly FieldDef TypeCopy = new("ip.opt.type.copy", "Copy on fragmentation", FieldType.Boolean, bitmask: 0x80, bitWidth: 8, trueFalse: TrueFalse.YesNo);
    public static readonly FieldDef TypeClass = new("ip.opt.type.class", "Class", FieldType.UInt8, FieldBase.Dec, bitmask: 0x60, strings: new ValueStrings(
        (0, "Control"), (1, "Reserved for future use"), (2, "Debugging and measurement"), (3, "Reserved for future use")));
    public static readonly FieldDef TypeNumber = new("ip.opt.type.number", "Number", FieldType.UInt8, FieldBase.Dec, bitmask: 0x1F, strings: NumberNames);
    public static readonly FieldDef Length = new("ip.opt.len", "Length", FieldType.UInt8);
    public static readonly FieldDef Pointer = new("ip.opt.ptr", "Pointer", FieldType.UInt8);
    public static readonly FieldDef RouterAlert = new("ip.opt.ra", "Router Alert", FieldType.UInt16, FieldBase.Dec,
        strings: new ValueStrings((0, "Router shall examine packet")));
    public static readonly FieldDef Overflow = new("ip.opt.overflow", "Overflow", FieldType.UInt8, FieldBase.Dec, bitmask: 0xF0);
    public static readonly FieldDef Flag = new("ip.opt.flag", "Flag", FieldType.UInt8, FieldBase.Hex, bitmask: 0x0F, strings: new ValueStrings(
        (0, "Time stamps only"), (1, "Time stamp and address"), (3, "Time stamps for prespecified addresses")));
    public static readonly FieldDef TimeStamp = new("ip.opt.time_stamp", "Time stamp", FieldType.UInt32);
    public static readonly FieldDef TimeStampAddress = new("ip.opt.time_stamp_addr", "Address", FieldType.IPv4);
    public static readonly FieldDef RecordedRoute = new("ip.rec_rt", "Recorded Route", FieldType.IPv4);
    public static readonly FieldDef CurrentRoute = new("ip.cur_rt", "Current Route", FieldType.IPv4);
    public static readonly FieldDef SourceRoute = new("ip.src_rt", "Source Route", FieldType.IPv4);
    public static readonly FieldDef EmptyRoute = new("ip.empty_rt", "Empty Route", FieldType.IPv4);
    public static readonly FieldDef Padding = new("ip.opt.padding", "Padding", FieldType.Bytes);

    // One item per option, as Wireshark's ip.options.* (FT_NONE).
    public static readonly FieldDef Eol = new("ip.options.eol", "IP Option - End of Options List (EOL)", FieldType.None);
    public static readonly FieldDef Nop = new("ip.options.nop", "IP Option - No-Operation (NOP)", FieldType.None);
    public static readonly FieldDef Security = new("ip.options.security", "IP Option - Security", FieldType.None);
    public static readonly FieldDef LooseRoute = new("ip.options.route", "IP Option - Loose Source Route", FieldType.None);
    public static readonly FieldDef Timestamp = new("ip.options.timestamp", "IP Option - Time Stamp", FieldType.None);
    public static readonly FieldDef ExtSecurity = new("ip.options.ext_security", "IP Option - Extended Security", FieldType.None);
    public static readonly FieldDef Cipso = new("ip.options.cipso", "IP Option - Commercial Security", FieldType.None);
    public static readonly FieldDef RecordRoute = new("ip.options.record_route", "IP Option - Record Route", FieldType.None);
    public static readonly FieldDef StreamId = new("ip.options.sid", "IP Option - Stream ID", FieldType.None);
    public static readonly FieldDef StrictRoute = new("ip.options.source_route", "IP Option - Strict Source Route", FieldType.None);
    public static readonly FieldDef MtuProbe = new("ip.options.mtu_probe", "IP Option - MTU Probe", FieldType.None);
    public static readonly FieldDef MtuReply = new("ip.options.mtu_reply", "IP Option - MTU Reply", FieldType.None);
    public static readonly FieldDef Traceroute = new("ip.options.traceroute", "IP Option - Traceroute", FieldType.None);
    public static readonly FieldDef RouterAlertOption = new("ip.options.routeralert", "IP Option - Router Alert", FieldType.None);
    public static readonly FieldDef Sdb = new("ip.options.sdb", "IP Option - Selective Directed Broadcast", FieldType.None);
    public static readonly FieldDef QuickStart = new("ip.options.qs", "IP Option - Quick-Start", FieldType.None);

    public static ValueStrings NumberNames => s_numbers ??= new(
        (0, "End of Option List (EOL)"), (1, "No-Operation (NOP)"), (2, "Security"), (3, "Loose source route"), (4, "Time stamp"),
        (5, "Extended security"), (6, "Commercial security"), (7, "Record route"), (8, "Stream identifier"), (9, "Strict source route"),
        (10, "Experimental Measurement"), (11, "MTU Probe"), (12, "MTU Reply"), (13, "Experimental Flow Control"),
        (14, "Experimental Access Control"), (15, "ENCODE"), (16, "IMI Traffic Descriptor"), (17, "Extended Internet Protocol"),
        (18, "Traceroute"), (19, "Address Extension"), (20, "Router Alert"), (21, "Selective Directed Broadcast"),
        (23, "Dynamic Packet State"), (24, "Upstream Multicast Pkt."), (25, "Quick-Start"), (30, "RFC3692-style Experiment"));

    private static ValueStrings? s_numbers;

    /// <summary>The item and short name of each option type Wireshark knows; null for the others.</summary>
    public static (FieldDef Item, string Name)? Describe(byte type) => type switch
    {
        0 => (Eol, "End of Options List (EOL)"),
        1 => (Nop, "No-Operation (NOP)"),
        7 => (RecordRoute, "Record Route"),
        11 => (MtuProbe, "MTU Probe"),
        12 => (MtuReply, "MTU Reply"),
        25 => (QuickStart, "Quick-Start"),
        68 => (Timestamp, "Time Stamp"),
        82 => (Traceroute, "Traceroute"),
        130 => (Security, "Security"),
        131 => (LooseRoute, "Loose Source Route"),
        133 => (ExtSecurity, "Extended Security"),
        134 => (Cipso, "Commercial Security"),
        136 => (StreamId, "Stream ID"),
        137 => (StrictRoute, "Strict Source Route"),
        148 => (RouterAlertOption, "Router Alert"),
        149 => (Sdb, "Selective Directed Broadcast"),
        _ => null,
    };
}
