using Sniffer.Capture;

namespace Sniffer.Tests.Capture;

public sealed class PcapngFormatTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void InterfacesWithDifferentLinkTypesEachLabelTheirOwnPackets(bool bigEndian)
    {
        byte[] file = new PcapngBuilder(bigEndian, comment: "section note")
            .Interface(LinkType.Ethernet, 65535, name: "eth0", description: "wired", comment: "the wire")
            .Interface(LinkType.Raw, 128, name: "tun0", tsresol: 9)
            .Enhanced(0, 1_700_000_000_000_001, PcapBuilder.Payload(60))
            .Enhanced(1, 1_700_000_000_000_000_002, PcapBuilder.Payload(41, 3), originalLength: 1400, comment: "look here")
            .Enhanced(0, 1_700_000_000_000_003, PcapBuilder.Payload(1))
            .ToArray();

        using var reader = Frames.Open(file);
        var frames = Frames.ReadAll(reader);
        Assert.Null(reader.Error);
        Assert.Equal("pcapng", reader.Format);
        Assert.Equal(LinkType.Ethernet, reader.LinkType);

        Assert.Equal(3, frames.Count);
        Assert.Equal((LinkType.Ethernet, 0, 1_700_000_000_000_001_000L), (frames[0].Info.LinkType, frames[0].Info.InterfaceId, frames[0].Info.TimestampNs));
        Assert.Equal((LinkType.Raw, 1, 1_700_000_000_000_000_002L), (frames[1].Info.LinkType, frames[1].Info.InterfaceId, frames[1].Info.TimestampNs));
        Assert.Equal(LinkType.Ethernet, frames[2].Info.LinkType);
        Assert.Equal(PcapBuilder.Payload(41, 3), frames[1].Data);
        Assert.Equal((41, 1400), (frames[1].Info.CapturedLength, frames[1].Info.OriginalLength));
        Assert.Equal("look here", frames[1].Comment);
        Assert.Null(frames[0].Comment);
        Assert.Null(frames[2].Comment);

        Assert.Equal(
            [new CaptureInterface(LinkType.Ethernet, 65535, "eth0", "wired", 1_000_000), new CaptureInterface(LinkType.Raw, 128, "tun0", null, 1_000_000_000)],
            reader.Interfaces);
        Assert.Equal(["section note", "the wire", "look here"], reader.Comments);
    }

    [Fact]
    public void TimestampResolutionsAndOffsetsBecomeNanoseconds()
    {
        byte[] file = new PcapngBuilder()
            .Interface(LinkType.Ethernet, tsresol: 3, tsoffset: 100)            // milliseconds, 100 s offset
            .Interface(LinkType.Ethernet, tsresol: 0x80 | 10)                   // 1/1024 s
            .Interface(LinkType.Ethernet, tsresol: 12)                          // picoseconds
            .Interface(LinkType.Ethernet, tsresol: 0x80 | 32)                   // 1/2^32 s (NTP-style fraction)
            .Enhanced(0, 1_500, [1])
            .Enhanced(1, 3 * 1024 + 512, [1])
            .Enhanced(2, 1_234_567_891_234_567, [1])
            .Enhanced(3, (5UL << 32) | (1UL << 31), [1])
            .ToArray();

        using var reader = Frames.Open(file);
        var frames = Frames.ReadAll(reader);
        Assert.Equal(101_500_000_000L, frames[0].Info.TimestampNs);
        Assert.Equal(3_500_000_000L, frames[1].Info.TimestampNs);
        Assert.Equal(1_234_567_891_234L, frames[2].Info.TimestampNs);
        Assert.Equal(5_500_000_000L, frames[3].Info.TimestampNs);
        Assert.Equal([1_000L, 1_024L, 1_000_000_000_000L, 1L << 32], reader.Interfaces.Select(i => i.TimestampUnitsPerSecond));
    }

    [Fact]
    public void SimplePacketsUseTheFirstInterfaceAndItsSnapLength()
    {
        byte[] file = new PcapngBuilder()
            .Interface(LinkType.Ipv4, snapLength: 40)
            .Simple(100, PcapBuilder.Payload(40))
            .Simple(20, PcapBuilder.Payload(20, 9))
            .ToArray();

        using var reader = Frames.Open(file);
        var frames = Frames.ReadAll(reader);
        Assert.Null(reader.Error);
        Assert.Equal(2, frames.Count);
        Assert.Equal((40, 100, LinkType.Ipv4), (frames[0].Info.CapturedLength, frames[0].Info.OriginalLength, frames[0].Info.LinkType));
        Assert.Equal(PcapBuilder.Payload(40), frames[0].Data);
        Assert.Equal((20, 20), (frames[1].Info.CapturedLength, frames[1].Info.OriginalLength));
        Assert.Equal(PcapBuilder.Payload(20, 9), frames[1].Data);
    }

    [Fact]
    public void ObsoletePacketBlocksAreRead()
    {
        byte[] file = new PcapngBuilder()
            .Interface(LinkType.Ethernet)
            .Interface(LinkType.LinuxSll)
            .ObsoletePacket(1, 2_000_000, PcapBuilder.Payload(33), originalLength: 99)
            .ToArray();

        using var reader = Frames.Open(file);
        var frame = Assert.Single(Frames.ReadAll(reader));
        Assert.Equal(new FrameInfo(2_000_000_000, LinkType.LinuxSll, 33, 99, 1, frame.Info.FileOffset), frame.Info);
        Assert.Equal(PcapBuilder.Payload(33), frame.Data);
    }

    [Fact]
    public void BlocksWithoutPacketsAreSkippedByTheirLength()
    {
        var builder = new PcapngBuilder()
            .Interface(LinkType.Ethernet)
            .NameResolution()
            .Enhanced(0, 1, [1, 2, 3])
            .InterfaceStatistics(0)
            .DecryptionSecrets()
            .Custom()
            .Custom(0x40000BAD)
            .RawBlock(0x12345678, new byte[20])
            .RawBlock(0x80000001, [])
            .Enhanced(0, 2, [4, 5]);
        using var reader = Frames.Open(builder.ToArray());
        var frames = Frames.ReadAll(reader);
        Assert.Null(reader.Error);
        Assert.Equal([[1, 2, 3], [4, 5]], frames.Select(f => f.Data));
        Assert.Equal(builder.BlockOffsets[^1], frames[1].Info.FileOffset);
    }

    [Fact]
    public void SectionsRestartInterfaceNumberingAndMayChangeByteOrder()
    {
        byte[] file = new PcapngBuilder(bigEndian: false)
            .Interface(LinkType.Ethernet)
            .Enhanced(0, 1, [1])
            .Section(bigEndian: true, comment: "second")
            .Interface(LinkType.LinuxSll2)
            .Interface(LinkType.Null)
            .Enhanced(1, 2, [2])
            .Enhanced(0, 3, [3])
            .ToArray();

        using var reader = Frames.Open(file);
        var frames = Frames.ReadAll(reader);
        Assert.Null(reader.Error);
        Assert.Equal(
            [(LinkType.Ethernet, 0, 1_000L), (LinkType.Null, 2, 2_000L), (LinkType.LinuxSll2, 1, 3_000L)],
            frames.Select(f => (f.Info.LinkType, f.Info.InterfaceId, f.Info.TimestampNs)));
        Assert.Equal(3, reader.Interfaces.Count);
        Assert.Equal(["second"], reader.Comments);
    }

    [Fact]
    public void LinkTypeIsKnownBeforeTheFirstRead()
    {
        using var reader = Frames.Open(new PcapngBuilder().NameResolution().Interface(LinkType.Ipv6).Enhanced(0, 1, [6]).ToArray());
        Assert.Equal(LinkType.Ipv6, reader.LinkType);
        Assert.Single(reader.Interfaces);
    }

    [Fact]
    public void FileWithNoInterfacesReportsLinkTypeMinusOne()
    {
        using var reader = Frames.Open(new PcapngBuilder().ToArray());
        Assert.Equal(-1, reader.LinkType);
        Assert.False(reader.TryRead(out _, out _));
        Assert.Null(reader.Error);
    }
}
