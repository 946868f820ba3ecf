using Sniffer.Capture;

namespace Sniffer.Tests.Dissectors;

/// <summary>Finds the shared conformance corpus: the first parent of the test binaries that has shared/conformance/corpus.</summary>
internal static class Corpus
{
    public static readonly string? Directory = Find();

    public const string SkipReason = "conformance corpus (shared/conformance/corpus) not found above the test directory";

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "conformance", "corpus");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static string PathOf(string file) => Path.Combine(Directory!, file);

    /// <summary>Every frame of a capture, copied out of the reader's window.</summary>
    public static List<(FrameInfo Info, byte[] Data)> Frames(string file, int max = int.MaxValue)
    {
        var frames = new List<(FrameInfo, byte[])>();
        using var reader = CaptureFile.Open(PathOf(file));
        while (frames.Count < max && reader.TryRead(out var info, out var data)) frames.Add((info, data.ToArray()));
        return frames;
    }
}

/// <summary>A fact that is skipped, with the reason, when the conformance corpus isn't there.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (Corpus.Directory is null) Skip = Corpus.SkipReason;
    }
}
