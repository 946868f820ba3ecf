using Sniffer.Capture;

namespace Sniffer.Tests.Capture;

/// <summary>Reading packets in steady state must not allocate: the hot path hands out spans over one reused buffer.</summary>
public sealed class AllocationTests
{
    private const int PacketCount = 60_000;   // ~6 MB: several refills of the 1 MiB window

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void SteadyStateReadingAllocatesNothing(bool pcapng, bool bigEndian)
    {
        using var temp = new TempDirectory();
        string path = temp.Write("many.cap", pcapng ? ManyPcapngPackets(bigEndian) : ManyPcapPackets(bigEndian));

        // Steady state means after the JIT has settled: tiered PGO's instrumented code allocates its own
        // probe tables on the reading thread during the first passes, which is not the reader's doing.
        long allocated = long.MaxValue;
        for (int pass = 0; pass < 4 && allocated != 0; pass++)
        {
            if (pass > 0) Thread.Sleep(250);
            allocated = AllocatedWhileReading(path);
        }
        Assert.True(allocated == 0, $"allocated {allocated} bytes over {PacketCount} packets");
    }

    private static long AllocatedWhileReading(string path)
    {
        using var reader = CaptureFile.Open(path);
        long checksum = 0;
        int read = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        while (reader.TryRead(out var info, out var data))
        {
            checksum += info.TimestampNs + data[^1];
            read++;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(PacketCount, read);
        Assert.Null(reader.Error);
        GC.KeepAlive(checksum);
        return allocated;
    }

    private static byte[] ManyPcapPackets(bool bigEndian)
    {
        var builder = new PcapBuilder(bigEndian);
        for (int i = 0; i < PacketCount; i++)
            builder.Packet((uint)i, (uint)(i % 1_000_000), PcapBuilder.Payload(60 + i % 60, (byte)i));
        return builder.ToArray();
    }

    private static byte[] ManyPcapngPackets(bool bigEndian)
    {
        var builder = new PcapngBuilder(bigEndian).Interface(LinkType.Ethernet).Interface(LinkType.Raw, tsresol: 9);
        for (int i = 0; i < PacketCount; i++)
            builder.Enhanced((uint)(i % 2), (ulong)i * 1000, PcapBuilder.Payload(60 + i % 60, (byte)i));
        return builder.ToArray();
    }
}
