namespace Sniffer.Tui.Model;

/// <summary>Conversations in order of first appearance; written by the indexer, snapshotted by the UI.</summary>
public sealed class ConversationTable
{
    private readonly List<Conversation> _list = new();
    private readonly ConversationLookup _byKey;
    private readonly Lock _gate = new();
    private readonly Dictionary<byte, int> _streamsPerProtocol = new();

    // The indexer thread is the only writer of _list, so it may read it without the lock.
    public ConversationTable() => _byKey = new ConversationLookup(id => _list[id].Key);

    public int Count { get { lock (_gate) return _list.Count; } }

    public Conversation this[int id] { get { lock (_gate) return _list[id]; } }

    public IReadOnlyList<Conversation> Snapshot() { lock (_gate) return _list.ToArray(); }

    /// <summary>Finds or creates the conversation of a packet and counts it.</summary>
    internal Conversation Observe(in FlowKey key, bool fromA, int frameIndex, long timestampNs, int length)
    {
        Conversation conversation;
        if (_byKey.TryFind(key, out int id)) conversation = _list[id];
        else
        {
            lock (_gate)
            {
                int stream = _streamsPerProtocol.GetValueOrDefault(key.Protocol);
                _streamsPerProtocol[key.Protocol] = stream + 1;
                conversation = new Conversation(_list.Count, key, frameIndex, timestampNs) { ClientIsA = fromA, StreamNumber = stream };
                _list.Add(conversation);
            }
            _byKey.Add(key, conversation.Id);
        }
        if (fromA) { conversation.PacketsAToB++; conversation.BytesAToB += length; }
        else { conversation.PacketsBToA++; conversation.BytesBToA += length; }
        conversation.EndNs = timestampNs;
        conversation.LastFrame = frameIndex;
        return conversation;
    }
}
