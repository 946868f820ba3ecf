namespace Sniffer.Capture;

/// <summary>
/// A forward-only source of frames. <see cref="TryRead"/> hands out a span that stays valid only
/// until the next call: copy it if you need it later. Readers never throw on damaged input; they
/// stop and report through <see cref="Error"/>.
/// </summary>
public interface ICaptureReader : IDisposable
{
    /// <summary>"pcap", "pcapng", with ".gz" appended when the file was gzip-compressed.</summary>
    string Format { get; }

    /// <summary>The link type of the first interface (pcapng files may hold several).</summary>
    int LinkType { get; }

    /// <summary>Reads the next frame. False at the end of the file or at the first damage.</summary>
    bool TryRead(out FrameInfo info, out ReadOnlySpan<byte> data);

    /// <summary>Set once TryRead has returned false because of damage; null at a clean end.</summary>
    CaptureError? Error { get; }

    /// <summary>Interfaces described so far (pcapng IDBs; one synthetic entry for pcap).</summary>
    IReadOnlyList<CaptureInterface> Interfaces { get; }

    /// <summary>Comments found in the file (pcapng opt_comment of the section, interfaces and packets).</summary>
    IReadOnlyList<string> Comments { get; }

    /// <summary>The comment attached to the frame last returned by TryRead (pcapng opt_comment), if any.</summary>
    string? FrameComment => null;
}

public sealed record CaptureInterface(int LinkType, int SnapLength, string? Name, string? Description, long TimestampUnitsPerSecond);

/// <summary>Where and why a file stopped making sense.</summary>
public sealed record CaptureError(string Path, long Offset, string Message)
{
    public override string ToString() => $"{Path}: {Message} (at byte offset {Offset})";
}
