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
