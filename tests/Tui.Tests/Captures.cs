namespace Sniffer.Tests.Tui;

/// <summary>Capture files for the UI tests: the shared conformance corpus.</summary>
internal static class Captures
{
    /// <summary>
    /// TestPaths.Corpus looks beside the repository; from a worktree (/work/wt/NAME) the corpus sits
    /// one level further up, so search upwards for shared/conformance/corpus as well.
    /// </summary>
    public static string CorpusDirectory { get; } = Find();

    public static string Corpus(string name) => Path.Combine(CorpusDirectory, name);

    private static string Find()
    {
        if (TestPaths.Corpus is { } direct) return direct;
        for (var dir = new DirectoryInfo(TestPaths.RepoRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance", "corpus");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("the shared conformance corpus (shared/conformance/corpus) was not found above " + TestPaths.RepoRoot);
    }
}
