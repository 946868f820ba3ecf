using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Tree;

public enum ValueKind : byte { None, UInt, Int, Double, Bytes, Time }

/// <summary>One recorded occurrence of a field in a packet.</summary>
public readonly struct FieldValue
{
    internal FieldValue(FieldDef field, ValueKind kind, ulong bits, double number, int dataStart, int dataLength, int offset, int length, FieldFlags flags)
    {
        Field = field; Kind = kind; Bits = bits; Number = number; DataStart = dataStart; DataLength = dataLength;
        Offset = offset; Length = length; Flags = flags;
    }

    public FieldDef Field { get; }
    public ValueKind Kind { get; }
    /// <summary>UInt, Int (as two's complement), Time (ns) values.</summary>
    public ulong Bits { get; }
    public double Number { get; }
    internal int DataStart { get; }
    internal int DataLength { get; }
    /// <summary>Where the field sits in the frame.</summary>
    public int Offset { get; }
    public int Length { get; }
    public FieldFlags Flags { get; }
    public long Signed => (long)Bits;
}

/// <summary>
/// The values of the wanted fields of one packet, kept in flat reusable arrays so that
/// collecting allocates nothing in steady state. Several occurrences of a field are chained
/// in order (an ICMP error carries two ip.src).
/// </summary>
public sealed class FieldValueSet
{
    private const int MaxEntries = 1 << 16;
    private const int MaxArenaBytes = 16 << 20;

    private readonly bool[] _wanted;
    private readonly bool[] _wantedProtocols;
    private readonly int[] _first;
    private readonly int[] _last;
    private readonly List<int> _touched = new();
    private FieldValue[] _entries = new FieldValue[64];
    private int[] _next = new int[64];
    private byte[] _arena = new byte[4096];
    private int _count;
    private int _arenaUsed;

    public FieldValueSet()
    {
        int n = FieldRegistry.MaxId;
        _wanted = new bool[n];
        _wantedProtocols = new bool[n];
        _first = new int[n];
        _last = new int[n];
        Array.Fill(_first, -1);
    }

    /// <summary>True when every field is wanted (-T fields with many fields, tests).</summary>
    public bool WantsAll { get; private set; }

    /// <summary>Occurrences dropped because a packet produced more than the caps allow.</summary>
    public long Dropped { get; private set; }

    public void Want(FieldDef field)
    {
        _wanted[field.CanonicalId] = true;
        if (FieldRegistry.Find(field.ProtocolName) is { } protocol) _wantedProtocols[protocol.CanonicalId] = true;
        else Array.Fill(_wantedProtocols, true);
    }

    public void WantAll() { WantsAll = true; Array.Fill(_wanted, true); Array.Fill(_wantedProtocols, true); }

    /// <summary>True when some wanted field belongs to <paramref name="protocol"/> (see IFieldSink.WantsFieldsOf).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool WantsFieldsOf(FieldDef protocol) =>
        (uint)protocol.CanonicalId < (uint)_wantedProtocols.Length && _wantedProtocols[protocol.CanonicalId];

    // Called for every field every dissector adds: it must be inlined into the collector (perf showed it at 9 %).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool IsWanted(FieldDef field) => (uint)field.CanonicalId < (uint)_wanted.Length && _wanted[field.CanonicalId];

    public int Count => _count;
    public FieldValue this[int index] => _entries[index];

    public void Clear()
    {
        foreach (int id in _touched) _first[id] = -1;
        _touched.Clear();
        _count = 0;
        _arenaUsed = 0;
    }

    /// <summary>Index of the first occurrence of the field, or -1.</summary>
    public int First(FieldDef field) => _first[field.CanonicalId];
    public int First(int fieldId) => _first[fieldId];
    /// <summary>Index of the next occurrence after <paramref name="index"/>, or -1.</summary>
    public int Next(int index) => _next[index];

    public bool Has(FieldDef field) => _first[field.CanonicalId] >= 0;

    public int Occurrences(FieldDef field)
    {
        int n = 0;
        for (int i = _first[field.CanonicalId]; i >= 0; i = _next[i]) n++;
        return n;
    }

    public ReadOnlySpan<byte> Bytes(int index)
    {
        ref readonly var e = ref _entries[index];
        return _arena.AsSpan(e.DataStart, e.DataLength);
    }

    internal void Add(FieldDef field, ValueKind kind, ulong bits, double number, ReadOnlySpan<byte> data, int offset, int length, FieldFlags flags)
    {
        if (_count >= MaxEntries) { Dropped++; return; }
        int start = 0;
        if (!data.IsEmpty)
        {
            if (_arenaUsed + data.Length > _arena.Length)
            {
                if (_arenaUsed + data.Length > MaxArenaBytes) { Dropped++; return; }
                Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + data.Length));
            }
            start = _arenaUsed;
            data.CopyTo(_arena.AsSpan(start));
            _arenaUsed += data.Length;
        }
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _count * 2);
            Array.Resize(ref _next, _count * 2);
        }
        int index = _count++;
        _entries[index] = new FieldValue(field, kind, bits, number, start, data.Length, offset, length, flags);
        _next[index] = -1;
        int id = field.CanonicalId;
        if (_first[id] < 0)
        {
            _first[id] = index;
            _touched.Add(id);
        }
        else
        {
            _next[_last[id]] = index;
        }
        _last[id] = index;
    }
}
