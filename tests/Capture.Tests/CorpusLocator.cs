namespace Sniffer.Tests.Capture;

/// <summary>
/// Finds the shared, read-only conformance corpus: the repository root's parent holds shared/conformance/corpus.
/// The corpus is never copied into the repository.
/// </summary>
internal static class CorpusLocator
{
    public static readonly string? Directory = Find();

    public const string MissingReason = "the shared conformance corpus (shared/conformance/corpus next to the repository) was not found";

    public static string PathOf(string fileName) =>
        System.IO.Path.Combine(Directory ?? throw new InvalidOperationException(MissingReason), fileName);

    /// <summary>Rows of MANIFEST.tsv: file name and the packet count tshark reported (column 7).</summary>
    public static IReadOnlyList<(string File, int Packets, string Encapsulation)> Manifest()
    {
        var rows = new List<(string, int, string)>();
        foreach (var line in File.ReadLines(PathOf("MANIFEST.tsv")).Skip(1))
        {
            var cells = line.Split('\t');
            if (cells.Length >= 7) rows.Add((cells[0], int.Parse(cells[6]), cells[5]));
        }
        return rows;
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "conformance", "corpus");
            if (System.IO.Directory.Exists(candidate) && File.Exists(System.IO.Path.Combine(candidate, "MANIFEST.tsv")))
                return candidate;
        }
        return null;
    }
}

/// <summary>A fact that is skipped, with the reason shown, when the shared corpus is absent.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (CorpusLocator.Directory is null) Skip = CorpusLocator.MissingReason;
    }
}

/// <summary>A theory that is skipped, with the reason shown, when the shared corpus is absent.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (CorpusLocator.Directory is null) Skip = CorpusLocator.MissingReason;
    }
}

/// <summary>A fact that needs the corpus and Wireshark's command-line tools (editcap, mergecap, tshark).</summary>
public sealed class WiresharkToolsFactAttribute : FactAttribute
{
    public WiresharkToolsFactAttribute()
    {
        if (CorpusLocator.Directory is null) Skip = CorpusLocator.MissingReason;
        else if (!ExternalTool.Exists("editcap") || !ExternalTool.Exists("mergecap") || !ExternalTool.Exists("tshark"))
            Skip = "Wireshark's command-line tools (editcap, mergecap, tshark) are not installed";
    }
}
