namespace Sniffer.Cli.Options;

/// <summary>A command line we cannot run; the message is shown as is, followed by a pointer to --help.</summary>
public sealed class UsageException(string message) : Exception(message);
