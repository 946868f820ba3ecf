using System.IO.Compression;
using Sniffer.Capture;

namespace Sniffer.Tests.Capture;

internal sealed record ReadFrame(FrameInfo Info, byte[] Data, string? Comment);

/// <summary>Small helpers to read a whole capture into memory for assertions.</summary>
internal static class Frames
{
    public static List<ReadFrame> ReadAll(ICaptureReader reader)
    {
        var frames = new List<ReadFrame>();
        while (reader.TryRead(out var info, out var data))
            frames.Add(new ReadFrame(info, data.ToArray(), reader.FrameComment));
        return frames;
    }

    public static ICaptureReader Open(byte[] bytes, string name = "test.bin", int? windowBytes = null) =>
        windowBytes is int size
            ? CaptureFile.OpenStream(new MemoryStream(bytes, writable: false), name, size)
            : CaptureFile.OpenStream(new MemoryStream(bytes, writable: false), name);

    public static byte[] Gzip(byte[] bytes)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(bytes);
        return output.ToArray();
    }
}
