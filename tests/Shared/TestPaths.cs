namespace Sniffer.Tests;

/// <summary>Where the repository, its samples and the shared conformance corpus are, seen from a test run.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>../shared/conformance/corpus beside the repository, or null when it isn't there.</summary>
    public static string? Corpus
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "conformance", "corpus"));
            return Directory.Exists(path) ? path : null;
        }
    }

    public static string Samples => Path.Combine(RepoRoot, "samples", "pcaps");

    public static string Sample(string name) => Path.Combine(Samples, name);

    /// <summary>The corpus captures, by file name.</summary>
    public static IEnumerable<string> CorpusCaptures()
    {
        var corpus = Corpus;
        if (corpus is null) return Array.Empty<string>();
        return Directory.EnumerateFiles(corpus)
            .Where(p => p.EndsWith(".pcap") || p.EndsWith(".pcapng") || p.EndsWith(".cap") || p.EndsWith(".gz"))
            .OrderBy(p => p, StringComparer.Ordinal);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sniffer.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Sniffer.sln not found above " + AppContext.BaseDirectory);
    }
}
