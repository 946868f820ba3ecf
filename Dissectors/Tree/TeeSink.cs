using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Tree;

/// <summary>Feeds two sinks at once, e.g. a tree for -V and a collector for the -Y filter, in one dissection.</summary>
public struct TeeSink<TFirst, TSecond> : IFieldSink
    where TFirst : struct, IFieldSink
    where TSecond : struct, IFieldSink
{
    private TFirst _first;
    private TSecond _second;

    public TeeSink(TFirst first, TSecond second)
    {
        _first = first;
        _second = second;
    }

    public readonly TFirst First => _first;
    public readonly TSecond Second => _second;

    public readonly bool WantsTree => _first.WantsTree || _second.WantsTree;
    public readonly bool Wants(FieldDef field) => _first.Wants(field) || _second.Wants(field);
    public readonly bool WantsFieldsOf(FieldDef protocol) => _first.WantsFieldsOf(protocol) || _second.WantsFieldsOf(protocol);
    public void PushProtocol(FieldDef protocol, int offset, int length) { _first.PushProtocol(protocol, offset, length); _second.PushProtocol(protocol, offset, length); }
    public void AddUInt(FieldDef field, int offset, int length, ulong value, FieldFlags flags = FieldFlags.None) { _first.AddUInt(field, offset, length, value, flags); _second.AddUInt(field, offset, length, value, flags); }
    public void AddInt(FieldDef field, int offset, int length, long value, FieldFlags flags = FieldFlags.None) { _first.AddInt(field, offset, length, value, flags); _second.AddInt(field, offset, length, value, flags); }
    public void AddDouble(FieldDef field, int offset, int length, double value, FieldFlags flags = FieldFlags.None) { _first.AddDouble(field, offset, length, value, flags); _second.AddDouble(field, offset, length, value, flags); }
    public void AddBytes(FieldDef field, int offset, int length, ReadOnlySpan<byte> value, FieldFlags flags = FieldFlags.None) { _first.AddBytes(field, offset, length, value, flags); _second.AddBytes(field, offset, length, value, flags); }
    public void AddTime(FieldDef field, int offset, int length, long nanoseconds, FieldFlags flags = FieldFlags.None) { _first.AddTime(field, offset, length, nanoseconds, flags); _second.AddTime(field, offset, length, nanoseconds, flags); }
    public void AddNone(FieldDef field, int offset, int length, FieldFlags flags = FieldFlags.None) { _first.AddNone(field, offset, length, flags); _second.AddNone(field, offset, length, flags); }
    public void ReopenProtocol(FieldDef protocol) { _first.ReopenProtocol(protocol); _second.ReopenProtocol(protocol); }
    public void Push() { _first.Push(); _second.Push(); }
    public void Pop() { _first.Pop(); _second.Pop(); }
    public void SetLabel(string label) { _first.SetLabel(label); _second.SetLabel(label); }
    public void AddText(string label, int offset, int length, FieldFlags flags = FieldFlags.None) { _first.AddText(label, offset, length, flags); _second.AddText(label, offset, length, flags); }
    public void UseDataSource(int sourceId) { _first.UseDataSource(sourceId); _second.UseDataSource(sourceId); }
    public void AddExpert(ExpertDef expert, int offset, int length, string? message = null) { _first.AddExpert(expert, offset, length, message); _second.AddExpert(expert, offset, length, message); }
}
