using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Ip;

/// <summary>The fragments of one datagram collected so far, each with a copy of its bytes.</summary>
internal sealed class PendingDatagram(long serial)
{
    private readonly List<(FragmentPiece Piece, byte[] Data)> _pieces = new();
    private int _totalLength = -1;
    private bool _multipleTails;

    public long Serial { get; } = serial;
    public List<(FragmentPiece Piece, byte[] Data)> Pieces => _pieces;
    public long Bytes { get; private set; }

    public void Add(uint frame, int offset, ReadOnlySpan<byte> data, bool moreFragments)
    {
        _pieces.Add((new FragmentPiece(frame, offset, data.Length), data.ToArray()));
        Bytes += data.Length;
        if (!moreFragments)
        {
            // The last fragment fixes the length; a second, different "last" is Wireshark's "multiple tails" (first one wins).
            if (_totalLength < 0) _totalLength = offset + data.Length;
            else if (_totalLength != offset + data.Length) _multipleTails = true;
        }
    }

    /// <summary>True once the length is known and the pieces cover [0, length) without a gap.</summary>
    public bool IsComplete
    {
        get
        {
            if (_totalLength < 0) return false;
            _pieces.Sort(static (a, b) => a.Piece.Offset != b.Piece.Offset ? a.Piece.Offset.CompareTo(b.Piece.Offset) : a.Piece.Frame.CompareTo(b.Piece.Frame));
            int covered = 0;
            foreach (var (piece, _) in _pieces)
            {
                if (piece.Offset > covered) return false;
                covered = Math.Max(covered, piece.Offset + piece.Length);
                if (covered >= _totalLength) return true;
            }
            return false;
        }
    }

    /// <summary>Copies the pieces (sorted by <see cref="IsComplete"/>) behind <paramref name="header"/>; earlier bytes win overlaps.</summary>
    public ReassembledDatagram Assemble(ReadOnlySpan<byte> header)
    {
        var buffer = new byte[header.Length + _totalLength];
        header.CopyTo(buffer);
        var payload = buffer.AsSpan(header.Length);
        int written = 0;
        bool overlap = _multipleTails, conflict = false;
        var pieces = new List<FragmentPiece>(_pieces.Count);
        foreach (var (piece, data) in _pieces)
        {
            int start = piece.Offset, end = Math.Min(piece.Offset + piece.Length, _totalLength);
            if (start >= _totalLength) { overlap = true; continue; } // beyond the tail: not part of the datagram
            if (start < written)
            {
                overlap = true;
                int shared = Math.Min(written, end) - start;
                if (!data.AsSpan(0, shared).SequenceEqual(payload.Slice(start, shared))) conflict = true;
            }
            if (end > written)
            {
                int from = Math.Max(start, written);
                data.AsSpan(from - start, end - from).CopyTo(payload[from..]);
                written = end;
            }
            pieces.Add(piece);
        }
        return new ReassembledDatagram(buffer, header.Length, pieces.ToArray(), overlap, conflict);
    }
}
