namespace Sniffer.Tui;

/// <summary>What the command line asks the UI to open.</summary>
public sealed record TuiOptions(string? File, string? Interface = null, string? DisplayFilter = null);
