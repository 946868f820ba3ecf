using Sniffer.Analysis.Tcp;

namespace Sniffer.Tests.Analysis;

public sealed class ReassemblyTests
{
    private sealed class Sink : IStreamConsumer
    {
        public readonly List<byte> A = new(), B = new();
        public long Gaps;
        public void OnData(bool fromA, uint frame, long timeNs, ReadOnlySpan<byte> data) => (fromA ? A : B).AddRange(data.ToArray());
        public void OnGap(bool fromA, long missingBytes) => Gaps += missingBytes;
    }

    private static byte[] Bytes(string s) => System.Text.Encoding.ASCII.GetBytes(s);

    [Fact]
    public void Retransmissions_overlaps_and_out_of_order_give_one_clean_stream()
    {
        var sink = new Sink();
        var r = new StreamReassembler(sink);
        r.Add(true, 1, 0, 99, 0x002, default);            // SYN, ISN 99
        r.Add(true, 2, 0, 100, 0x018, Bytes("hello "));
        r.Add(true, 3, 0, 112, 0x018, Bytes("there"));     // after a hole
        r.Add(true, 4, 0, 100, 0x018, Bytes("hello "));    // retransmission
        r.Add(true, 5, 0, 103, 0x018, Bytes("lo world "));  // overlaps and fills the hole
        r.Add(false, 6, 0, 500, 0x018, Bytes("ok"));
        r.Flush();
        Assert.Equal("hello world there", System.Text.Encoding.ASCII.GetString(sink.A.ToArray()));
        Assert.Equal("ok", System.Text.Encoding.ASCII.GetString(sink.B.ToArray()));
        Assert.Equal(0, sink.Gaps);
        Assert.True(r.Stats.DuplicateBytes > 0);
    }

    [Fact]
    public void Caps_count_what_they_refuse_and_flush_reports_holes()
    {
        var sink = new Sink();
        var r = new StreamReassembler(sink, new ReassemblyLimits { MaxBufferedPerDirection = 8 });
        r.Add(true, 1, 0, 1000, 0x018, Bytes("abc"));
        r.Add(true, 2, 0, 1010, 0x018, Bytes("0123456789"));   // 10 bytes behind a hole: over the cap
        r.Add(true, 3, 0, 1005, 0x018, Bytes("xy"));           // 2 bytes behind a hole: kept
        r.Flush();
        Assert.Equal(10, r.Stats.DroppedAtDirectionCap);
        Assert.Equal(2, sink.Gaps);
        Assert.Equal("abcxy", System.Text.Encoding.ASCII.GetString(sink.A.ToArray()));
    }
}
