namespace Sniffer.Capture;

/// <summary>What the pcap and pcapng readers share: the window, the metadata lists, and how damage is recorded.</summary>
public abstract class CaptureFileReaderBase : ICaptureReader
{
    private protected readonly ByteWindow Window;
    private protected readonly string DisplayName;
    private protected readonly List<CaptureInterface> InterfaceList = new();
    private protected readonly List<string> CommentList = new();

    private protected CaptureFileReaderBase(ByteWindow window, string displayName, string format)
    {
        Window = window;
        DisplayName = displayName;
        Format = format;
    }

    public string Format { get; }

    public abstract int LinkType { get; }

    public CaptureError? Error { get; private set; }

    public IReadOnlyList<CaptureInterface> Interfaces => InterfaceList;

    public IReadOnlyList<string> Comments => CommentList;

    public virtual string? FrameComment => null;

    public abstract bool TryRead(out FrameInfo info, out ReadOnlySpan<byte> data);

    /// <summary>Records the first damage and makes every later read fail the same way.</summary>
    private protected bool Damaged(long offset, string message)
    {
        Error ??= new CaptureError(DisplayName, offset, message);
        Stopped = true;
        return false;
    }

    /// <summary>A clean end of the file: no error, and later reads keep returning false.</summary>
    private protected bool Ended()
    {
        Stopped = true;
        return false;
    }

    /// <summary>
    /// The window could not supply a record that started at <paramref name="recordOffset"/>: either the
    /// stream ended early or reading it failed. Distinguishes the two for the user.
    /// </summary>
    private protected bool CutShort(long recordOffset, string what)
    {
        var failure = Window.ReadFailure;
        if (failure is InvalidDataException)
            return Damaged(recordOffset, $"the compressed data is corrupt in the middle of {what} ({failure.Message})");
        if (failure is not null)
            return Damaged(recordOffset, $"reading the file failed in the middle of {what} ({failure.Message})");
        return Damaged(recordOffset, $"the file appears to have been cut short in the middle of {what}");
    }

    /// <summary>True once a read has failed; lets TryRead stay false without re-reading.</summary>
    private protected bool Stopped { get; set; }

    public void Dispose()
    {
        Window.Dispose();
        GC.SuppressFinalize(this);
    }
}
