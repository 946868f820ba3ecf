namespace Sniffer.Cli.Commands.Parallel;

/// <summary>
/// The text one shard printed for a batch, cut into the pieces of each displayed frame so that the pieces of
/// all shards can be written in frame order. Buffers are kept across batches.
/// </summary>
public sealed class ShardText
{
    private char[] _text = new char[1 << 14];
    private uint[] _frames = new uint[256];
    private int[] _ends = new int[256];

    public int Length { get; private set; }
    public int PieceCount { get; private set; }

    public void Clear()
    {
        Length = 0;
        PieceCount = 0;
    }

    public void Append(ReadOnlySpan<char> text)
    {
        if (Length + text.Length > _text.Length) Array.Resize(ref _text, Math.Max(_text.Length * 2, Length + text.Length));
        text.CopyTo(_text.AsSpan(Length));
        Length += text.Length;
    }

    public void Append(char c)
    {
        if (Length == _text.Length) Array.Resize(ref _text, _text.Length * 2);
        _text[Length++] = c;
    }

    /// <summary>Everything appended since the previous piece belongs to frame <paramref name="frame"/>.</summary>
    public void EndPiece(uint frame)
    {
        if (PieceCount == _frames.Length)
        {
            Array.Resize(ref _frames, PieceCount * 2);
            Array.Resize(ref _ends, PieceCount * 2);
        }
        _frames[PieceCount] = frame;
        _ends[PieceCount] = Length;
        PieceCount++;
    }

    public uint FrameOf(int piece) => _frames[piece];

    /// <summary>Everything appended, pieces or not.</summary>
    public ReadOnlySpan<char> All => _text.AsSpan(0, Length);

    /// <summary>The pieces from <paramref name="first"/> up to, not including, <paramref name="end"/>: one span, as they were written.</summary>
    public ReadOnlySpan<char> Pieces(int first, int end)
    {
        int start = first == 0 ? 0 : _ends[first - 1];
        return _text.AsSpan(start, _ends[end - 1] - start);
    }
}
