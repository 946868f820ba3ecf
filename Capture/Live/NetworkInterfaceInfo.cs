namespace Sniffer.Capture;

/// <summary>One capturable interface as libpcap lists it (for <c>sniffer -D</c>).</summary>
public sealed record NetworkInterfaceInfo(
    int Number,                          // 1-based, usable as "-i 2" like tshark
    string Name,
    string? Description,
    IReadOnlyList<string> Addresses,
    bool IsUp,
    bool IsRunning,
    bool IsLoopback)
{
    /// <summary>tshark's "1. eth0" line, followed by what tshark leaves out: description, state, addresses.</summary>
    public override string ToString()
    {
        var line = $"{Number}. {Name}";
        if (!string.IsNullOrEmpty(Description)) line += $" ({Description})";
        var facts = new List<string>();
        if (IsLoopback) facts.Add("loopback");
        if (!IsUp) facts.Add("down");
        if (Addresses.Count > 0) facts.Add(string.Join(", ", Addresses));
        return facts.Count == 0 ? line : $"{line} [{string.Join("; ", facts)}]";
    }
}
