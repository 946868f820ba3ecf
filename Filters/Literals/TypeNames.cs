using Sniffer.Dissectors.Fields;

namespace Sniffer.Filters.Literals;

/// <summary>Wireshark's human names for field types, as they appear in its filter error messages.</summary>
internal static class TypeNames
{
    public static string Describe(FieldType t) => t switch
    {
        FieldType.UInt8 => "Unsigned integer (1 byte)",
        FieldType.UInt16 => "Unsigned integer (2 bytes)",
        FieldType.UInt24 => "Unsigned integer (3 bytes)",
        FieldType.UInt32 => "Unsigned integer (4 bytes)",
        FieldType.UInt64 => "Unsigned integer (8 bytes)",
        FieldType.Int8 => "Signed integer (1 byte)",
        FieldType.Int16 => "Signed integer (2 bytes)",
        FieldType.Int32 => "Signed integer (4 bytes)",
        FieldType.Int64 => "Signed integer (8 bytes)",
        FieldType.Boolean => "Boolean",
        FieldType.FrameNum => "Frame number",
        FieldType.Double => "Floating point (double-precision)",
        FieldType.AbsoluteTime => "Date and time",
        FieldType.RelativeTime => "Time offset",
        FieldType.Ether => "Ethernet or other MAC address",
        FieldType.IPv4 => "IPv4 address",
        FieldType.IPv6 => "IPv6 address",
        FieldType.Bytes => "Byte sequence",
        FieldType.String => "Character string",
        FieldType.Protocol => "Protocol",
        _ => "Label",
    };
}
