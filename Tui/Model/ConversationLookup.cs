namespace Sniffer.Tui.Model;

/// <summary>
/// Finds a conversation's id by its key: an open-addressing table of ids whose keys are read from the
/// conversations themselves. A Dictionary would keep a second copy of every 48-byte key (over 100 bytes
/// a conversation with its spare capacity); this costs 8. Used by the indexer thread only.
/// </summary>
internal sealed class ConversationLookup(Func<int, FlowKey> keyOf)
{
    private int[] _slots = new int[1024]; // id + 1; 0 is an empty slot
    private int _count;

    public bool TryFind(in FlowKey key, out int id)
    {
        int mask = _slots.Length - 1;
        for (int i = Start(key, mask); ; i = (i + 1) & mask)
        {
            int stored = _slots[i];
            if (stored == 0) { id = -1; return false; }
            if (keyOf(stored - 1) == key) { id = stored - 1; return true; }
        }
    }

    /// <summary>Adds an id whose key is not in the table yet.</summary>
    public void Add(in FlowKey key, int id)
    {
        if ((_count + 1) * 2 > _slots.Length) Grow();
        Place(_slots, key, id);
        _count++;
    }

    private void Grow()
    {
        var bigger = new int[_slots.Length * 2];
        foreach (int stored in _slots)
            if (stored != 0) Place(bigger, keyOf(stored - 1), stored - 1);
        _slots = bigger;
    }

    private static void Place(int[] slots, in FlowKey key, int id)
    {
        int mask = slots.Length - 1;
        int i = Start(key, mask);
        while (slots[i] != 0) i = (i + 1) & mask;
        slots[i] = id + 1;
    }

    // Spread the hash: linear probing over a power-of-two table needs the low bits to vary.
    private static int Start(in FlowKey key, int mask) => (int)((uint)key.GetHashCode() * 0x9E3779B1u >> 7) & mask;
}
