using Sniffer.Capture;

namespace Sniffer.Tests.Capture;

public sealed class PcapFormatTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void ReadsBothByteOrdersAndBothResolutions(bool bigEndian, bool nanoseconds)
    {
        byte[] file = new PcapBuilder(bigEndian, nanoseconds, linkTypeField: 113, snapLength: 96)
            .Packet(1_700_000_000, 123_456, PcapBuilder.Payload(60))
            .Packet(4_294_967_295, 999_999, PcapBuilder.Payload(96, 7), originalLength: 1514)
            .ToArray();

        using var reader = Frames.Open(file);
        var frames = Frames.ReadAll(reader);

        Assert.Equal("pcap", reader.Format);
        Assert.Equal(LinkType.LinuxSll, reader.LinkType);
        long unit = nanoseconds ? 1 : 1000;
        Assert.Equal(2, frames.Count);
        Assert.Equal(1_700_000_000L * 1_000_000_000 + 123_456 * unit, frames[0].Info.TimestampNs);
        Assert.Equal(4_294_967_295L * 1_000_000_000 + 999_999 * unit, frames[1].Info.TimestampNs);   // unsigned seconds: year 2106
        Assert.Equal(PcapBuilder.Payload(60), frames[0].Data);
        Assert.False(frames[0].Info.IsTruncated);
        Assert.Equal(24L, frames[0].Info.FileOffset);
        Assert.Equal(24L + 16 + 60, frames[1].Info.FileOffset);
        Assert.True(frames[1].Info.IsTruncated);
        Assert.Equal(96, frames[1].Info.CapturedLength);
        Assert.Equal(1514, frames[1].Info.OriginalLength);
        Assert.Null(reader.Error);

        var nic = Assert.Single(reader.Interfaces);
        Assert.Equal(new CaptureInterface(LinkType.LinuxSll, 96, null, null, nanoseconds ? 1_000_000_000 : 1_000_000), nic);
    }

    [Fact]
    public void FcsBitsInTheLinkTypeFieldAreMaskedOff()
    {
        // Bits 28-31 give an FCS length (here 4 bytes) and bit 26 says it is present; only the low 16 bits are the link type.
        uint linkTypeField = (4u << 28) | (1u << 26) | LinkType.Ethernet;
        using var reader = Frames.Open(new PcapBuilder(linkTypeField: linkTypeField).Packet(1, 2, PcapBuilder.Payload(64)).ToArray());
        Assert.Equal(LinkType.Ethernet, reader.LinkType);
        Assert.True(reader.TryRead(out var info, out _));
        Assert.Equal(LinkType.Ethernet, info.LinkType);
    }

    [Fact]
    public void EmptyPcapIsACleanEnd()
    {
        using var reader = Frames.Open(new PcapBuilder().ToArray());
        Assert.False(reader.TryRead(out _, out _));
        Assert.Null(reader.Error);
    }

    [Fact]
    public void CapturedLengthUpToTsharksMaximumIsAccepted()
    {
        byte[] big = PcapBuilder.Payload(262_144);
        using var reader = Frames.Open(new PcapBuilder(snapLength: 262_144).Packet(1, 0, big).Packet(2, 0, [1, 2, 3]).ToArray(), windowBytes: 4096);
        var frames = Frames.ReadAll(reader);
        Assert.Equal(2, frames.Count);
        Assert.Equal(big, frames[0].Data);
        Assert.Null(reader.Error);
    }

    [Fact]
    public void CapturedLengthAboveSnapLengthIsToleratedLikeTshark()
    {
        using var reader = Frames.Open(new PcapBuilder(snapLength: 64).Packet(1, 0, PcapBuilder.Payload(100)).ToArray());
        Assert.Single(Frames.ReadAll(reader));
        Assert.Null(reader.Error);
    }
}
