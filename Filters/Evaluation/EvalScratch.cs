namespace Sniffer.Filters.Evaluation;

/// <summary>
/// Working memory for one evaluation: a stack of value buffers (one per node being evaluated),
/// a byte arena for values functions make (lower(), string(), a &amp; b on bytes) and chars for regexes.
/// It grows to the filter's needs on the first packets and is then reused, so steady state allocates nothing.
/// </summary>
internal sealed class EvalScratch
{
    private ValueBuffer?[] _stack = new ValueBuffer?[8];
    private int _depth;
    private byte[] _arena = new byte[256];
    private int _arenaUsed;
    private char[] _chars = new char[256];

    public void Reset()
    {
        _depth = 0;
        _arenaUsed = 0;
    }

    /// <summary>An empty buffer; give it back with <see cref="Return"/> in reverse order.</summary>
    public ValueBuffer Rent()
    {
        if (_depth == _stack.Length) Array.Resize(ref _stack, _stack.Length * 2);
        var buffer = _stack[_depth++] ??= new ValueBuffer();
        buffer.Clear();
        return buffer;
    }

    public void Return() => _depth--;

    /// <summary>
    /// Room for <paramref name="length"/> new bytes. When the arena grows, values made earlier keep
    /// pointing at the old array, which stays valid.
    /// </summary>
    public Span<byte> Allocate(int length, out byte[] array, out int start)
    {
        if (_arenaUsed + length > _arena.Length)
            _arena = new byte[Math.Max(_arena.Length * 2, length * 2)];
        array = _arena;
        start = _arenaUsed;
        _arenaUsed += length;
        return _arena.AsSpan(start, length);
    }

    public char[] Chars(int length)
    {
        if (_chars.Length < length) _chars = new char[Math.Max(length, _chars.Length * 2)];
        return _chars;
    }
}
