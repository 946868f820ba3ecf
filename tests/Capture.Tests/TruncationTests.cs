using Sniffer.Capture;

namespace Sniffer.Tests.Capture;

/// <summary>
/// Cuts real captures at many offsets and checks that exactly the packets wholly before the cut come
/// back, and that the error points at the first incomplete record.
/// </summary>
public sealed class TruncationTests
{
    [CorpusTheory]
    [InlineData("tcpdump__babel.pcap")]                        // little-endian µs, Linux SLL
    [InlineData("tcpdump__pptp.pcap")]                         // big-endian µs
    [InlineData("tcpdump__tcp-handshake-nano.pcap")]           // ns
    [InlineData("ppa__http_google.pcapng")]
    [InlineData("tcpdump__OSPFv2_Capture_FINAL.pcapng")]
    [InlineData("ppa__dns.pcap")]                              // pcapng despite its name
    public void CutCaptureYieldsEveryWholePacketThenPointsAtTheCut(string file)
    {
        byte[] whole = File.ReadAllBytes(CorpusLocator.PathOf(file));
        List<ReadFrame> complete;
        using (var reader = Frames.Open(whole))
        {
            complete = Frames.ReadAll(reader);
            Assert.Null(reader.Error);
        }
        var layout = RecordLayout.Of(whole);

        foreach (int windowBytes in new[] { 64, 1 << 20 })
        {
            foreach (long cut in CutPoints(whole.Length, layout))
                CheckCut(whole, cut, layout, complete, windowBytes, compress: false);
        }
        foreach (var (start, _) in layout.Records)
            CheckCut(whole, start + 5, layout, complete, 1 << 20, compress: true);
    }

    [CorpusFact]
    public void CutGzipStreamNeverThrowsAndYieldsAPrefix()
    {
        byte[] whole = File.ReadAllBytes(CorpusLocator.PathOf("ppa__http_google.pcapng"));
        byte[] compressed = Frames.Gzip(whole);
        List<ReadFrame> complete;
        using (var reader = Frames.Open(compressed))
            complete = Frames.ReadAll(reader);

        for (int cut = 30; cut < compressed.Length; cut += 53)
        {
            ICaptureReader reader;
            try { reader = Frames.Open(compressed[..cut]); }
            catch (CaptureOpenException) { continue; }
            using (reader)
            {
                var frames = Frames.ReadAll(reader);
                Assert.True(frames.Count <= complete.Count);
                for (int i = 0; i < frames.Count; i++) Assert.Equal(complete[i].Data, frames[i].Data);
                if (frames.Count < complete.Count) Assert.NotNull(reader.Error);
            }
        }
    }

    private static IEnumerable<long> CutPoints(long length, RecordLayout layout)
    {
        var cuts = new SortedSet<long>();
        for (long cut = 0; cut <= length; cut += 37) cuts.Add(cut);
        foreach (var (start, end) in layout.Records)
        {
            foreach (long near in new[] { start - 1, start, start + 1, end - 1, end, end + 1 })
                if (near >= 0 && near <= length) cuts.Add(near);
        }
        return cuts;
    }

    private static void CheckCut(byte[] whole, long cut, RecordLayout layout, List<ReadFrame> complete, int windowBytes, bool compress)
    {
        byte[] bytes = whole[..(int)cut];
        if (compress) bytes = Frames.Gzip(bytes);
        string context = $"cut at {cut} (window {windowBytes}, gzip {compress})";

        if (cut < layout.HeaderEnd)
        {
            Assert.Throws<CaptureOpenException>(() => Frames.Open(bytes, windowBytes: windowBytes).Dispose());
            return;
        }

        using var reader = Frames.Open(bytes, windowBytes: windowBytes);
        var frames = Frames.ReadAll(reader);
        var expected = complete.Where(f => layout.Records.First(r => r.Start == f.Info.FileOffset).End <= cut).ToList();
        Assert.True(expected.Count == frames.Count, $"{context}: expected {expected.Count} frames, got {frames.Count}");
        for (int i = 0; i < frames.Count; i++)
        {
            Assert.Equal(expected[i].Info, frames[i].Info);
            Assert.Equal(expected[i].Data, frames[i].Data);
        }

        bool atBoundary = cut == layout.HeaderEnd || layout.Records.Any(r => r.End == cut);
        if (atBoundary)
        {
            Assert.True(reader.Error is null, $"{context}: unexpected error {reader.Error}");
            return;
        }
        var broken = layout.Records.First(r => r.Start < cut && cut < r.End);
        Assert.True(reader.Error is not null, $"{context}: no error reported");
        Assert.True(broken.Start == reader.Error!.Offset, $"{context}: error at {reader.Error.Offset}, expected {broken.Start}: {reader.Error}");
        Assert.Contains("cut short", reader.Error.Message);
        Assert.False(reader.TryRead(out _, out _));
    }
}
