using Sniffer.Capture;
using Sniffer.Tui.Model;

namespace Sniffer.Tests.Tui;

/// <summary>
/// The index keeps offsets and timestamps as 32-bit distances from shared bases; every entry must
/// come back exactly as it was added, including the ones whose distance does not fit.
/// </summary>
public sealed class PacketIndexTests
{
    [Theory]
    [InlineData(1, 20_000)]
    [InlineData(2, 9_000)]
    [InlineData(3, 70_000)]
    public void Every_entry_reads_back_as_added_whatever_the_gaps(int seed, int count)
    {
        var random = new Random(seed);
        var index = new PacketIndex();
        var added = new List<IndexEntry>();
        long offset = 24, time = 1_700_000_000_000_000_000;
        for (int i = 0; i < count; i++)
        {
            // Mostly dense traffic, with long silences, clock steps backwards and records past 4 GB.
            offset += random.Next(20) switch { 0 => 5_000_000_000L, < 3 => random.Next(60, 262_160), _ => random.Next(60, 1_600) };
            time += random.Next(25) switch { 0 => 6_000_000_000L, 1 => -random.Next(1, 3_000_000), 2 => 4_294_967_295L, _ => random.Next(0, 2_000_000) };
            var entry = new IndexEntry(offset, time, random.Next(-1, 1 << 20), (RowColour)random.Next(0, 8));
            added.Add(entry);
            index.Add(entry);
        }

        Assert.Equal(count, index.Count);
        for (int i = 0; i < count; i++)
        {
            var read = index[i];
            Assert.Equal((added[i].FileOffset, added[i].TimestampNs, added[i].Conversation, added[i].Colour),
                (read.FileOffset, read.TimestampNs, read.Conversation, read.Colour));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => index[count]);
    }

    [Fact]
    public void A_merged_capture_that_jumps_back_in_time_still_costs_about_twelve_bytes_a_packet()
    {
        var index = new PacketIndex();
        long time = 0;
        for (int i = 0; i < 100_000; i++)
        {
            time += i % 300 == 299 ? -90_000_000_000 : 1_000_000;
            index.Add(new IndexEntry(24 + 1000L * i, time, i, RowColour.Tcp));
        }
        Assert.InRange(index.MemoryBytes / 100_000.0, 12.0, 12.5);
        Assert.Equal(time, index[99_999].TimestampNs);
    }

    [Theory]
    [InlineData("samples", "website-load.pcapng")]
    [InlineData("samples", "handshakes.pcapng")]
    [InlineData("corpus", "tcpdump__vrrp-vrrp_print-oobr-2.pcap")]
    public void Indexed_frames_read_back_with_the_readers_lengths_and_times(string where, string name)
    {
        string path = where == "samples" ? Path.Combine(TestPaths.RepoRoot, "samples", "pcaps", name) : Captures.Corpus(name);
        var indexer = new CaptureIndexer(path);
        indexer.RunToCompletion();
        using var reader = CaptureFile.Open(path);
        int i = 0;
        while (reader.TryRead(out var expected, out var expectedData))
        {
            Assert.True(indexer.Store!.TryRead(indexer.Index[i], out var info, out var data));
            Assert.Equal((expected.TimestampNs, expected.OriginalLength, expected.CapturedLength, expected.FileOffset),
                (info.TimestampNs, info.OriginalLength, info.CapturedLength, info.FileOffset));
            Assert.Equal(expectedData.ToArray(), data);
            i++;
        }
        Assert.Equal(i, indexer.Index.Count);
        indexer.Dispose();
    }
}
