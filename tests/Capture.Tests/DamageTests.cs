using Sniffer.Capture;

namespace Sniffer.Tests.Capture;

/// <summary>Damaged files stop at the damage with an error that says where and why; nothing throws, nothing balloons.</summary>
public sealed class DamageTests
{
    private const long AllocationBudget = 4 * 1024 * 1024;   // the 1 MiB window plus slack; far below any bogus length

    [Theory]
    [InlineData(0xFFFFFFF0u)]
    [InlineData(0x7FFFFFFFu)]
    [InlineData(262_145u)]
    public void PcapPacketWithAbsurdCapturedLengthIsDamage(uint capturedLength)
    {
        byte[] file = new PcapBuilder()
            .Packet(1, 0, [1, 2, 3])
            .Packet(2, 0, PcapBuilder.Payload(50), capturedLengthField: capturedLength)
            .ToArray();

        var (frames, error) = ReadWithinBudget(file);
        Assert.Single(frames);
        Assert.NotNull(error);
        Assert.Equal(24L + 16 + 3, error.Offset);
        Assert.Contains($"claims {capturedLength} captured bytes", error.Message);
    }

    [Theory]
    [InlineData(0xFFFFFFFCu, "claims length 4294967292, which is impossible")]
    [InlineData(0x7FFFFFF0u, "claims length 2147483632, which is impossible")]
    [InlineData(34u, "claims length 34, which is impossible")]        // not a multiple of 4
    [InlineData(16u, "claims length 16, which is impossible")]        // shorter than an enhanced packet block can be
    [InlineData(0u, "claims length 0, which is impossible")]
    public void PcapngBlockWithImpossibleLengthIsDamage(uint length, string message)
    {
        var builder = new PcapngBuilder().Interface(LinkType.Ethernet).Enhanced(0, 1, [1]);
        builder.RawBlock(6, new byte[40], leadingLength: length);
        builder.Enhanced(0, 2, [2]);

        var (frames, error) = ReadWithinBudget(builder.ToArray());
        Assert.Single(frames);
        Assert.NotNull(error);
        Assert.Equal(builder.BlockOffsets[3], error.Offset);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void SkippedBlockLongerThanTheFileIsCutShort()
    {
        var builder = new PcapngBuilder().Interface(LinkType.Ethernet);
        builder.RawBlock(0x12345678, new byte[8], leadingLength: 100 * 1024 * 1024);
        var (frames, error) = ReadWithinBudget(builder.ToArray());
        Assert.Empty(frames);
        Assert.Equal(builder.BlockOffsets[2], error!.Offset);
        Assert.Contains("cut short", error.Message);
    }

    [Fact]
    public void SkippedBlockBeyondAnySaneSizeIsImpossible()
    {
        var builder = new PcapngBuilder().Interface(LinkType.Ethernet);
        builder.RawBlock(0x12345678, new byte[8], leadingLength: 0xF0000000);
        var (_, error) = ReadWithinBudget(builder.ToArray());
        Assert.Contains("claims length 4026531840, which is impossible", error!.Message);
    }

    [Fact]
    public void MismatchedTrailingLengthIsDamage()
    {
        var builder = new PcapngBuilder().Interface(LinkType.Ethernet);
        builder.RawBlock(6, new byte[20], trailingLength: 36);
        var (_, error) = ReadWithinBudget(builder.ToArray());
        Assert.Equal(builder.BlockOffsets[2], error!.Offset);
        Assert.Contains("length fields disagree (32 at the start, 36 at the end)", error.Message);
    }

    [Fact]
    public void CapturedLengthBeyondItsBlockIsDamage()
    {
        var builder = new PcapngBuilder().Interface(LinkType.Ethernet);
        builder.Enhanced(0, 1, new byte[8], capturedLengthField: 4000);
        var (_, error) = ReadWithinBudget(builder.ToArray());
        Assert.Contains("claims 4000 captured bytes, but its block only has room for 8", error!.Message);
    }

    [Fact]
    public void PacketOnAnUndescribedInterfaceIsDamage()
    {
        var builder = new PcapngBuilder().Interface(LinkType.Ethernet).Enhanced(3, 1, [1]);
        var (_, error) = ReadWithinBudget(builder.ToArray());
        Assert.Equal(builder.BlockOffsets[2], error!.Offset);
        Assert.Contains("refers to interface 3, but only 1 interface(s)", error.Message);
    }

    [Fact]
    public void SimplePacketBeforeAnyInterfaceIsDamage()
    {
        var (_, error) = ReadWithinBudget(new PcapngBuilder().Simple(4, [1, 2, 3, 4]).ToArray());
        Assert.Contains("before any interface", error!.Message);
    }

    [Fact]
    public void ImpossibleTimestampResolutionIsDamage()
    {
        var (_, error) = ReadWithinBudget(new PcapngBuilder().Interface(LinkType.Ethernet, tsresol: 0x7F).Enhanced(0, 1, [1]).ToArray());
        Assert.Contains("if_tsresol 0x7f", error!.Message);
    }

    [Fact]
    public void LaterSectionWithUnknownByteOrderMarkIsDamage()
    {
        var builder = new PcapngBuilder().Interface(LinkType.Ethernet).Enhanced(0, 1, [1]);
        builder.RawBlock(0x0A0D0D0A, [1, 2, 3, 4, 1, 0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255]);
        var (frames, error) = ReadWithinBudget(builder.ToArray());
        Assert.Single(frames);
        Assert.Equal(builder.BlockOffsets[3], error!.Offset);
        Assert.Contains("byte-order mark", error.Message);
    }

    [Fact]
    public void ReadsAfterDamageKeepFailingWithTheSameError()
    {
        using var reader = Frames.Open(new PcapBuilder().Packet(1, 0, [1], capturedLengthField: 0xFFFFFFFF).ToArray());
        Assert.False(reader.TryRead(out _, out _));
        var first = reader.Error;
        Assert.False(reader.TryRead(out _, out _));
        Assert.Same(first, reader.Error);
        Assert.Equal("test.bin: a packet claims 4294967295 captured bytes, more than the maximum of 262144; the file is probably damaged (at byte offset 24)", first!.ToString());
    }

    [CorpusTheory]
    [InlineData("tcpdump__babel.pcap")]
    [InlineData("ppa__http_google.pcapng")]
    [InlineData("tcpdump__OSPFv2_Capture_FINAL.pcapng")]
    public void RandomlyCorruptedCapturesNeverThrowAndStayWithinMemory(string file)
    {
        byte[] whole = File.ReadAllBytes(CorpusLocator.PathOf(file));
        var random = new Random(12345);
        for (int round = 0; round < 1500; round++)
        {
            byte[] damaged = (byte[])whole.Clone();
            int flips = 1 + random.Next(4);
            for (int i = 0; i < flips; i++)
            {
                int at = random.Next(damaged.Length);
                damaged[at] = random.Next(3) == 0 ? (byte)0xFF : (byte)random.Next(256);
            }
            try
            {
                ReadWithinBudget(damaged);
            }
            catch (CaptureOpenException)
            {
                // a damaged file header is reported at open time; that is the contract
            }
        }
    }

    private static (List<ReadFrame> Frames, CaptureError? Error) ReadWithinBudget(byte[] file)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        using var reader = Frames.Open(file);
        int count = 0;
        var frames = new List<ReadFrame>();
        while (reader.TryRead(out var info, out var data))
        {
            if (++count <= 16) frames.Add(new ReadFrame(info, data.ToArray(), null));
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < AllocationBudget + file.Length, $"reading allocated {allocated} bytes");
        Assert.False(reader.TryRead(out _, out _));
        return (count <= 16 ? frames : frames, reader.Error);
    }
}
