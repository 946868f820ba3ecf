using System.Runtime.InteropServices;

namespace Sniffer.Tests.Capture;

/// <summary>
/// Linux capabilities are per thread: dropping CAP_NET_RAW on a dedicated thread makes it as unable
/// to open a packet socket as an ordinary user, without touching the rest of the test process.
/// </summary>
internal static partial class ThreadCapabilities
{
    private const uint Version3 = 0x20080522;
    public const int NetRaw = 13;

    [StructLayout(LayoutKind.Sequential)]
    private struct Header { public uint Version; public int Pid; }

    [StructLayout(LayoutKind.Sequential)]
    private struct Data { public uint Effective; public uint Permitted; public uint Inheritable; }

    [LibraryImport("libc", EntryPoint = "capget", SetLastError = true)]
    private static unsafe partial int CapGet(Header* header, Data* data);

    [LibraryImport("libc", EntryPoint = "capset", SetLastError = true)]
    private static unsafe partial int CapSet(Header* header, Data* data);

    /// <summary>Runs <paramref name="work"/> on a new thread without <paramref name="capability"/> in its effective set.</summary>
    public static unsafe T RunWithout<T>(int capability, Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var header = new Header { Version = Version3, Pid = 0 };
                var data = stackalloc Data[2];
                if (CapGet(&header, data) != 0) throw new InvalidOperationException($"capget: errno {Marshal.GetLastPInvokeError()}");
                data[capability / 32].Effective &= ~(1u << (capability % 32));
                data[capability / 32].Permitted &= ~(1u << (capability % 32));
                if (CapSet(&header, data) != 0) throw new InvalidOperationException($"capset: errno {Marshal.GetLastPInvokeError()}");
                result = work();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return result;
    }
}
