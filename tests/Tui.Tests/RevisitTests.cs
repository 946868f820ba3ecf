using Sniffer.Tui.Model;

namespace Sniffer.Tests.Tui;

/// <summary>
/// What the first pass remembered for random access (reassembled PDUs and per-frame analysis, kept on
/// disk) must give a revisit exactly what the first visit saw, in whatever order rows are looked at.
/// </summary>
public sealed class RevisitTests
{
    [Fact]
    public void Reassembled_http_responses_come_back_whole_when_rows_are_visited_backwards()
    {
        var indexer = new CaptureIndexer(Captures.Corpus("ppa__http_espn.pcapng"));
        indexer.RunToCompletion();
        var session = new PacketSession(indexer);
        // Frame numbers and reassembled lengths from tshark -Y 'http.response and tcp.reassembled.length'.
        foreach (var (frame, length) in new[] { (194, 77393), (121, 37725) })
        {
            var detail = session.Detail(frame - 1)!;
            var names = Enumerable.Range(1, detail.Sources!.Count).Select(id => (detail.Sources[id].Name, detail.Sources[id].Data.Length));
            Assert.Contains(($"Reassembled TCP ({length} bytes)", length), names);
            Assert.StartsWith("HTTP/1.1 200 OK", session.Row(frame - 1).Info);
        }
        Assert.Contains("[TCP segment of a reassembled PDU]", session.Row(193 - 1).Info + session.Row(192 - 1).Info);
    }
}

/// <summary>
/// Once a file is read to its end the indexer drops the analyses' first-pass state; what a revisit
/// shows (rows, trees) must not change.
/// </summary>
public sealed class ReleasedStateTests
{
    [Theory]
    [InlineData("lossy-download.pcapng")]
    [InlineData("website-load.pcapng")]
    [InlineData("p2p-overlay.pcapng")]
    public void Rows_and_trees_are_the_same_after_the_first_pass_state_is_released(string sample)
    {
        string path = Path.Combine(TestPaths.RepoRoot, "samples", "pcaps", sample);
        using var kept = new CaptureIndexer(path) { ReleaseStateWhenDone = false };
        using var released = new CaptureIndexer(path);
        kept.RunToCompletion();
        released.RunToCompletion();
        var before = new PacketSession(kept);
        var after = new PacketSession(released);
        Assert.Equal(kept.Index.Count, released.Index.Count);
        Assert.True(kept.Index.Count > 20);
        for (int i = kept.Index.Count - 1; i >= 0; i--)
        {
            Assert.Equal(before.Row(i), after.Row(i));
            Assert.Equal(Dump(before.Detail(i)!.Root), Dump(after.Detail(i)!.Root));
        }
        Assert.Equal(Roles(kept), Roles(released));
    }

    private static string Roles(CaptureIndexer indexer)
    {
        var result = indexer.Hosts.Classify();
        return string.Join("\n", result.Hosts.Select(h =>
            $"{h.Address} {h.RoleName} {h.ListenText} {h.AcceptedFrom} {h.ConnectedTo} {h.PacketsSent} {h.BytesReceived} {h.Why} {h.Links.Count}"))
            + $"\n{result.Overlays.Count} {result.Relays.Count}";
    }

    private static string Dump(Sniffer.Dissectors.Tree.FieldNode root) =>
        string.Join("\n", root.Descendants().Select(n => $"{n.Field?.Name} {n.Offset} {n.Length} {n.Label}"));
}
