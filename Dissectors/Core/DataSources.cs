namespace Sniffer.Dissectors.Core;

/// <summary>
/// Byte buffers other than the frame that a packet's fields point into: a TCP stream's reassembled
/// PDU, a reassembled IP datagram, a decompressed body (Wireshark's data sources / tvbs).
/// Source 0 is always the frame itself. Reused from packet to packet. Register a source only when a
/// tree is being built (<c>sink.WantsTree</c>), with a copy of bytes that outlive the packet.
/// </summary>
public sealed class DataSources
{
    private readonly List<(string Name, ReadOnlyMemory<byte> Data)> _sources = new();

    /// <summary>Extra sources of the current packet (the frame, id 0, is not listed).</summary>
    public int Count => _sources.Count;

    public void Clear() => _sources.Clear();

    /// <summary>Registers a buffer ("Reassembled TCP (1234 bytes)") and returns its id for <see cref="Tree.IFieldSink.UseDataSource"/>.</summary>
    public int Add(string name, ReadOnlyMemory<byte> data)
    {
        _sources.Add((name, data));
        return _sources.Count;
    }

    /// <summary>Source <paramref name="id"/> (1-based; 0 is the frame and is not kept here).</summary>
    public (string Name, ReadOnlyMemory<byte> Data) this[int id] => _sources[id - 1];
}
