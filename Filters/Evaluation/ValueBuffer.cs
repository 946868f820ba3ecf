namespace Sniffer.Filters.Evaluation;

/// <summary>A growable list of values, reused from packet to packet.</summary>
internal sealed class ValueBuffer
{
    private Value[] _items = new Value[8];

    public int Count { get; private set; }

    public ref Value this[int index] => ref _items[index];

    public void Clear() => Count = 0;

    public void Add(in Value value)
    {
        if (Count == _items.Length) System.Array.Resize(ref _items, _items.Length * 2);
        _items[Count++] = value;
    }
}
