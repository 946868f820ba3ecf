using System.Diagnostics;
using Sniffer.Capture;

namespace Sniffer.Tests.Capture;

/// <summary>
/// Capture without root, as the README's "Capturing without root" says: the CLI's apphost copied out
/// of the build (the same framework-dependent apphost `dotnet publish Cli` makes), given
/// cap_net_raw,cap_net_admin=eip with setcap, run as user nobody in a private network namespace.
/// Without the capabilities the same binary must refuse with the message that says how to fix it, and
/// reading a capture must need no capability at all. Needs root (to setcap, create the namespace and
/// switch user) and libcap2-bin; skipped with the reason otherwise.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LeastPrivilegeTests
{
    private const string User = "nobody";
    private const int Packets = 5;
    private static string CliOutput => Path.Combine(TestPaths.RepoRoot, "Cli", "bin", "Release", "net10.0");

    [SkippableFact]
    public void Apphost_with_file_capabilities_captures_as_nobody_and_refuses_helpfully_without_them()
    {
        string? why = NetworkNamespace.WhyUnavailable();
        Skip.If(why is not null, why);
        foreach (var tool in new[] { "setcap", "getcap", "runuser" })
            Skip.If(ExternalTool.Find(tool) is null, $"'{tool}' is not installed (apt-get install libcap2-bin util-linux)");
        Skip.IfNot(File.Exists(Path.Combine(CliOutput, "sniffer")), $"the CLI apphost is not built ({CliOutput}/sniffer)");
        Skip.If(ExternalTool.Execute("id", User).ExitCode != 0, $"there is no user '{User}' to run as");

        using var dir = NobodyReadableDirectory.Create();
        Skip.If(dir is null, "no temp directory that user nobody can traverse (/tmp missing or not world-searchable)");
        string app = Path.Combine(dir!.Path, "app");
        CopyDirectory(CliOutput, app);
        string apphost = Path.Combine(app, "sniffer");
        string output = Path.Combine(dir.Path, "out");
        Directory.CreateDirectory(output);
        // nobody writes the capture here; everything else stays root's and read-only to others.
        File.SetUnixFileMode(output, (UnixFileMode)Convert.ToInt32("1777", 8));
        string capture = Path.Combine(output, "lo.pcapng");

        using var ns = NetworkNamespace.Create();

        // 1. No capabilities: refused, exit code != 0, and the message says what to do.
        var refused = RunAsNobody(ns, apphost, "-i", "lo", "-c", "1", "-w", capture);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("permission to capture on 'lo'", refused.Errors);
        Assert.Contains($"sudo setcap cap_net_raw,cap_net_admin=eip {apphost}", refused.Errors);
        Assert.Contains("Run as root", refused.Errors);
        Assert.False(File.Exists(capture) && new FileInfo(capture).Length > 0, "a refused capture wrote packets");

        // 2. With the capabilities (the README's command): captures on the namespace's loopback.
        var setcap = ExternalTool.Execute("setcap", "cap_net_raw,cap_net_admin=eip", apphost);
        Skip.If(setcap.ExitCode != 0, $"setcap failed here (file system without security xattrs?): {setcap.Errors.Trim()}");
        Skip.If(IsMountedNosuid(apphost), $"{dir.Path} is mounted nosuid: the kernel ignores file capabilities there");
        Assert.Contains("cap_net_admin,cap_net_raw=eip", ExternalTool.Run("getcap", apphost));
        // 20 datagrams a second for at most 30 s, so that -c has packets whenever the capture opens.
        ns.Start("python3", "-c",
            "import socket,time\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n" +
            "for i in range(600):\n    s.sendto(b'least-privilege',('127.0.0.1',9999)); time.sleep(0.05)");
        var captured = RunAsNobody(ns, apphost, "-i", "lo", "-c", Packets.ToString(), "-w", capture);
        Assert.True(captured.ExitCode == 0, $"capture as nobody with capabilities failed ({captured.ExitCode}): {captured.Errors}");
        Assert.Contains($"{Packets} packets captured", captured.Errors);
        Assert.Equal(Packets, CountFrames(capture, out int datagrams));
        Assert.True(datagrams > 0, "none of the captured packets is one of the datagrams sent on lo");
        Assert.Equal(User, ExternalTool.Run("stat", "-c", "%U", capture).Trim());

        // 3. Reading needs nothing: the capabilities removed, nobody reads the file it wrote.
        ExternalTool.Run("setcap", "-r", apphost);
        Assert.Equal("", ExternalTool.Run("getcap", apphost).Trim());
        var read = RunAsNobody(ns, apphost, "-r", capture);
        Assert.True(read.ExitCode == 0, $"reading as nobody failed ({read.ExitCode}): {read.Errors}");
        Assert.Contains("9999", read.Output);
        Assert.Equal(Packets, read.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static (int ExitCode, string Output, string Errors) RunAsNobody(NetworkNamespace ns, string program, params string[] arguments)
    {
        var process = ns.Start("runuser", ["-u", User, "--", program, .. arguments]);
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        // Bounded: -c N ends as soon as N packets came (20 a second are sent); 60 s is far past that.
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', arguments)} as {User} did not finish in 60 s");
        }
        process.WaitForExit();
        return (process.ExitCode, output.Result, errors.Result);
    }

    private static int CountFrames(string path, out int datagrams)
    {
        datagrams = 0;
        using var reader = CaptureFile.Open(path);
        int n = 0;
        byte[] marker = "least-privilege"u8.ToArray();
        while (reader.TryRead(out _, out var data))
        {
            n++;
            if (data.IndexOf(marker) >= 0) datagrams++;
        }
        Assert.Null(reader.Error);
        return n;
    }

    private static bool IsMountedNosuid(string path)
    {
        var (exit, options, _) = ExternalTool.Execute("findmnt", "-no", "OPTIONS", "-T", path);
        return exit == 0 && options.Split(',').Any(o => o.Trim() == "nosuid");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var sub in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, sub)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    /// <summary>
    /// A scratch directory under /tmp (not $TMPDIR, which may sit in root's 0700 home) with every
    /// ancestor searchable by others, so that nobody reaches the apphost and the output folder.
    /// </summary>
    private sealed class NobodyReadableDirectory : IDisposable
    {
        public string Path { get; }

        private NobodyReadableDirectory(string path) => Path = path;

        public static NobodyReadableDirectory? Create()
        {
            const string root = "/tmp";
            if (!Directory.Exists(root) || (File.GetUnixFileMode(root) & UnixFileMode.OtherExecute) == 0) return null;
            string path = System.IO.Path.Combine(root, "sniffer-least-privilege-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(path);
            File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32("755", 8));
            return new NobodyReadableDirectory(path);
        }

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
