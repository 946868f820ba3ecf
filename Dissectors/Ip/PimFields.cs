using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Ip;

[FieldTable]
public static class PimFields
{
    public static readonly FieldDef Pim = FieldDef.Protocol("pim", "Protocol Independent Multicast");
    public static readonly FieldDef Version = new("pim.version", "Version", FieldType.UInt8, bitmask: 0xF0);
    public static readonly FieldDef Type = new("pim.type", "Type", FieldType.UInt8, FieldBase.Dec, bitmask: 0x0F, strings: TypeNames);
    public static readonly FieldDef Reserved = new("pim.res_bytes", "Reserved byte(s)", FieldType.Bytes);
    public static readonly FieldDef Checksum = new("pim.cksum", "Checksum", FieldType.UInt16, FieldBase.Hex);
    public static readonly FieldDef ChecksumStatus = new("pim.cksum.status", "Checksum Status", FieldType.UInt8, strings: ChecksumStatusNames.Names);
    public static readonly FieldDef Options = new("pim.option", "PIM Options", FieldType.None);
    public static readonly FieldDef RegisterFlags = new("pim.register_flag", "Flags", FieldType.UInt32, FieldBase.Hex);
    public static readonly FieldDef RegisterBorder = new("pim.register_flag.border", "Border", FieldType.Boolean, bitmask: 0x80000000, bitWidth: 32, trueFalse: TrueFalse.YesNo);
    public static readonly FieldDef RegisterNull = new("pim.register_flag.null_register", "Null-Register", FieldType.Boolean, bitmask: 0x40000000, bitWidth: 32, trueFalse: TrueFalse.YesNo);
    public static readonly FieldDef IpVersion = new("pim.ip_version", "IP Version", FieldType.UInt8, FieldBase.Dec, bitmask: 0xF0,
        strings: new ValueStrings((4, "IPv4"), (6, "IPv6")));
    public static readonly ExpertDef BadChecksum = new("pim.bad_checksum", ExpertGroup.Checksum, ExpertSeverity.Error, "Bad checksum");

    public static ValueStrings TypeNames => s_types ??= new(
        (0, "Hello"), (1, "Register"), (2, "Register-stop"), (3, "Join/Prune"), (4, "Bootstrap"), (5, "Assert"), (6, "Graft"),
        (7, "Graft-Ack"), (8, "Candidate-RP-Advertisement"), (9, "State-Refresh"), (10, "DF election"), (11, "ECMP Redirect"),
        (12, "PIM Flooding Mechanism"), (13, "Type 13"));

    private static ValueStrings? s_types;
}
