namespace Sniffer.Capture;

/// <summary>A capture filter libpcap rejected, with its message and, when it could be found, where the problem starts.</summary>
public sealed class BpfFilterException(string expression, string libpcapMessage, int? position)
    : Exception(Describe(expression, libpcapMessage, position))
{
    public string Expression { get; } = expression;
    public string LibpcapMessage { get; } = libpcapMessage;

    /// <summary>Character index in <see cref="Expression"/> near which parsing failed, if known.</summary>
    public int? Position { get; } = position;

    private static string Describe(string expression, string message, int? position)
    {
        string text = $"Invalid capture filter \"{expression}\": {message}";
        if (position is { } at)
            text += $"\n  {expression}\n  {new string(' ', at)}^ problem starts about here";
        return text + "\n(Capture filters use libpcap syntax, see `man pcap-filter`; e.g. \"tcp port 80\", \"host 10.0.0.1 and udp\".)";
    }
}
