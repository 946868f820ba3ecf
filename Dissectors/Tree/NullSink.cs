using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Tree;

/// <summary>Keeps nothing. The fast path: summary columns and analysis only.</summary>
public struct NullSink : IFieldSink
{
    public readonly bool WantsTree => false;
    public readonly bool Wants(FieldDef field) => false;
    public readonly bool WantsFieldsOf(FieldDef protocol) => false;
    public readonly void PushProtocol(FieldDef protocol, int offset, int length) { }
    public readonly void AddUInt(FieldDef field, int offset, int length, ulong value, FieldFlags flags = FieldFlags.None) { }
    public readonly void AddInt(FieldDef field, int offset, int length, long value, FieldFlags flags = FieldFlags.None) { }
    public readonly void AddDouble(FieldDef field, int offset, int length, double value, FieldFlags flags = FieldFlags.None) { }
    public readonly void AddBytes(FieldDef field, int offset, int length, ReadOnlySpan<byte> value, FieldFlags flags = FieldFlags.None) { }
    public readonly void AddTime(FieldDef field, int offset, int length, long nanoseconds, FieldFlags flags = FieldFlags.None) { }
    public readonly void AddNone(FieldDef field, int offset, int length, FieldFlags flags = FieldFlags.None) { }
    public readonly void ReopenProtocol(FieldDef protocol) { }
    public readonly void Push() { }
    public readonly void Pop() { }
    public readonly void SetLabel(string label) { }
    public readonly void AddText(string label, int offset, int length, FieldFlags flags = FieldFlags.None) { }
    public readonly void UseDataSource(int sourceId) { }
    public readonly void AddExpert(ExpertDef expert, int offset, int length, string? message = null) { }
}
