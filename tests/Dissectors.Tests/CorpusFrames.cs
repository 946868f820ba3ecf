using Sniffer.Capture;

namespace Sniffer.Tests.Dissectors;

/// <summary>Frames of real captures loaded into memory, for dissector tests.</summary>
public static class CorpusFrames
{
    public sealed record LoadedFrame(FrameInfo Info, byte[] Data);

    public static List<LoadedFrame> Load(string path, int max = int.MaxValue)
    {
        var frames = new List<LoadedFrame>();
        using var reader = CaptureFile.Open(path);
        while (frames.Count < max && reader.TryRead(out var info, out var data)) frames.Add(new LoadedFrame(info, data.ToArray()));
        return frames;
    }

    /// <summary>Every frame of the whole corpus (a few MB), or nothing when the corpus is absent.</summary>
    public static IEnumerable<(string File, LoadedFrame Frame)> All()
    {
        foreach (var path in TestPaths.CorpusCaptures())
            foreach (var frame in Load(path))
                yield return (Path.GetFileName(path), frame);
    }
}
