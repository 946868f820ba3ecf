namespace Sniffer.Analysis.Reports.Stats;

/// <summary>
/// The order GLib 2.74's GHashTable iterates its keys in (g_hash_table_foreach), for reports tshark prints by walking
/// a hash table (-z http,stat): open addressing over a power-of-two array, index (hash * 11) % prime, quadratic
/// probing, grown and rehashed in place as g_hash_table_maybe_resize does. Only insertions are modelled.
/// </summary>
public sealed class GHashOrder<TKey> where TKey : notnull
{
    private static readonly int[] PrimeMod = [1, 2, 3, 7, 13, 31, 61, 127, 251, 509, 1021, 2039, 4093, 8191, 16381, 32749, 65521, 131071, 262139, 524287, 1048573, 2097143, 4194301, 8388593, 16777213, 33554393, 67108859, 134217689, 268435399, 536870909, 1073741789, 2147483647];
    private const int MinShift = 3;

    private readonly Func<TKey, uint> _hash;
    private readonly Dictionary<TKey, bool> _present = new();
    private uint[] _hashes = new uint[1 << MinShift];
    private TKey?[] _keys = new TKey?[1 << MinShift];
    private int _mod = PrimeMod[MinShift], _mask = (1 << MinShift) - 1, _nodes;

    public GHashOrder(Func<TKey, uint> hash) => _hash = hash;

    /// <summary>g_str_hash (djb2 over signed chars).</summary>
    public static uint StrHash(string s)
    {
        uint h = 5381;
        foreach (char c in s) h = (h << 5) + h + (uint)(int)(sbyte)(byte)c;
        return h;
    }

    private uint Index(uint hash) => (uint)((hash * 11u) % (uint)_mod);

    public void Add(TKey key)
    {
        if (_present.ContainsKey(key)) return;
        _present[key] = true;
        uint hash = _hash(key);
        if (hash <= 1) hash = 2; // 0 and 1 mark unused and deleted slots
        uint i = Index(hash);
        uint step = 0;
        while (_hashes[i] != 0)
        {
            step++;
            i = (i + step) & (uint)_mask;
        }
        _hashes[i] = hash;
        _keys[i] = key;
        _nodes++;
        int size = _hashes.Length;
        if ((size > _nodes * 4 && size > 1 << MinShift) || size <= _nodes + _nodes / 16) Resize();
    }

    private void Resize()
    {
        int oldSize = _hashes.Length;
        int n = (int)(_nodes * 1.333);
        int shift = 0;
        for (; n != 0; shift++) n >>= 1;
        shift = Math.Max(shift, MinShift);
        int newSize = 1 << shift;
        _mod = PrimeMod[shift];
        _mask = newSize - 1;
        if (newSize > oldSize)
        {
            Array.Resize(ref _hashes, newSize);
            Array.Resize(ref _keys, newSize);
        }
        var placed = new bool[Math.Max(newSize, oldSize)];
        for (int i = 0; i < oldSize; i++)
        {
            uint nodeHash = _hashes[i];
            if (nodeHash <= 1) { _hashes[i] = 0; continue; }
            if (placed[i]) continue;
            _hashes[i] = 0;
            var key = _keys[i];
            _keys[i] = default;
            while (true)
            {
                uint at = Index(nodeHash);
                uint step = 0;
                while (placed[at])
                {
                    step++;
                    at = (at + step) & (uint)_mask;
                }
                placed[at] = true;
                uint replaced = _hashes[at];
                var replacedKey = _keys[at];
                _hashes[at] = nodeHash;
                _keys[at] = key;
                if (replaced <= 1) break;
                nodeHash = replaced;
                key = replacedKey;
            }
        }
        if (newSize < oldSize)
        {
            Array.Resize(ref _hashes, newSize);
            Array.Resize(ref _keys, newSize);
        }
    }

    /// <summary>The keys in iteration order.</summary>
    public IEnumerable<TKey> Keys()
    {
        for (int i = 0; i < _hashes.Length; i++) if (_hashes[i] > 1) yield return _keys[i]!;
    }
}
