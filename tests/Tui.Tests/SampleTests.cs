using Sniffer.Tui.Model;
using Sniffer.Tui.Views;
using Terminal.Gui.Input;

namespace Sniffer.Tests.Tui;

/// <summary>The bundled samples (samples/pcaps), recorded for exactly these views.</summary>
public sealed class SampleTests
{
    [Fact]
    public void Problems_preset_shows_dup_ACKs_and_retransmissions_in_Bad_TCP_colours()
    {
        using var ui = new TuiHarness(TestPaths.Sample("lossy-download.pcapng"));
        ui.Press(new Key('3'));
        ui.WaitForFilter();
        Assert.Contains("[TCP Dup ACK", ui.Screen);

        ui.Window.ApplyFilterText("tcp.analysis.retransmission");
        ui.WaitForFilter();
        Assert.Equal(14, ui.Window.Source.Rows); // tshark -Y tcp.analysis.retransmission
        var lines = ui.Lines;
        var rows = Enumerable.Range(0, lines.Count).Where(i => lines[i].Contains("Retransmission]")).ToList();
        Assert.True(rows.Count > 2);
        // Row 0 is selected (inverted); the others carry the Bad TCP colours.
        var cell = ui.App.Driver!.Contents![rows[1], 2].Attribute!.Value;
        var badTcp = Palette.RowAttribute(RowColour.BadTcp);
        Assert.Equal(badTcp.Foreground, cell.Foreground);
        Assert.Equal(badTcp.Background, cell.Background);
    }

    [Fact]
    public void Expert_info_of_the_lossy_download_counts_its_retransmissions()
    {
        using var ui = new TuiHarness(TestPaths.Sample("lossy-download.pcapng"));
        var experts = ui.Indexer.Experts.Snapshot();
        // samples/pcaps/README.md: 14 retransmissions (4 of them fast).
        Assert.Equal(14, experts.Single(e => e.Summary == "This frame is a (suspected) retransmission").Count); // as tshark -z expert
        Assert.Equal(4, experts.Single(e => e.Summary == "This frame is a (suspected) fast retransmission").Count);
        string screen = ui.WithModal(Key.E);
        Assert.Contains("This frame is a (suspected) retransmission", screen);
    }

    [Fact]
    public void Website_load_rows_are_coloured_like_Wireshark_DNS_HTTP_and_SYN()
    {
        using var ui = new TuiHarness(TestPaths.Sample("website-load.pcapng"));
        var index = ui.Window.Session.Index;
        Assert.Equal(RowColour.Dns, index[0].Colour);     // frame 1: DNS query
        Assert.Equal(RowColour.SynFin, index[4].Colour);  // frame 5: SYN
        Assert.Equal(RowColour.Http, index[10].Colour);   // frame 11: GET / HTTP/1.1
        ui.Press(new Key('5'));
        ui.WaitForFilter();
        Assert.Contains("GET / HTTP/1.1", ui.Screen);
        Assert.Contains("HTTP/1.1 404 Not Found", ui.Screen);
    }

    [Fact]
    public void The_handshakes_sample_shows_a_refused_connection_as_a_reset()
    {
        using var ui = new TuiHarness(TestPaths.Sample("handshakes.pcapng"));
        var index = ui.Window.Session.Index;
        Assert.Contains(Enumerable.Range(0, index.Count), i => index[i].Colour == RowColour.TcpReset);
        Assert.Contains("interface lo", ui.Screen); // pcapng interface names reach the tree
    }
}

public sealed class FollowReassemblyTests
{
    [Fact]
    public void Follow_stream_reassembles_the_lossy_download_like_tshark()
    {
        using var ui = new TuiHarness(TestPaths.Sample("lossy-download.pcapng"));
        var index = ui.Window.Session.Index;
        int tcp = Enumerable.Range(0, index.Count).First(i => index[i].Conversation >= 0 && ui.Indexer.Conversations[index[i].Conversation].Key.Protocol == 6);
        var transcript = StreamTranscript.Load(ui.Window.Session, index[tcp].Conversation);
        var chunks = StreamChunks.Build(transcript);
        // tshark -q -z follow,tcp,raw,0: 86 bytes from the client, 1,000,259 from the server.
        Assert.Equal(86, chunks.Where(c => c.FromClient).Sum(c => c.Data.Length));
        Assert.Equal(1_000_259, chunks.Where(c => !c.FromClient).Sum(c => c.Data.Length));
    }
}
