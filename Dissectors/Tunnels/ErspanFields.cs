using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Tunnels;

[FieldTable]
public static class ErspanFields
{
    public static readonly FieldDef Erspan = FieldDef.Protocol("erspan", "Encapsulated Remote Switch Packet ANalysis");
    public static readonly FieldDef Version = new("erspan.version", "Version", FieldType.UInt16, FieldBase.Dec, bitmask: 0xF000,
        strings: new ValueStrings((1, "Type II"), (2, "Type III")));
    public static readonly FieldDef Vlan = new("erspan.vlan", "Vlan", FieldType.UInt16, bitmask: 0x0FFF);
    public static readonly FieldDef Cos = new("erspan.cos", "COS", FieldType.UInt16, bitmask: 0xE000);
    public static readonly FieldDef Encap = new("erspan.encap", "Encap", FieldType.UInt16, FieldBase.Dec, bitmask: 0x1800, strings: new ValueStrings(
        (0, "Originally without VLAN tag"), (1, "ISL encapsulated"), (2, "802.1Q encapsulated"), (3, "VLAN tag preserved in frame")));
    public static readonly FieldDef Bso = new("erspan.bso", "Bad/Short/Oversized", FieldType.UInt16, FieldBase.Dec, bitmask: 0x1800, strings: new ValueStrings(
        (0, "Good or unknown integrity"), (1, "Short frame"), (2, "Oversized frame"), (3, "Bad frame with CRC or Alignment error")));
    public static readonly FieldDef Truncated = new("erspan.truncated", "Truncated", FieldType.UInt16, FieldBase.Dec, bitmask: 0x0400,
        strings: new ValueStrings((0, "Not truncated"), (1, "Truncated")));
    public static readonly FieldDef SpanId = new("erspan.spanid", "SpanID", FieldType.UInt16, bitmask: 0x03FF);
    public static readonly FieldDef Reserved = new("erspan.reserved", "Reserved", FieldType.UInt32, bitmask: 0xFFF00000);
    public static readonly FieldDef Index = new("erspan.index", "Index", FieldType.UInt32, bitmask: 0x000FFFFF);
    public static readonly FieldDef Timestamp = new("erspan.timestamp", "Timestamp", FieldType.UInt32, bitmask: 0xFFFFFFFF);
    public static readonly FieldDef Sgt = new("erspan.sgt", "Security Group Tag", FieldType.UInt16, bitmask: 0xFFFF);
    public static readonly FieldDef HasEthernetPdu = new("erspan.p", "Has Ethernet PDU", FieldType.UInt16, bitmask: 0x8000);
    public static readonly FieldDef FrameType = new("erspan.ft", "Frame Type", FieldType.UInt16, FieldBase.Dec, bitmask: 0x7C00,
        strings: new ValueStrings((0, "Ethernet"), (2, "IP")));
    public static readonly FieldDef HardwareId = new("erspan.hw", "Hardware ID", FieldType.UInt16, bitmask: 0x03F0);
    public static readonly FieldDef Direction = new("erspan.direction", "Direction", FieldType.Boolean, bitmask: 0x0008, bitWidth: 16,
        trueFalse: new("Egress", "Ingress"));
    public static readonly FieldDef Granularity = new("erspan.gra", "Timestamp granularity", FieldType.UInt16, FieldBase.Dec, bitmask: 0x0006, strings: new ValueStrings(
        (0, "100 microseconds"), (1, "100 nanoseconds"), (2, "IEEE 1588"), (3, "Custom granularity")));
    public static readonly FieldDef Options = new("erspan.o", "Optional Sub headers", FieldType.UInt16, bitmask: 0x0001);
    public static readonly FieldDef PlatformId = new("erspan.platid", "Platform ID", FieldType.UInt32, bitmask: 0xFC000000);
    public static readonly FieldDef PlatformReserved = new("erspan.pid.rsvd", "Reserved", FieldType.UInt64, bitmask: 0x3FFFFFF);
}
