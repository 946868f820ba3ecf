using Sniffer.Dissectors.Fields;

namespace Sniffer.Filters.Evaluation;

/// <summary>How two values of a type are ordered. Chosen once per comparison at compile time.</summary>
internal enum CompareClass : byte
{
    Unsigned,
    Signed,
    Double,
    /// <summary>memcmp order: byte strings, strings (UTF-8), MAC and IP addresses (big-endian = numeric).</summary>
    Bytes,
    /// <summary>FT_NONE: no value to compare.</summary>
    None,
}

internal static class CompareClasses
{
    public static CompareClass Of(FieldType type) => type switch
    {
        FieldType.Boolean or FieldType.UInt8 or FieldType.UInt16 or FieldType.UInt24 or FieldType.UInt32
            or FieldType.UInt64 or FieldType.FrameNum => CompareClass.Unsigned,
        FieldType.Int8 or FieldType.Int16 or FieldType.Int32 or FieldType.Int64
            or FieldType.RelativeTime or FieldType.AbsoluteTime => CompareClass.Signed,
        FieldType.Double => CompareClass.Double,
        FieldType.Ether or FieldType.IPv4 or FieldType.IPv6 or FieldType.Bytes or FieldType.String
            or FieldType.Protocol => CompareClass.Bytes,
        _ => CompareClass.None,
    };

    public static bool IsBytes(FieldType type) => Of(type) == CompareClass.Bytes;
}
