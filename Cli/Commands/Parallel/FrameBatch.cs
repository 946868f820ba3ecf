using Sniffer.Capture;

namespace Sniffer.Cli.Commands.Parallel;

/// <summary>
/// Consecutive frames of a capture, copied out of the reader's buffer so that the shards can dissect them
/// while the reader goes on, with each shard's printed output. A batch is recycled once its output is written.
/// </summary>
public sealed class FrameBatch
{
    public const int MaxFrames = 2048;
    private const int DefaultBytes = 1 << 19;

    private byte[] _bytes = new byte[DefaultBytes];
    private int _used;
    private readonly FrameInfo[] _infos = new FrameInfo[MaxFrames];
    private readonly int[] _offsets = new int[MaxFrames];
    private readonly byte[] _shards = new byte[MaxFrames];
    private readonly CountdownEvent _unfinishedShards;

    public FrameBatch(int shards)
    {
        Outputs = new ShardText[shards];
        for (int i = 0; i < shards; i++) Outputs[i] = new ShardText();
        _unfinishedShards = new CountdownEvent(shards);
    }

    public int Count { get; private set; }

    /// <summary>Capture frame number of the batch's first frame; the others follow it one by one.</summary>
    public uint FirstNumber { get; private set; }

    /// <summary>Timestamp of the capture's first frame (relative times count from it).</summary>
    public long CaptureStartNs { get; private set; }

    /// <summary>Timestamp of the frame before the batch's first (its delta time counts from it).</summary>
    public long PreviousNs { get; private set; }

    /// <summary>The capture's interfaces as known when the batch was filled.</summary>
    public IReadOnlyList<CaptureInterface> Interfaces { get; private set; } = Array.Empty<CaptureInterface>();

    /// <summary>What each shard printed for its frames of this batch.</summary>
    public ShardText[] Outputs { get; }

    public void Start(uint firstNumber, long captureStartNs, long previousNs, IReadOnlyList<CaptureInterface> interfaces)
    {
        Count = 0;
        _used = 0;
        FirstNumber = firstNumber;
        CaptureStartNs = captureStartNs;
        PreviousNs = previousNs;
        Interfaces = interfaces;
        foreach (var output in Outputs) output.Clear();
        _unfinishedShards.Reset();
    }

    /// <summary>Whether a frame of <paramref name="length"/> bytes still fits (an empty batch takes any frame).</summary>
    public bool Fits(int length) => Count < MaxFrames && (Count == 0 || _used + length <= _bytes.Length);

    public void Add(in FrameInfo info, ReadOnlySpan<byte> data, int shard)
    {
        if (Count == 0 && data.Length > _bytes.Length) _bytes = new byte[data.Length];
        data.CopyTo(_bytes.AsSpan(_used));
        _infos[Count] = info;
        _offsets[Count] = _used;
        _shards[Count] = (byte)shard;
        _used += data.Length;
        Count++;
    }

    public ref readonly FrameInfo Info(int index) => ref _infos[index];
    public ReadOnlySpan<byte> Data(int index) => _bytes.AsSpan(_offsets[index], _infos[index].CapturedLength);
    public int ShardOf(int index) => _shards[index];
    public long PreviousTimestampOf(int index) => index == 0 ? PreviousNs : _infos[index - 1].TimestampNs;

    /// <summary>Called by each shard when it has dissected its frames of the batch.</summary>
    public void Finished() => _unfinishedShards.Signal();

    /// <summary>Waits until every shard has finished the batch.</summary>
    public void WaitForShards(CancellationToken cancel) => _unfinishedShards.Wait(cancel);
}
