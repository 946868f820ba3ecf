namespace Sniffer.Capture;

/// <summary>
/// Where captured frames go. Writers are used from one thread (the capture consumer);
/// they buffer their output and flush on their own at least every <see cref="CaptureWriterOptions.FlushInterval"/>,
/// so a killed process leaves a file that is readable up to the last flush.
/// </summary>
public interface ICaptureWriter : IDisposable
{
    /// <summary>"pcapng" or "pcap".</summary>
    string Format { get; }

    /// <summary>Bytes handed to the output so far (headers included), across all files of a ring buffer.</summary>
    long BytesWritten { get; }

    long FramesWritten { get; }

    /// <summary>Writes one frame; <see cref="FrameInfo.InterfaceId"/> picks the interface it belongs to.</summary>
    void Write(in FrameInfo info, ReadOnlySpan<byte> data);

    /// <summary>Pushes buffered bytes to the operating system.</summary>
    void Flush();

    /// <summary>
    /// Ends the file. pcapng writers record <paramref name="statistics"/> as an Interface Statistics Block
    /// for each interface; pcap has nowhere to put them. Safe to call twice; Dispose calls it without statistics.
    /// </summary>
    void Close(IReadOnlyList<InterfaceStatistics>? statistics = null);
}
