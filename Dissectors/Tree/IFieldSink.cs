using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Tree;

/// <summary>
/// Where a dissector writes what it finds. Dissectors are generic over a struct sink so the JIT
/// specialises each mode: with <see cref="NullSink"/> every call below compiles away (the fast path),
/// <see cref="CollectorSink"/> keeps only the values a filter or `-T fields` asked for, and
/// <see cref="TreeSink"/> builds the full annotated tree for one packet.
///
/// Offsets are absolute in the frame. Integer values of fields with a bitmask are passed raw
/// (the whole word); the sink masks and shifts. Text labels are only computed behind
/// <c>if (sink.WantsTree)</c>, so the fast path formats nothing.
/// </summary>
public interface IFieldSink
{
    /// <summary>True only when a tree with labels is being built. Constant for each sink type.</summary>
    bool WantsTree { get; }

    /// <summary>True when the sink keeps this field's value; lets a dissector skip computing it.</summary>
    bool Wants(FieldDef field);

    /// <summary>
    /// False when the sink keeps none of the fields of <paramref name="protocol"/> (those whose
    /// <see cref="FieldDef.ProtocolName"/> is its name): a dissector may then skip adding its plain fields,
    /// as Wireshark's dissectors skip work for a NULL tree. Never a reason to skip the protocol item,
    /// expert notes, the Info column or anything that changes state. Constant for NullSink and TreeSink.
    /// </summary>
    bool WantsFieldsOf(FieldDef protocol);

    /// <summary>Adds a protocol item and makes it the parent of the items that follow, until <see cref="Pop"/>.</summary>
    void PushProtocol(FieldDef protocol, int offset, int length);

    void AddUInt(FieldDef field, int offset, int length, ulong value, FieldFlags flags = FieldFlags.None);
    void AddInt(FieldDef field, int offset, int length, long value, FieldFlags flags = FieldFlags.None);
    void AddDouble(FieldDef field, int offset, int length, double value, FieldFlags flags = FieldFlags.None);
    /// <summary>Ether, IPv4, IPv6, bytes and string fields: the value is the bytes themselves.</summary>
    void AddBytes(FieldDef field, int offset, int length, ReadOnlySpan<byte> value, FieldFlags flags = FieldFlags.None);
    /// <summary>Absolute (ns since epoch) or relative (ns) times.</summary>
    void AddTime(FieldDef field, int offset, int length, long nanoseconds, FieldFlags flags = FieldFlags.None);
    /// <summary>An FT_NONE item: a text label in the tree, or presence for filters.</summary>
    void AddNone(FieldDef field, int offset, int length, FieldFlags flags = FieldFlags.None);

    /// <summary>
    /// Makes the latest item of <paramref name="protocol"/> (a layer already closed) the parent of what follows
    /// again, until <see cref="Pop"/>: Wireshark adds items to a lower layer's tree later (tcp.pdu.size).
    /// When there is none, items go where they would have gone.
    /// </summary>
    void ReopenProtocol(FieldDef protocol);

    /// <summary>Makes the last added item the parent of what follows, until <see cref="Pop"/>.</summary>
    void Push();
    void Pop();

    /// <summary>Replaces the label of the last added item. Call only when <see cref="WantsTree"/>.</summary>
    void SetLabel(string label);

    /// <summary>Adds a text-only line (no field) under the current parent. Call only when <see cref="WantsTree"/>.</summary>
    void AddText(string label, int offset, int length, FieldFlags flags = FieldFlags.None);

    /// <summary>
    /// Says which buffer the offsets of the following items refer to: 0 is the frame, other ids come
    /// from <see cref="Core.DataSources.Add"/> (reassembled data). Dissectors of reassembled PDUs switch
    /// to their source, add their items, and switch back to 0.
    /// </summary>
    void UseDataSource(int sourceId);

    /// <summary>Attaches an expert note to the current parent; also records its field for filters.</summary>
    void AddExpert(ExpertDef expert, int offset, int length, string? message = null);
}
