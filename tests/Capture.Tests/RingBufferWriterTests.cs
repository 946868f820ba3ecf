using System.Text.RegularExpressions;
using Sniffer.Capture;

namespace Sniffer.Tests.Capture;

public sealed class RingBufferWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sniffer-ring-").FullName;
    private static readonly CaptureInterface Eth0 = new(LinkType.Ethernet, 65535, "eth0", null, 1_000_000_000);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Switches_on_size_keeps_newest_files_and_uses_tshark_names()
    {
        var ring = RingBufferOptions.Parse(["filesize:1", "files:3"]);          // 1 kB = 1000 bytes
        var clock = new DateTime(2026, 11, 25, 4, 52, 19);
        using var writer = new RingBufferWriter(Path.Combine(_directory, "out.pcapng"), CaptureFileFormat.Pcapng, [Eth0], ring,
            localClock: () => clock);
        var frame = TestFrames.Udp(200);                                          // ~270 bytes per EPB
        for (int i = 0; i < 30; i++) writer.Write(TestFrames.Info(i, frame), frame);
        writer.Close();

        string[] names = Directory.GetFiles(_directory).Select(Path.GetFileName).Order().ToArray()!;
        Assert.Equal(3, names.Length);
        Assert.All(names, n => Assert.Matches(new Regex(@"^out_\d{5}_20261125045219\.pcapng$"), n));
        Assert.Equal(writer.Files.Select(Path.GetFileName), names);
        int[] sequence = names.Select(n => int.Parse(n.Substring(4, 5))).ToArray();
        Assert.Equal(Enumerable.Range(sequence[0], 3), sequence);                 // the newest three, in order
        Assert.True(sequence[^1] >= 7, $"30 frames of ~270 bytes should fill at least 7 files, got {sequence[^1]}");
        Assert.Equal(30, writer.FramesWritten);
        Assert.All(Directory.GetFiles(_directory).Order().SkipLast(1), f => Assert.InRange(new FileInfo(f).Length, 1000, 1500));
    }

    [SkippableFact]
    public void Every_ring_file_is_a_complete_capture()
    {
        ExternalTool.SkipUnlessInstalled("capinfos");
        var ring = RingBufferOptions.Parse(["filesize:2"]);
        using (var writer = new RingBufferWriter(Path.Combine(_directory, "ring.pcapng"), CaptureFileFormat.Pcapng, [Eth0], ring))
        {
            var frame = TestFrames.Udp(500);
            for (int i = 0; i < 10; i++) writer.Write(TestFrames.Info(i, frame), frame);
        }
        var files = Directory.GetFiles(_directory).Order().ToArray();
        Assert.True(files.Length >= 3);
        int total = 0;
        foreach (var file in files)
        {
            var (exit, output, errors) = ExternalTool.Execute("capinfos", "-c", "-M", file);
            Assert.True(exit == 0, errors);
            total += int.Parse(Regex.Match(output, @"Number of packets:\s+(\d+)").Groups[1].Value);
        }
        Assert.Equal(10, total);
    }

    [Theory]
    [InlineData("filesize:0")]
    [InlineData("files:x")]
    [InlineData("colour:red")]
    public void Bad_options_explain_themselves(string argument)
    {
        var error = Assert.Throws<FormatException>(() => RingBufferOptions.Parse([argument]));
        Assert.Contains(argument, error.Message);
    }
}
