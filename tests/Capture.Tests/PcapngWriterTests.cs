using System.Buffers.Binary;
using Sniffer.Capture;

namespace Sniffer.Tests.Capture;

public sealed class PcapngWriterTests : IDisposable
{
    private readonly string _path = TestFrames.TempPath(".pcapng");

    public void Dispose() => File.Delete(_path);

    private static readonly CaptureInterface Eth0 = new(LinkType.Ethernet, 262144, "eth0", "test interface", 1_000_000_000);
    private static readonly CaptureInterface Lo = new(LinkType.Ethernet, 65535, "lo", null, 1_000_000_000);

    private void WriteThreeFrames(IReadOnlyList<InterfaceStatistics>? statistics = null)
    {
        using var writer = new PcapngWriter(_path, [Eth0, Lo]);
        int[] sizes = [1, 2, 3];   // payload lengths that need 3, 2 and 1 bytes of padding
        for (int i = 0; i < sizes.Length; i++)
        {
            var frame = TestFrames.Udp(sizes[i]);
            writer.Write(TestFrames.Info(i, frame, interfaceId: i % 2), frame);
        }
        writer.Close(statistics);
    }

    [Fact]
    public void Blocks_are_32_bit_aligned_and_lengths_match_trailers()
    {
        WriteThreeFrames([new InterfaceStatistics(0, 1, 2, 10, 1, 2, 3)]);
        byte[] file = File.ReadAllBytes(_path);
        var types = new List<uint>();
        for (int offset = 0; offset < file.Length;)
        {
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset));
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 4));
            Assert.Equal(0, length % 4);
            Assert.Equal((uint)length, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + length - 4)));
            types.Add(type);
            offset += length;
        }
        Assert.Equal([0x0A0D0D0Au, 1, 1, 6, 6, 6, 5], types);
    }

    [Fact]
    public void Epb_stores_nanosecond_timestamp_and_original_length()
    {
        var frame = TestFrames.Udp(10);
        using (var writer = new PcapngWriter(_path, [Eth0]))
            writer.Write(TestFrames.Info(0, frame[..40], originalLength: frame.Length), frame[..40]);
        byte[] file = File.ReadAllBytes(_path);
        int epb = FindBlock(file, 6);
        ulong ts = (ulong)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(epb + 12)) << 32
                 | BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(epb + 16));
        Assert.Equal((ulong)TestFrames.BaseTimeNs, ts);
        Assert.Equal(40u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(epb + 20)));
        Assert.Equal((uint)frame.Length, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(epb + 24)));
    }

    [SkippableFact]
    public void Capinfos_reads_format_count_interfaces_and_application()
    {
        ExternalTool.SkipUnlessInstalled("capinfos");
        WriteThreeFrames();
        var (exit, output, errors) = ExternalTool.Execute("capinfos", "-M", _path);
        Assert.True(exit == 0, errors);
        Assert.Contains("pcapng", output);
        Assert.Matches(@"Number of packets:\s+3\b", output);
        Assert.Contains("nanoseconds", output);
        Assert.Contains("Sniffer", output);              // shb_userappl
        Assert.Contains("Name = eth0", output);           // if_name
        Assert.Contains("Name = lo", output);
        Assert.Contains("Capture length = 262144", output);
    }

    [SkippableFact]
    public void Tshark_decodes_frames_with_exact_timestamps_and_interfaces()
    {
        ExternalTool.SkipUnlessInstalled("tshark");
        WriteThreeFrames();
        var (exit, output, errors) = ExternalTool.Execute("tshark", "-r", _path, "-T", "fields",
            "-e", "frame.time_epoch", "-e", "frame.interface_name", "-e", "udp.dstport", "-e", "frame.len");
        Assert.True(exit == 0, errors);
        string[] lines = output.Trim().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("1700000000.123456789\teth0\t9999\t43", lines[0]);
        Assert.Equal("1700000000.124456790\tlo\t9999\t44", lines[1]);
        Assert.Equal("1700000000.125456791\teth0\t9999\t45", lines[2]);
    }

    [SkippableFact]
    public void Statistics_block_is_accepted_by_tshark_and_holds_the_counters()
    {
        ExternalTool.SkipUnlessInstalled("tshark");
        long start = TestFrames.BaseTimeNs, end = TestFrames.BaseTimeNs + 5_000_000_000;
        WriteThreeFrames([new InterfaceStatistics(0, start, end, Received: 7, InterfaceDropped: 1, OsDropped: 2, Delivered: 3)]);

        // tshark 4.0 has no view of ISB counters; what it can tell us is that the block does not upset it.
        var (exit, output, errors) = ExternalTool.Execute("tshark", "-r", _path, "-T", "fields", "-e", "frame.number");
        Assert.True(exit == 0, errors);
        Assert.Equal("1\n2\n3", output.Trim());
        Assert.DoesNotContain("damaged", errors);

        byte[] file = File.ReadAllBytes(_path);
        int isb = FindBlock(file, 5);
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(isb + 8)));     // interface id
        // options start after id + timestamp: starttime(2), endtime(3), ifrecv(4), ifdrop(5), osdrop(7), usrdeliv(8)
        var options = ReadOptions(file.AsSpan(isb + 20, (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(isb + 4)) - 24));
        Assert.Equal([2, 3, 4, 5, 7, 8, 0], options.Select(o => (int)o.Code));
        Assert.Equal(7ul, BinaryPrimitives.ReadUInt64LittleEndian(options[2].Value));
        Assert.Equal(2ul, BinaryPrimitives.ReadUInt64LittleEndian(options[4].Value));
        Assert.Equal((uint)(end >> 32), BinaryPrimitives.ReadUInt32LittleEndian(options[1].Value));
    }

    private static List<(ushort Code, byte[] Value)> ReadOptions(ReadOnlySpan<byte> span)
    {
        var list = new List<(ushort, byte[])>();
        while (span.Length >= 4)
        {
            ushort code = BinaryPrimitives.ReadUInt16LittleEndian(span);
            int length = BinaryPrimitives.ReadUInt16LittleEndian(span[2..]);
            list.Add((code, span.Slice(4, length).ToArray()));
            if (code == 0) break;
            span = span[(4 + (length + 3) / 4 * 4)..];
        }
        return list;
    }

    [Fact]
    public void Killed_writer_leaves_a_readable_prefix_after_the_flush_interval()
    {
        var options = new CaptureWriterOptions { FlushInterval = TimeSpan.Zero };
        var writer = new PcapngWriter(_path, [Eth0], options);
        var frame = TestFrames.Udp(5);
        writer.Write(TestFrames.Info(0, frame), frame);
        // No Close: what a kill -9 would leave. The file must already hold the SHB, IDB and EPB.
        long length = new FileInfo(_path).Length;
        Assert.Equal(writer.BytesWritten, length);
        Assert.True(FindBlock(File.ReadAllBytes(_path), 6) > 0);
        writer.Dispose();
    }

    [Fact]
    public void Undeclared_interface_is_rejected()
    {
        using var writer = new PcapngWriter(_path, [Eth0]);
        var frame = TestFrames.Udp(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Write(TestFrames.Info(0, frame, interfaceId: 3), frame));
    }

    private static int FindBlock(byte[] file, uint wantedType)
    {
        for (int offset = 0; offset < file.Length;)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset)) == wantedType) return offset;
            offset += (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 4));
        }
        return -1;
    }
}
