namespace Sniffer.Cli;

/// <summary>Finds the samples shipped in samples/pcaps, for `sniffer` with no arguments.</summary>
internal static class BundledSamples
{
    public static string? Default()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var samples = Path.Combine(dir.FullName, "samples", "pcaps");
            if (!Directory.Exists(samples)) continue;
            foreach (var name in new[] { "website-load.pcapng", "website-load.pcap" })
            {
                var path = Path.Combine(samples, name);
                if (File.Exists(path)) return path;
            }
            return Directory.EnumerateFiles(samples, "*.pcap*").OrderBy(p => p, StringComparer.Ordinal).FirstOrDefault();
        }
        return null;
    }
}
