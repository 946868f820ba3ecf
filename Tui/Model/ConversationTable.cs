namespace Sniffer.Tui.Model;

/// <summary>Conversations in order of first appearance; written by the indexer, snapshotted by the UI.</summary>
public sealed class ConversationTable
{
    private readonly Dictionary<FlowKey, Conversation> _byKey = new();
    private readonly List<Conversation> _list = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<byte, int> _streamsPerProtocol = new();

    public int Count { get { lock (_gate) return _list.Count; } }

    public Conversation this[int id] { get { lock (_gate) return _list[id]; } }

    public IReadOnlyList<Conversation> Snapshot() { lock (_gate) return _list.ToArray(); }

    /// <summary>Finds or creates the conversation of a packet and counts it.</summary>
    internal Conversation Observe(in FlowKey key, bool fromA, int frameIndex, long timestampNs, int length)
    {
        if (!_byKey.TryGetValue(key, out var conversation))
        {
            lock (_gate)
            {
                int stream = _streamsPerProtocol.GetValueOrDefault(key.Protocol);
                _streamsPerProtocol[key.Protocol] = stream + 1;
                conversation = new Conversation(_list.Count, key, frameIndex, timestampNs) { ClientIsA = fromA, StreamNumber = stream };
                _list.Add(conversation);
            }
            _byKey[key] = conversation;
        }
        if (fromA) { conversation.PacketsAToB++; conversation.BytesAToB += length; }
        else { conversation.PacketsBToA++; conversation.BytesBToA += length; }
        conversation.EndNs = timestampNs;
        conversation.LastFrame = frameIndex;
        return conversation;
    }
}
