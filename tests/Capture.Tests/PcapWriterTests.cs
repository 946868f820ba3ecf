using System.Buffers.Binary;
using Sniffer.Capture;

namespace Sniffer.Tests.Capture;

public sealed class PcapWriterTests : IDisposable
{
    private readonly string _path = TestFrames.TempPath(".pcap");
    private static readonly CaptureInterface Eth0 = new(LinkType.Ethernet, 65535, "eth0", null, 1_000_000);

    public void Dispose() => File.Delete(_path);

    private void WriteTwoFrames(bool nanoseconds)
    {
        using var writer = new PcapWriter(_path, Eth0, new CaptureWriterOptions { PcapNanosecond = nanoseconds });
        for (int i = 0; i < 2; i++)
        {
            var frame = TestFrames.Udp(3 + i);
            writer.Write(TestFrames.Info(i, frame), frame);
        }
    }

    [Theory]
    [InlineData(false, 0xA1B2C3D4u)]
    [InlineData(true, 0xA1B23C4Du)]
    public void Magic_tells_the_timestamp_unit(bool nanoseconds, uint magic)
    {
        WriteTwoFrames(nanoseconds);
        byte[] file = File.ReadAllBytes(_path);
        Assert.Equal(magic, BinaryPrimitives.ReadUInt32LittleEndian(file));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(20)));          // linktype
        Assert.Equal(nanoseconds ? 123_456_789u : 123_456u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(28)));
    }

    [SkippableTheory]
    [InlineData(false, "1700000000.123456000")]
    [InlineData(true, "1700000000.123456789")]
    public void Tshark_reads_timestamps_at_the_written_precision(bool nanoseconds, string firstTime)
    {
        ExternalTool.SkipUnlessInstalled("tshark");
        WriteTwoFrames(nanoseconds);
        var (exit, output, errors) = ExternalTool.Execute("tshark", "-r", _path, "-T", "fields", "-e", "frame.time_epoch", "-e", "udp.length");
        Assert.True(exit == 0, errors);
        Assert.Equal($"{firstTime}\t11", output.Trim().Split('\n')[0]);
    }

    [SkippableFact]
    public void Capinfos_sees_pcap_with_two_packets()
    {
        ExternalTool.SkipUnlessInstalled("capinfos");
        WriteTwoFrames(nanoseconds: false);
        var (exit, output, errors) = ExternalTool.Execute("capinfos", "-t", "-c", "-E", _path);
        Assert.True(exit == 0, errors);
        Assert.Contains("pcap", output);
        Assert.DoesNotContain("pcapng", output);
        Assert.Matches(@"Number of packets:\s+2\b", output);
        Assert.Contains("Ethernet", output);
    }

    [Fact]
    public void A_second_link_type_is_refused_with_a_hint()
    {
        using var writer = new PcapWriter(_path, Eth0);
        var frame = TestFrames.Udp(1);
        var sll = TestFrames.Info(0, frame) with { LinkType = LinkType.LinuxSll };
        var error = Assert.Throws<InvalidOperationException>(() => writer.Write(sll, frame));
        Assert.Contains("pcapng", error.Message);
    }
}
