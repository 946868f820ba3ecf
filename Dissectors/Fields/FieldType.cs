namespace Sniffer.Dissectors.Fields;

/// <summary>Wireshark's ftenum types, as far as Sniffer needs them.</summary>
public enum FieldType : byte
{
    None,           // FT_NONE: a label or an expert item, no value
    Protocol,       // FT_PROTOCOL
    Boolean,        // FT_BOOLEAN
    UInt8, UInt16, UInt24, UInt32, UInt64,
    Int8, Int16, Int32, Int64,
    FrameNum,       // FT_FRAMENUM
    Double,         // FT_DOUBLE
    AbsoluteTime,   // FT_ABSOLUTE_TIME, nanoseconds since the epoch
    RelativeTime,   // FT_RELATIVE_TIME, nanoseconds
    Ether,          // FT_ETHER, 6 bytes
    IPv4,           // FT_IPv4, 4 bytes
    IPv6,           // FT_IPv6, 16 bytes
    Bytes,          // FT_BYTES
    String,         // FT_STRING (UTF-8 bytes)
}

/// <summary>How an integer is shown (Wireshark's field_display_e).</summary>
public enum FieldBase : byte
{
    None,
    Dec,
    Hex,
    Oct,
    DecHex,
    HexDec,
}

[Flags]
public enum FieldFlags : byte
{
    None = 0,
    /// <summary>Derived by Sniffer, not read from the bytes: shown in [brackets], length 0.</summary>
    Generated = 1,
    /// <summary>Present for filters (ip.addr, tcp.port) but not shown in the tree.</summary>
    Hidden = 2,
}

public static class FieldTypeExtensions
{
    public static bool IsInteger(this FieldType t) => t is >= FieldType.UInt8 and <= FieldType.FrameNum;
    public static bool IsSigned(this FieldType t) => t is >= FieldType.Int8 and <= FieldType.Int64;
    public static bool IsByteLike(this FieldType t) => t is FieldType.Ether or FieldType.IPv4 or FieldType.IPv6 or FieldType.Bytes or FieldType.String;

    public static int BitWidth(this FieldType t) => t switch
    {
        FieldType.UInt8 or FieldType.Int8 => 8,
        FieldType.UInt16 or FieldType.Int16 => 16,
        FieldType.UInt24 => 24,
        FieldType.UInt32 or FieldType.Int32 or FieldType.FrameNum => 32,
        _ => 64,
    };

    /// <summary>The name tshark -G fields prints.</summary>
    public static string WiresharkName(this FieldType t) => t switch
    {
        FieldType.None => "FT_NONE",
        FieldType.Protocol => "FT_PROTOCOL",
        FieldType.Boolean => "FT_BOOLEAN",
        FieldType.UInt8 => "FT_UINT8",
        FieldType.UInt16 => "FT_UINT16",
        FieldType.UInt24 => "FT_UINT24",
        FieldType.UInt32 => "FT_UINT32",
        FieldType.UInt64 => "FT_UINT64",
        FieldType.Int8 => "FT_INT8",
        FieldType.Int16 => "FT_INT16",
        FieldType.Int32 => "FT_INT32",
        FieldType.Int64 => "FT_INT64",
        FieldType.FrameNum => "FT_FRAMENUM",
        FieldType.Double => "FT_DOUBLE",
        FieldType.AbsoluteTime => "FT_ABSOLUTE_TIME",
        FieldType.RelativeTime => "FT_RELATIVE_TIME",
        FieldType.Ether => "FT_ETHER",
        FieldType.IPv4 => "FT_IPv4",
        FieldType.IPv6 => "FT_IPv6",
        FieldType.Bytes => "FT_BYTES",
        FieldType.String => "FT_STRING",
        _ => "FT_NONE",
    };
}
