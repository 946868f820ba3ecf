using Sniffer.Analysis.Ip;
using Sniffer.Dissectors.Core;

namespace Sniffer.Tests.Analysis;

/// <summary>The fragment table: completion, revisits, overlaps, and the caps that keep hostile traffic bounded.</summary>
public class FragmentTableTests
{
    private static readonly byte[] Header = new byte[20];
    private static FragmentKey Key(uint id) => new(4, 17, id, 0x0a000001, 0x0a000002);

    private static byte[] Bytes(int length, byte fill)
    {
        var data = new byte[length];
        Array.Fill(data, fill);
        return data;
    }

    [Fact]
    public void Completes_when_the_pieces_cover_the_datagram_and_keeps_the_header_in_front()
    {
        var table = new FragmentTable();
        Assert.Null(table.Add(1, Key(1), Header, 0, true, Bytes(8, 1), out _));
        var done = table.Add(2, Key(1), Header, 8, false, Bytes(4, 2), out _);
        Assert.NotNull(done);
        Assert.Equal(20, done.PayloadOffset);
        Assert.Equal(12, done.PayloadLength);
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2], done.Buffer.AsSpan(20).ToArray());
        Assert.Equal(0, table.PendingDatagrams);
        Assert.Equal(0, table.PendingBytes);
    }

    [Fact]
    public void A_gap_keeps_the_datagram_waiting()
    {
        var table = new FragmentTable();
        table.Add(1, Key(1), Header, 0, true, Bytes(8, 1), out _);
        Assert.Null(table.Add(2, Key(1), Header, 16, false, Bytes(8, 3), out _));
        Assert.NotNull(table.Add(3, Key(1), Header, 8, true, Bytes(8, 2), out _));
    }

    [Fact]
    public void Revisits_change_nothing_and_return_what_was_stored()
    {
        var table = new FragmentTable();
        table.Add(1, Key(1), Header, 0, true, Bytes(8, 1), out _);
        var done = table.Add(2, Key(1), Header, 8, false, Bytes(8, 2), out _);
        Assert.Same(done, table.Add(2, Key(1), Header, 8, false, Bytes(8, 2), out _));
        Assert.Null(table.Add(1, Key(1), Header, 0, true, Bytes(8, 1), out uint reassembledIn));
        Assert.Equal(2u, reassembledIn);
        Assert.Equal(1, table.Stats.Completed);
        Assert.Equal(0, table.PendingDatagrams);
    }

    [Fact]
    public void Many_unfinished_datagrams_are_bounded_and_the_oldest_are_dropped_and_counted()
    {
        var table = new FragmentTable(new FragmentTableOptions { MaxPendingDatagrams = 100 });
        for (uint i = 0; i < 10_000; i++) table.Add(i + 1, Key(i), Header, 0, true, Bytes(16, 0), out _);
        Assert.Equal(100, table.PendingDatagrams);
        Assert.Equal(9_900, table.Stats.EvictedDatagrams);
        // The newest ones are still there and can complete.
        Assert.NotNull(table.Add(20_000, Key(9_999), Header, 16, false, Bytes(8, 0), out _));
        Assert.Null(table.Add(20_001, Key(0), Header, 16, false, Bytes(8, 0), out _));
    }

    [Fact]
    public void Pending_bytes_are_bounded()
    {
        var table = new FragmentTable(new FragmentTableOptions { MaxPendingBytes = 10_000 });
        for (uint i = 0; i < 1_000; i++) table.Add(i + 1, Key(i), Header, 0, true, Bytes(1_000, 0), out _);
        Assert.True(table.PendingBytes <= 10_000, $"{table.PendingBytes} bytes pending");
        Assert.True(table.Stats.EvictedBytes >= 990_000);
    }

    [Fact]
    public void An_overlapping_flood_on_one_datagram_stops_at_the_fragment_cap()
    {
        var table = new FragmentTable(new FragmentTableOptions { MaxFragmentsPerDatagram = 64 });
        for (uint i = 0; i < 5_000; i++) table.Add(i + 1, Key(7), Header, 0, true, Bytes(1_400, (byte)i), out _);
        Assert.Equal(64 * 1_400, table.PendingBytes);
        Assert.Equal(5_000 - 64, table.Stats.RejectedFragments);
    }

    [Fact]
    public void Overlapping_fragments_keep_the_first_bytes_and_report_a_conflict()
    {
        var table = new FragmentTable();
        table.Add(1, Key(1), Header, 0, true, Bytes(16, 1), out _);
        table.Add(2, Key(1), Header, 8, true, Bytes(16, 2), out _);
        var done = table.Add(3, Key(1), Header, 24, false, Bytes(8, 3), out _)!;
        Assert.True(done.Overlap);
        Assert.True(done.Conflict);
        Assert.Equal(1, done.Buffer[20 + 15]);
        Assert.Equal(2, done.Buffer[20 + 16]);
        Assert.Equal(1, table.Stats.Overlaps);
    }

    [Fact]
    public void Oversized_and_negative_offsets_are_rejected()
    {
        var table = new FragmentTable();
        Assert.Null(table.Add(1, Key(1), Header, 200_000, false, Bytes(8, 0), out _));
        Assert.Null(table.Add(2, Key(1), Header, -8, false, Bytes(8, 0), out _));
        Assert.Equal(2, table.Stats.RejectedFragments);
        Assert.Equal(0, table.PendingDatagrams);
    }

    [Fact]
    public void Results_kept_for_revisits_are_bounded()
    {
        var table = new FragmentTable(new FragmentTableOptions { MaxRememberedBytes = 1_000 });
        uint frame = 0;
        for (uint i = 0; i < 100; i++)
        {
            table.Add(++frame, Key(i), Header, 0, true, Bytes(80, 0), out _);
            table.Add(++frame, Key(i), Header, 80, false, Bytes(80, 0), out _);
        }
        Assert.True(table.Stats.ForgottenResults >= 90);
        Assert.Null(table.Add(2, Key(0), Header, 80, false, Bytes(80, 0), out _));       // forgotten
        Assert.NotNull(table.Add(200, Key(99), Header, 80, false, Bytes(80, 0), out _)); // still known
    }
}
