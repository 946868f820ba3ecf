using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Ip;

/// <summary>
/// IPv4/IPv6 fragment reassembly across packets (Wireshark's reassembly table for ip.defragment): fragments
/// are grouped by <see cref="FragmentKey"/>; a datagram is complete once the last fragment (no More
/// Fragments) has fixed its length and the pieces cover it without gaps. Bounded by
/// <see cref="FragmentTableOptions"/>: the oldest waiting datagrams are dropped first, and counted.
/// Thread-safe, so the TUI's indexer and its viewer may share one table.
/// </summary>
public sealed class FragmentTable(FragmentTableOptions? options = null) : IFragmentReassembler
{
    private readonly FragmentTableOptions _options = options ?? new FragmentTableOptions();
    private readonly Lock _gate = new();
    private readonly Dictionary<FragmentKey, PendingDatagram> _pending = new();
    private readonly Queue<(FragmentKey Key, long Serial)> _pendingOrder = new();
    private readonly Dictionary<(uint Frame, FragmentKey Key), ReassembledDatagram> _results = new();
    private readonly Dictionary<(uint Frame, FragmentKey Key), uint> _reassembledIn = new();
    private readonly Queue<(uint Frame, FragmentKey Key)> _resultOrder = new();
    private long _pendingBytes, _rememberedBytes, _serial;
    private uint _highestFrame;
    private long _completed, _evictedDatagrams, _evictedBytes, _rejected, _overlaps, _forgotten;

    public FragmentTableStats Stats
    {
        get { lock (_gate) return new(_completed, _evictedDatagrams, _evictedBytes, _rejected, _overlaps, _forgotten); }
    }

    public int PendingDatagrams { get { lock (_gate) return _pending.Count; } }
    public long PendingBytes { get { lock (_gate) return _pendingBytes; } }

    public ReassembledDatagram? Add(uint frameNumber, in FragmentKey key, ReadOnlySpan<byte> header, int fragmentOffset, bool moreFragments,
        ReadOnlySpan<byte> data, out uint reassembledIn)
    {
        lock (_gate)
        {
            reassembledIn = 0;
            if (frameNumber <= _highestFrame && _highestFrame != 0)
            {
                // A revisit (or the same frame dissected again): read only.
                if (_results.TryGetValue((frameNumber, key), out var done)) return done;
                _reassembledIn.TryGetValue((frameNumber, key), out reassembledIn);
                return null;
            }
            _highestFrame = frameNumber;
            return AddFirstVisit(frameNumber, key, header, fragmentOffset, moreFragments, data);
        }
    }

    private ReassembledDatagram? AddFirstVisit(uint frameNumber, in FragmentKey key, ReadOnlySpan<byte> header, int fragmentOffset,
        bool moreFragments, ReadOnlySpan<byte> data)
    {
        if (fragmentOffset < 0 || (long)fragmentOffset + data.Length > _options.MaxDatagramLength || data.Length > _options.MaxPendingBytes)
        {
            _rejected++;
            return null;
        }
        if (!_pending.TryGetValue(key, out var datagram))
        {
            MakeRoomForDatagram();
            datagram = new PendingDatagram(++_serial);
            _pending.Add(key, datagram);
            _pendingOrder.Enqueue((key, datagram.Serial));
        }
        if (datagram.Pieces.Count >= _options.MaxFragmentsPerDatagram)
        {
            _rejected++;
            return null;
        }
        MakeRoomForBytes(data.Length, key);
        datagram.Add(frameNumber, fragmentOffset, data, moreFragments);
        _pendingBytes += data.Length;
        if (!datagram.IsComplete) return null;

        _pending.Remove(key);
        _pendingBytes -= datagram.Bytes;
        var result = datagram.Assemble(header);
        _completed++;
        if (result.Overlap) _overlaps++;
        Remember(frameNumber, key, result);
        return result;
    }

    private void MakeRoomForDatagram()
    {
        while (_pending.Count >= _options.MaxPendingDatagrams && EvictOldest(except: null)) { }
    }

    private void MakeRoomForBytes(int incoming, FragmentKey keep)
    {
        while (_pendingBytes + incoming > _options.MaxPendingBytes && EvictOldest(keep)) { }
    }

    /// <summary>Drops the oldest waiting datagram (other than <paramref name="except"/>); false when there is none.</summary>
    private bool EvictOldest(FragmentKey? except)
    {
        int rounds = _pendingOrder.Count;
        while (rounds-- > 0 && _pendingOrder.TryDequeue(out var entry))
        {
            if (!_pending.TryGetValue(entry.Key, out var datagram) || datagram.Serial != entry.Serial) continue; // already gone
            if (except is { } keep && keep.Equals(entry.Key))
            {
                _pendingOrder.Enqueue(entry);
                continue;
            }
            _pending.Remove(entry.Key);
            _pendingBytes -= datagram.Bytes;
            _evictedDatagrams++;
            _evictedBytes += datagram.Bytes;
            return true;
        }
        return false;
    }

    /// <summary>Keeps the result for revisits of the completing frame, and which frame completed each earlier fragment.</summary>
    private void Remember(uint frameNumber, in FragmentKey key, ReassembledDatagram result)
    {
        if (_options.MaxRememberedBytes <= 0) return;
        foreach (var piece in result.Pieces)
        {
            if (piece.Frame != frameNumber) _reassembledIn[(piece.Frame, key)] = frameNumber;
        }
        _results[(frameNumber, key)] = result;
        _resultOrder.Enqueue((frameNumber, key));
        _rememberedBytes += result.Buffer.Length;
        while (_rememberedBytes > _options.MaxRememberedBytes && _resultOrder.TryDequeue(out var old))
        {
            if (!_results.Remove(old, out var dropped)) continue;
            _rememberedBytes -= dropped.Buffer.Length;
            foreach (var piece in dropped.Pieces) _reassembledIn.Remove((piece.Frame, old.Key));
            _forgotten++;
        }
    }
}
