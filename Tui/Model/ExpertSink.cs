using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Tui.Model;

/// <summary>
/// The indexing pass's sink: keeps nothing but the expert notes (like NullSink otherwise), so the
/// Expert Info view is ready without a second pass. Notes go to a list the indexer drains per packet.
/// </summary>
public readonly struct ExpertSink(List<ExpertDef> notes) : IFieldSink
{
    public bool WantsTree => false;
    public bool Wants(FieldDef field) => false;
    public bool WantsFieldsOf(FieldDef protocol) => false;
    public void PushProtocol(FieldDef protocol, int offset, int length) { }
    public void AddUInt(FieldDef field, int offset, int length, ulong value, FieldFlags flags = FieldFlags.None) { }
    public void AddInt(FieldDef field, int offset, int length, long value, FieldFlags flags = FieldFlags.None) { }
    public void AddDouble(FieldDef field, int offset, int length, double value, FieldFlags flags = FieldFlags.None) { }
    public void AddBytes(FieldDef field, int offset, int length, ReadOnlySpan<byte> value, FieldFlags flags = FieldFlags.None) { }
    public void AddTime(FieldDef field, int offset, int length, long nanoseconds, FieldFlags flags = FieldFlags.None) { }
    public void AddNone(FieldDef field, int offset, int length, FieldFlags flags = FieldFlags.None) { }
    public void ReopenProtocol(FieldDef protocol) { }
    public void Push() { }
    public void Pop() { }
    public void SetLabel(string label) { }
    public void AddText(string label, int offset, int length, FieldFlags flags = FieldFlags.None) { }
    public void UseDataSource(int sourceId) { }
    public void AddExpert(ExpertDef expert, int offset, int length, string? message = null) => notes.Add(expert);
}
