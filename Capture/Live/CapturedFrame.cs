using System.Buffers;

namespace Sniffer.Capture;

/// <summary>
/// A frame taken off the wire. Its bytes live in a buffer rented from <see cref="ArrayPool{T}.Shared"/>:
/// whoever reads the frame from the channel owns it and must call <see cref="ReturnBuffer"/> exactly once.
/// </summary>
public readonly struct CapturedFrame(FrameInfo info, byte[] buffer)
{
    public FrameInfo Info { get; } = info;

    /// <summary>The rented buffer; only the first <see cref="FrameInfo.CapturedLength"/> bytes are the frame.</summary>
    public byte[] Buffer { get; } = buffer;

    public ReadOnlySpan<byte> Data => Buffer.AsSpan(0, Info.CapturedLength);

    public void ReturnBuffer() => ArrayPool<byte>.Shared.Return(Buffer);
}
