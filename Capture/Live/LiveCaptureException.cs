namespace Sniffer.Capture;

public enum LiveCaptureErrorKind
{
    LibpcapMissing,
    PermissionDenied,
    NoSuchInterface,
    InterfaceDown,
    BadFilter,
    Other,
}

/// <summary>A capture that could not start, with one message that tells the user what to do.</summary>
public sealed class LiveCaptureException(LiveCaptureErrorKind kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public LiveCaptureErrorKind Kind { get; } = kind;
}
