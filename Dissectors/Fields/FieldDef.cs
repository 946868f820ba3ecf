using System.Numerics;

namespace Sniffer.Dissectors.Fields;

/// <summary>
/// A field's static definition, as Wireshark's hf_register_info. The filter-style
/// <see cref="Name"/> (ip.src, tcp.flags.syn) is the field's public identity.
/// Definitions live as static readonly fields in a class marked [FieldTable]; the registry finds them.
/// </summary>
public sealed class FieldDef
{
    private static int s_nextId;

    public FieldDef(string name, string displayName, FieldType type, FieldBase display = FieldBase.None,
        ulong bitmask = 0, ValueStrings? strings = null, string? description = null,
        TrueFalse? trueFalse = null, int bitWidth = 0, string? unit = null)
    {
        Id = Interlocked.Increment(ref s_nextId);
        CanonicalId = Id;
        Name = name;
        DisplayName = displayName;
        Type = type;
        // BASE_NONE with a value_string shows the name alone, as Wireshark does; otherwise integers default to decimal.
        Base = display == FieldBase.None && strings is null && type.IsInteger() && type != FieldType.FrameNum ? FieldBase.Dec : display;
        Bitmask = bitmask;
        Shift = bitmask == 0 ? 0 : BitOperations.TrailingZeroCount(bitmask);
        Strings = strings;
        TrueFalse = trueFalse ?? (type == FieldType.Boolean ? TrueFalse.SetNotSet : null);
        Description = description ?? "";
        BitWidth = bitWidth != 0 ? bitWidth : type.BitWidth();
        Unit = unit;
        int dot = name.IndexOf('.');
        ProtocolName = dot < 0 ? name : name[..dot];
    }

    /// <summary>Dense, process-wide id (1..N) for array-indexed lookups on the hot path.</summary>
    public int Id { get; }

    /// <summary>
    /// The id shared by every field of the same name. Wireshark lets several definitions share a filter
    /// name (dns.flags.authenticated means one thing in a query, another in a response); a filter or
    /// -T fields asks for the name, so values are kept under this id. Set by the registry.
    /// </summary>
    public int CanonicalId { get; internal set; }
    public string Name { get; }
    public string DisplayName { get; }
    public FieldType Type { get; }
    public FieldBase Base { get; }
    public ulong Bitmask { get; }
    public int Shift { get; }
    public ValueStrings? Strings { get; }
    public TrueFalse? TrueFalse { get; }
    public string Description { get; }
    /// <summary>Width in bits of the word a bitmask applies to (for the "..0. ...." label).</summary>
    public int BitWidth { get; }
    /// <summary>Suffix appended to the value in labels (" bytes", " seconds").</summary>
    public string? Unit { get; }
    /// <summary>The first component of <see cref="Name"/> ("tcp" for tcp.flags.syn).</summary>
    public string ProtocolName { get; }

    public static FieldDef Protocol(string name, string displayName) => new(name, displayName, FieldType.Protocol);

    /// <summary>The stored value of an integer field: masked and shifted when the field has a bitmask.</summary>
    public ulong Extract(ulong raw) => Bitmask == 0 ? raw : (raw & Bitmask) >> Shift;

    public override string ToString() => Name;
}

/// <summary>Marks a static class whose static readonly FieldDef/ExpertDef members are registered.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class FieldTableAttribute : Attribute;
