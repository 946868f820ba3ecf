using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Frame;

[FieldTable]
public static class FrameFields
{
    public static readonly FieldDef Frame = FieldDef.Protocol("frame", "Frame");
    public static readonly FieldDef Section = new("frame.section_number", "Section number", FieldType.UInt32);
    public static readonly FieldDef InterfaceId = new("frame.interface_id", "Interface id", FieldType.UInt32);
    public static readonly FieldDef InterfaceName = new("frame.interface_name", "Interface name", FieldType.String);
    public static readonly FieldDef EncapType = new("frame.encap_type", "Encapsulation type", FieldType.Int16, FieldBase.Dec, strings: Encapsulations);
    public static readonly FieldDef Time = new("frame.time", "Arrival Time", FieldType.AbsoluteTime);
    public static readonly FieldDef TimeShift = new("frame.offset_shift", "Time shift for this packet", FieldType.RelativeTime);
    public static readonly FieldDef TimeEpoch = new("frame.time_epoch", "Epoch Time", FieldType.RelativeTime);
    public static readonly FieldDef TimeDelta = new("frame.time_delta", "Time delta from previous captured frame", FieldType.RelativeTime);
    public static readonly FieldDef TimeDeltaDisplayed = new("frame.time_delta_displayed", "Time delta from previous displayed frame", FieldType.RelativeTime);
    public static readonly FieldDef TimeRelative = new("frame.time_relative", "Time since reference or first frame", FieldType.RelativeTime);
    public static readonly FieldDef Number = new("frame.number", "Frame Number", FieldType.UInt32);
    public static readonly FieldDef Len = new("frame.len", "Frame Length", FieldType.UInt32);
    public static readonly FieldDef CapLen = new("frame.cap_len", "Capture Length", FieldType.UInt32);
    public static readonly FieldDef Marked = new("frame.marked", "Frame is marked", FieldType.Boolean, trueFalse: TrueFalse.TrueFalseText);
    public static readonly FieldDef Ignored = new("frame.ignored", "Frame is ignored", FieldType.Boolean, trueFalse: TrueFalse.TrueFalseText);
    public static readonly FieldDef Protocols = new("frame.protocols", "Protocols in frame", FieldType.String);
    public static readonly FieldDef Comment = new("frame.comment", "Comment", FieldType.String);

    /// <summary>Wireshark's WTAP_ENCAP numbers, which frame.encap_type shows (not LINKTYPE values).</summary>
    public static ValueStrings Encapsulations => s_encapsulations ??= new(
        (1, "Ethernet"), (7, "Raw IP"), (15, "Null/Loopback"), (25, "Linux cooked-mode capture v1"),
        (129, "Raw IPv4"), (130, "Raw IPv6"), (210, "Linux cooked-mode capture v2"), (140, "OpenBSD loopback"));

    private static ValueStrings? s_encapsulations;

    /// <summary>LINKTYPE → WTAP_ENCAP, for frame.encap_type.</summary>
    public static int EncapFor(int linkType) => linkType switch
    {
        Capture.LinkType.Ethernet => 1,
        Capture.LinkType.Null => 15,
        Capture.LinkType.Loop => 140,
        Capture.LinkType.RawDlt12 or Capture.LinkType.RawDlt14 or Capture.LinkType.Raw => 7,
        Capture.LinkType.LinuxSll => 25,
        Capture.LinkType.LinuxSll2 => 210,
        Capture.LinkType.Ipv4 => 129,
        Capture.LinkType.Ipv6 => 130,
        _ => -linkType,
    };
}
