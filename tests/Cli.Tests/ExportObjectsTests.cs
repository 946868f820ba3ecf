using System.Security.Cryptography;
using Sniffer.Cli.Export;

namespace Sniffer.Tests.Cli;

/// <summary>
/// --export-objects http,DIR writes the same file names and bytes as tshark 4.0 on every HTTP capture of the corpus
/// and of our samples (Golden/export-objects.tshark.tsv: tshark's names, sizes and SHA-256, generated once).
/// </summary>
public sealed class ExportObjectsTests
{
    public static IEnumerable<object[]> Captures()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Golden", "export-objects.tshark.tsv"));
        foreach (var name in lines[1]["# captures: ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)) yield return [name];
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Same_names_and_bytes_as_tshark(string capture)
    {
        string path = File.Exists(TestPaths.Sample(capture)) ? TestPaths.Sample(capture) : Path.Combine(TestPaths.Corpus ?? "", capture);
        if (!File.Exists(path)) return; // corpus not beside the repository
        var expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Golden", "export-objects.tshark.tsv"))
            .Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')).Where(f => f[0] == capture)
            .Select(f => $"{f[1]}\t{f[2]}\t{f[3]}").OrderBy(s => s, StringComparer.Ordinal).ToList();

        string dir = Path.Combine(Path.GetTempPath(), "sniffer-eo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = CliRunner.Run("-r", path, "-q", "--export-objects", "http," + dir);
            Assert.Equal(0, result.ExitCode);
            var actual = Directory.Exists(dir)
                ? Directory.GetFiles(dir).Select(f => $"{Path.GetFileName(f)}\t{new FileInfo(f).Length}\t{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))}")
                    .OrderBy(s => s, StringComparer.Ordinal).ToList()
                : new List<string>();
            Assert.Equal(expected, actual);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_second_export_into_the_same_directory_numbers_the_copies()
    {
        string dir = Path.Combine(Path.GetTempPath(), "sniffer-eo-" + Guid.NewGuid().ToString("N"));
        try
        {
            CliRunner.Run("-r", TestPaths.Sample("website-load.pcapng"), "-q", "--export-objects", "http," + dir);
            CliRunner.Run("-r", TestPaths.Sample("website-load.pcapng"), "-q", "--export-objects", "http," + dir);
            Assert.True(File.Exists(Path.Combine(dir, "app(1).js")));
            Assert.True(File.Exists(Path.Combine(dir, "%2f(1)")));
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "app.js")), File.ReadAllBytes(Path.Combine(dir, "app(1).js")));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/img/logo.png", "logo.png")]
    [InlineData("/a/b/", "b")]
    [InlineData("", ".")]
    [InlineData("/search?q=a/b", "b")]
    public void Base_names_follow_glib(string uri, string expected) => Assert.Equal(expected, HttpObjectExporter.BaseName(uri));

    [Theory]
    [InlineData("/", 0, "%2f")]
    [InlineData("index.php?id=1&x=<y>", 0, "index.php%3fid=1&x=%3cy%3e")]
    [InlineData("logo.png", 2, "logo(2).png")]
    [InlineData("README", 1, "README(1)")]
    public void Unsafe_characters_and_duplicates_are_renamed_as_tshark_does(string name, int dup, string expected) =>
        Assert.Equal(expected, HttpObjectExporter.SafeName(name, dup));

    [Fact]
    public void Export_objects_rejects_other_protocols()
    {
        var result = CliRunner.Run("-r", TestPaths.Sample("website-load.pcapng"), "-q", "--export-objects", "smb,/tmp/x");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("only protocol is http", result.Stderr);
    }
}
