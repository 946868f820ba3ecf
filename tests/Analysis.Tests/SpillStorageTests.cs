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

    [Fact]
    public void Spill_file_read_ahead_gives_the_same_bytes_in_order_out_of_order_and_while_growing()
    {
        using var spill = new SpillFile();
        var random = new Random(11);
        var written = new List<byte>();
        var chunks = new List<(long At, int Length)>();
        void Append(int length)
        {
            var data = new byte[length];
            random.NextBytes(data);
            chunks.Add((spill.Append(data), length));
            written.AddRange(data);
        }
        void Check(int chunk)
        {
            var (at, length) = chunks[chunk];
            var back = new byte[length];
            spill.Read(at, back);
            Assert.True(written.GetRange((int)at, length).SequenceEqual(back), $"chunk {chunk} at {at}");
        }
        for (int i = 0; i < 3000; i++) Append(random.Next(1, i % 100 == 0 ? 90_000 : 300)); // some larger than the read-ahead
        for (int i = 0; i < chunks.Count; i++) Check(i); // in order: served by the read-ahead
        for (int i = 0; i < 2000; i++) Check(random.Next(chunks.Count)); // random visits in between
        for (int i = 0; i < chunks.Count; i += 2) Check(i); // forward with gaps
        // Reading in order while appending (a filter following the first pass): the read-ahead must not
        // keep bytes from before they were flushed.
        int next = 0;
        for (int i = 0; i < 3000; i++)
        {
            Append(random.Next(1, 400));
            Check(next++);
            if (i % 3 == 0) Check(chunks.Count - 1);
        }
        while (next < chunks.Count) Check(next++);
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
    public void Frame_record_log_answers_the_same_in_order_backwards_and_repeated()
    {
        using var log = new FrameRecordLog<Sample>();
        var expected = new Dictionary<uint, List<long>>();
        var random = new Random(5);
        uint frame = 0;
        for (int i = 0; i < 50_000; i++)
        {
            frame += (uint)random.Next(1, 4);
            int records = random.Next(1, 4); // several TCP headers in one frame now and then
            if (random.Next(10) != 0) records = 1;
            var list = expected[frame] = new List<long>();
            for (int r = 0; r < records; r++)
            {
                long b = random.NextInt64();
                log.Add(frame, new Sample { A = frame, B = b });
                list.Add(b);
            }
        }
        void Check(uint f)
        {
            expected.TryGetValue(f, out var list);
            int count = list?.Count ?? 0;
            Assert.Equal(count, log.CountOf(f));
            for (int r = 0; r <= count; r++)
            {
                bool found = log.TryGet(f, r, out var record);
                Assert.Equal(r < count, found);
                if (found) Assert.Equal((f, list![r]), (record.A, record.B));
            }
        }
        for (uint f = 0; f <= frame + 1; f++) Check(f);
        for (uint f = frame + 1; f > 0; f--) Check(f);
        for (int i = 0; i < 10_000; i++)
        {
            uint f = (uint)random.Next(0, (int)frame + 2);
            Check(f);
            Check(f);
            Check(f + 1);
        }
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
