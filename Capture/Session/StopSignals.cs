using System.Runtime.InteropServices;

namespace Sniffer.Capture;

/// <summary>
/// Turns SIGINT/SIGTERM into a cancellation so the capture can flush and write its statistics.
/// If the user presses Ctrl+C again while we are stopping, the default action (exit) happens.
/// </summary>
internal sealed partial class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration[] _registrations;
    private int _received;

    public StopSignals(CancellationTokenSource stop)
    {
        _stop = stop;
        // A shell starts background jobs with SIGINT ignored, and .NET honours an inherited "ignore".
        // tshark catches SIGINT regardless, so `sniffer ... & kill -INT $!` works in scripts; we do the same.
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) RestoreDefault(SigInt);
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    private const int SigInt = 2;
    private static readonly IntPtr SigDfl = IntPtr.Zero;

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial IntPtr Signal(int signal, IntPtr handler);

    private static void RestoreDefault(int signal) => Signal(signal, SigDfl);

    public bool Received => Volatile.Read(ref _received) > 0;

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _received) > 1) return;   // second signal: let it terminate the process
        context.Cancel = true;
        _stop.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
    }
}
