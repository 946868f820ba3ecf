namespace Sniffer.Dissectors.Core;

/// <summary>The headers whose tap tshark's statistics read (-z endpoints, -z flow).</summary>
public enum TapKind : byte { IPv4, IPv6, Tcp, Udp }

/// <summary>
/// Headers of one frame that were dissected (their addresses or ports are in the tree) but at which tshark's
/// dissector stops before it queues its tap (tap_queue_packet): an exception inside the header (options cut
/// short by the snaplen, a malformed option), a bogus length it returns at, or an IPv6 extension-header chain
/// that never reaches its end (a fragment waiting for the rest, Mobility). The statistics skip those headers.
/// A header is named by its kind and its offset in the buffer it was read from.
/// </summary>
public sealed class UntappedHeaders
{
    private const int Max = 64;
    private readonly List<(TapKind Kind, int Offset)> _headers = new(4);

    public int Count => _headers.Count;

    public void Clear() => _headers.Clear();

    public void Add(TapKind kind, int offset)
    {
        if (_headers.Count < Max) _headers.Add((kind, offset));
    }

    public bool Contains(TapKind kind, int offset)
    {
        foreach (var h in _headers) if (h.Kind == kind && h.Offset == offset) return true;
        return false;
    }
}
