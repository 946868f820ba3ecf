namespace Sniffer.Capture;

/// <summary>
/// A capture file could not be opened at all (missing, unreadable, empty, not a capture).
/// The message is one complete sentence meant to be shown to the user as is, without a stack trace.
/// </summary>
public sealed class CaptureOpenException : Exception
{
    public CaptureOpenException(string message) : base(message) { }

    public CaptureOpenException(string message, Exception inner) : base(message, inner) { }
}
