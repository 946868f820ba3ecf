using Sniffer.Analysis.Storage;
using Xunit;

namespace Sniffer.Analysis.Tests;

public class SpillStorageTests
{
    [Fact]
    public void Spill_file_reads_back_what_was_appended_across_the_flush_boundary()
    {
        using var spill = new SpillFile();
        var random = new Random(7);
        var chunks = new List<(long At, byte[] Data)>();
        for (int i = 0; i < 200; i++)
        {
            var data = new byte[random.Next(0, 5000)];
            random.NextBytes(data);
            chunks.Add((spill.Append(data), data));
        }
        Assert.True(spill.Length > 1 << 16); // some on disk, some still in the tail
        foreach (var (at, data) in chunks)
        {
            var back = new byte[data.Length];
            spill.Read(at, back);
            Assert.Equal(data, back);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => spill.Read(spill.Length - 1, new byte[2]));
    }

    private struct Sample
    {
        public uint A;
        public long B;
    }

    [Fact]
    public void Frame_record_log_finds_every_occurrence_of_a_frame()
    {
        using var log = new FrameRecordLog<Sample>();
        for (uint frame = 1; frame <= 100_000; frame += 3)
        {
            log.Add(frame, new Sample { A = frame, B = -frame });
            if (frame % 2 == 0) log.Add(frame, new Sample { A = frame + 1, B = 42 });
        }
        Assert.True(log.TryGet(4, 0, out var first));
        Assert.Equal(4u, first.A);
        Assert.True(log.TryGet(4, 1, out var second));
        Assert.Equal((5u, 42L), (second.A, second.B));
        Assert.False(log.TryGet(4, 2, out _));
        Assert.Equal(2, log.CountOf(4));
        Assert.True(log.TryGet(99_997, 0, out var last));
        Assert.Equal(-99_997L, last.B);
        Assert.False(log.TryGet(2, 0, out _));
        Assert.Equal(0, log.CountOf(2));
    }

    [Fact]
    public void Spilled_pdu_data_returns_each_pdu_whole()
    {
        using var store = new SpilledPduData();
        long empty = store.Save(ReadOnlySpan<byte>.Empty);
        long big = store.Save(new byte[100_000]);
        long small = store.Save("GET / HTTP/1.1\r\n\r\n"u8);
        Assert.Empty(store.Load(empty));
        Assert.Equal(100_000, store.Load(big).Length);
        Assert.Equal("GET / HTTP/1.1\r\n\r\n"u8.ToArray(), store.Load(small));
    }
}
