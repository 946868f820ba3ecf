namespace Sniffer.Tui;

/// <summary>What the command line asks the UI to open: a file, or a live capture on an interface.</summary>
public sealed record TuiOptions(string? File, string? Interface = null, string? DisplayFilter = null)
{
    /// <summary>-f: BPF capture filter for a live capture.</summary>
    public string? CaptureFilter { get; init; }
    /// <summary>-w: where a live capture is written (then nothing needs saving on quit).</summary>
    public string? WriteFile { get; init; }
    public int SnapLength { get; init; } = 262144;
    public bool Promiscuous { get; init; } = true;
}
