using System.Diagnostics;
using Sniffer.Capture;

namespace Sniffer.Tests.Capture;

/// <summary>
/// kill -9 of `sniffer -i lo -w FILE` in the middle of a capture: the file must be readable up to the
/// last packet flushed (the writer flushes at least every second), with no damage reported. Runs the
/// real CLI in a private network namespace (root); skipped with the reason otherwise.
/// </summary>
public sealed class KillDuringWriteTests
{
    private static string CliDll => Path.Combine(TestPaths.RepoRoot, "Cli", "bin", "Release", "net10.0", "sniffer.dll");

    [SkippableFact]
    public void Kill_9_during_w_leaves_every_flushed_packet_readable()
    {
        string? why = NetworkNamespace.WhyUnavailable();
        Skip.If(why is not null, why);
        Skip.IfNot(File.Exists(CliDll), $"the CLI is not built ({CliDll})");
        using var ns = NetworkNamespace.Create();
        using var dir = new TempDirectory();
        string path = dir.File("killed.pcapng");
        var sniffer = ns.Start("dotnet", CliDll, "-i", "lo", "-w", path, "-q");
        // 20 datagrams a second for at most 30 s, on the namespace's own loopback.
        ns.Start("python3", "-c",
            "import socket,time\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n" +
            "for i in range(600):\n    s.sendto(b'x'*100,('127.0.0.1',9999)); time.sleep(0.05)");

        int beforeKill = 0;
        var waited = Stopwatch.StartNew();
        while (beforeKill < 20 && waited.Elapsed < TimeSpan.FromSeconds(60) && !sniffer.HasExited)
        {
            Thread.Sleep(200);
            beforeKill = CountFrames(path, out _);
        }
        if (sniffer.HasExited) Assert.Fail("sniffer ended by itself: " + sniffer.StandardError.ReadToEnd());
        Assert.True(beforeKill >= 20, $"only {beforeKill} packets flushed to {path} in {waited.Elapsed.TotalSeconds:F0} s");

        sniffer.Kill(); // SIGKILL: no finally, no flush, no closing blocks
        Assert.True(sniffer.WaitForExit(10_000), "sniffer still running after SIGKILL");
        int afterKill = CountFrames(path, out var error);
        Assert.True(afterKill >= beforeKill, $"{afterKill} packets readable after the kill, {beforeKill} before");
        Assert.True(error is null, $"damage reported after {afterKill} packets: {error}");
    }

    private static int CountFrames(string path, out CaptureError? error)
    {
        error = null;
        if (!File.Exists(path) || new FileInfo(path).Length == 0) return 0;
        try
        {
            using var reader = CaptureFile.Open(path);
            int n = 0;
            while (reader.TryRead(out _, out _)) n++;
            error = reader.Error;
            return n;
        }
        catch (CaptureOpenException)
        {
            return 0; // the section header is not flushed yet
        }
    }
}
