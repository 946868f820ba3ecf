using System.Runtime.CompilerServices;
using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Tree;

/// <summary>Records the values of wanted fields only (for -T fields and display filters); builds no tree.</summary>
public readonly struct CollectorSink : IFieldSink
{
    private readonly FieldValueSet _values;

    public CollectorSink(FieldValueSet values) => _values = values;

    public bool WantsTree => false;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Wants(FieldDef field) => _values.IsWanted(field);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool WantsFieldsOf(FieldDef protocol) => _values.WantsFieldsOf(protocol);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PushProtocol(FieldDef protocol, int offset, int length)
    {
        if (_values.IsWanted(protocol)) _values.Add(protocol, ValueKind.None, 0, 0, default, offset, length, FieldFlags.None);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddUInt(FieldDef field, int offset, int length, ulong value, FieldFlags flags = FieldFlags.None)
    {
        if (!_values.IsWanted(field)) return;
        ulong v = field.Extract(value);
        if (field.Type == FieldType.Boolean) v = v != 0 ? 1UL : 0UL;
        _values.Add(field, ValueKind.UInt, v, 0, default, offset, length, flags);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddInt(FieldDef field, int offset, int length, long value, FieldFlags flags = FieldFlags.None)
    {
        if (_values.IsWanted(field)) _values.Add(field, ValueKind.Int, (ulong)value, 0, default, offset, length, flags);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddDouble(FieldDef field, int offset, int length, double value, FieldFlags flags = FieldFlags.None)
    {
        if (_values.IsWanted(field)) _values.Add(field, ValueKind.Double, 0, value, default, offset, length, flags);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddBytes(FieldDef field, int offset, int length, ReadOnlySpan<byte> value, FieldFlags flags = FieldFlags.None)
    {
        if (_values.IsWanted(field)) _values.Add(field, ValueKind.Bytes, 0, 0, value, offset, length, flags);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddTime(FieldDef field, int offset, int length, long nanoseconds, FieldFlags flags = FieldFlags.None)
    {
        if (_values.IsWanted(field)) _values.Add(field, ValueKind.Time, (ulong)nanoseconds, 0, default, offset, length, flags);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddNone(FieldDef field, int offset, int length, FieldFlags flags = FieldFlags.None)
    {
        if (_values.IsWanted(field)) _values.Add(field, ValueKind.None, 0, 0, default, offset, length, flags);
    }

    public void ReopenProtocol(FieldDef protocol) { }
    public void Push() { }
    public void Pop() { }
    public void SetLabel(string label) { }
    public void AddText(string label, int offset, int length, FieldFlags flags = FieldFlags.None) { }

    public void UseDataSource(int sourceId) { }
    public void AddExpert(ExpertDef expert, int offset, int length, string? message = null)
    {
        if (_values.IsWanted(expert.Field)) _values.Add(expert.Field, ValueKind.None, 0, 0, default, offset, length, FieldFlags.Generated);
    }
}
