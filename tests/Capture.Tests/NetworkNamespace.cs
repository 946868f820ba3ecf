using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Sniffer.Tests.Capture;

/// <summary>
/// A throwaway network namespace for live tests, deleted on Dispose with everything started in it.
///
/// Code runs "inside" it on a dedicated thread that calls setns(2): a network namespace is a
/// per-thread attribute on Linux, and sockets keep the namespace they were created in. So a pcap
/// handle opened on that thread captures the namespace's "lo", while SharpPcap's capture thread
/// (any thread) can read from it. Child processes go through `ip netns exec`.
/// </summary>
internal sealed partial class NetworkNamespace : IDisposable
{
    private const int CloneNewNet = 0x40000000;
    private readonly List<Process> _processes = [];

    public string Name { get; }

    private NetworkNamespace(string name) => Name = name;

    public static string? WhyUnavailable()
    {
        if (!OperatingSystem.IsLinux()) return "network namespaces are Linux-only";
        if (Environment.UserName != "root" && geteuid() != 0) return "live capture tests need root (create a netns, open a raw socket)";
        foreach (var tool in new[] { "ip", "curl", "python3" })
            if (ExternalTool.Find(tool) is null) return $"'{tool}' is not installed";
        return null;
    }

    public static NetworkNamespace Create()
    {
        var ns = new NetworkNamespace($"sniffer-test-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}");
        Run("ip", "netns", "add", ns.Name);
        try
        {
            Run("ip", "-n", ns.Name, "link", "set", "lo", "up");
        }
        catch
        {
            ns.Dispose();
            throw;
        }
        return ns;
    }

    /// <summary>Runs <paramref name="work"/> on a fresh thread that has entered this namespace.</summary>
    public T RunInside<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle($"/run/netns/{Name}");
                if (setns((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                    throw new InvalidOperationException($"setns failed: errno {Marshal.GetLastPInvokeError()}");
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

    /// <summary>Starts a long-running process inside; it is killed on Dispose.</summary>
    public Process Start(string program, params string[] arguments)
    {
        var process = Process.Start(ExecInfo(program, arguments))!;
        _processes.Add(process);
        return process;
    }

    /// <summary>Runs a command inside and returns its standard output.</summary>
    public string Exec(string program, params string[] arguments)
    {
        using var process = Process.Start(ExecInfo(program, arguments))!;
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(10_000)) { process.Kill(true); throw new TimeoutException($"{program} did not finish"); }
        return output;
    }

    public void WaitForTcpPort(int port)
    {
        var deadline = Stopwatch.StartNew();
        while (!RunInside(() => CanConnect(port)))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException($"nothing listens on port {port} in {Name}");
            Thread.Sleep(50);
        }
    }

    private static bool CanConnect(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private ProcessStartInfo ExecInfo(string program, string[] arguments)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["netns", "exec", Name, program, .. arguments]) info.ArgumentList.Add(argument);
        return info;
    }

    public static void Run(string program, params string[] arguments)
    {
        var (exit, _, errors) = ExternalTool.Execute(program, arguments);
        if (exit != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)}: {errors}");
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            try { if (!process.HasExited) { process.Kill(entireProcessTree: true); process.WaitForExit(5000); } }
            catch (InvalidOperationException) { }
            process.Dispose();
        }
        ExternalTool.Execute("ip", "netns", "del", Name);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setns(int fd, int nstype);

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
