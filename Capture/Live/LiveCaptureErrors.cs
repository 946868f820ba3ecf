using SharpPcap;

namespace Sniffer.Capture;

/// <summary>Turns libpcap/SharpPcap failures into messages that say what to do next.</summary>
public static class LiveCaptureErrors
{
    /// <summary>
    /// True for the exceptions .NET raises when libpcap itself cannot be loaded. SharpPcap names the
    /// library 'wpcap' (its Windows name) even on Linux, which sends people looking for the wrong thing.
    /// </summary>
    public static bool IsLibpcapMissing(Exception exception) => exception switch
    {
        DllNotFoundException => true,
        TypeInitializationException { InnerException: { } inner } => IsLibpcapMissing(inner),
        _ => false,
    };

    public static LiveCaptureException LibpcapMissing(Exception inner) => new(LiveCaptureErrorKind.LibpcapMissing,
        "libpcap is not installed (no libpcap.so.0.8 / libpcap.so.1 could be loaded). " +
        "Install it: sudo apt-get install libpcap0.8 (Fedora/RHEL: sudo dnf install libpcap).", inner);

    public static LiveCaptureException PermissionDenied(string interfaceName, string? libpcapText, Exception? inner = null) =>
        new(LiveCaptureErrorKind.PermissionDenied,
            $"You don't have permission to capture on '{interfaceName}'{Detail(libpcapText)}. " +
            $"Run as root, or give the binary capture rights once: sudo setcap cap_net_raw,cap_net_admin=eip {SetcapTarget()}",
            inner);

    public static LiveCaptureException NoSuchInterface(string interfaceName, IEnumerable<string> available, Exception? inner = null) =>
        new(LiveCaptureErrorKind.NoSuchInterface,
            $"There is no interface '{interfaceName}'. Available: {string.Join(", ", available)} (sniffer -D lists them with addresses).",
            inner);

    public static LiveCaptureException InterfaceDown(string interfaceName, string? libpcapText, Exception? inner = null) =>
        new(LiveCaptureErrorKind.InterfaceDown,
            $"Interface '{interfaceName}' is down{Detail(libpcapText)}. Bring it up: sudo ip link set {interfaceName} up",
            inner);

    public static LiveCaptureException BadFilter(BpfFilterException inner) => new(LiveCaptureErrorKind.BadFilter, inner.Message, inner);

    /// <summary>Maps a failed open/activate. <paramref name="libpcapText"/> is device.LastError, which PcapException leaves out.</summary>
    public static LiveCaptureException FromOpenFailure(PcapException exception, string interfaceName, string? libpcapText,
        IEnumerable<string> available) => exception.Error switch
    {
        PcapError.PermissionDenied or PcapError.PromiscuousPermissionDenied => PermissionDenied(interfaceName, libpcapText, exception),
        PcapError.InterfaceNotUp => InterfaceDown(interfaceName, libpcapText, exception),
        PcapError.NoSuchDevice => NoSuchInterface(interfaceName, available, exception),
        _ when libpcapText?.Contains("Operation not permitted", StringComparison.Ordinal) == true
            => PermissionDenied(interfaceName, libpcapText, exception),
        _ => new LiveCaptureException(LiveCaptureErrorKind.Other,
            $"Cannot capture on '{interfaceName}': {libpcapText ?? exception.Message}", exception),
    };

    private static string Detail(string? libpcapText) => string.IsNullOrWhiteSpace(libpcapText) ? "" : $" (libpcap: {libpcapText})";

    // setcap must name the published executable: capabilities on the shared 'dotnet' host would
    // grant them to every .NET program, and 'dotnet app.dll' ignores file capabilities anyway.
    private static string SetcapTarget()
    {
        string? path = Environment.ProcessPath;
        if (path is null || Path.GetFileNameWithoutExtension(path) == "dotnet")
            return "<path of the published sniffer binary> (from `dotnet publish`; not the shared 'dotnet' host)";
        return path;
    }
}
