using Sniffer.Tui.Views;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace Sniffer.Tests.Tui;

public sealed class StreamViewTests
{
    [Fact]
    public void Follow_stream_shows_the_request_and_the_response()
    {
        using var ui = new TuiHarness(Captures.Corpus("ppa__http_google.pcapng"));
        ui.Press(Key.CursorDown, Key.CursorDown, Key.CursorDown);
        string screen = ui.WithModal(Key.F);
        Assert.Contains("Follow TCP Stream (tcp.stream eq 0)", screen);
        Assert.Contains("GET / HTTP/1.1", screen);
        Assert.Contains("HTTP/1.1 200 OK", screen);
        Assert.Contains("client 172.16.16.128:1606 → server 74.125.95.104:80", screen);
    }

    [Fact]
    public void Follow_stream_colours_client_and_server_and_toggles_hex()
    {
        using var ui = new TuiHarness(Captures.Corpus("ppa__http_google.pcapng"));
        bool hex = false;
        string screen = ui.WithModal(Key.F, dialog =>
        {
            var follow = (FollowStreamDialog)dialog;
            var lines = follow.Content.Lines;
            Assert.True(lines.First(l => l.Text.StartsWith("GET", StringComparison.Ordinal)).FromClient);
            Assert.False(lines.First(l => l.Text.StartsWith("HTTP/1.1 200", StringComparison.Ordinal)).FromClient);
            ui.App.InjectKey(Key.H);
            hex = follow.ShowsHex;
        });
        Assert.True(hex);
        Assert.Contains("00000000  47 45 54 20 2f 20 48 54", screen); // "GET / HT" as a hex dump
    }

    [Fact]
    public void Filter_to_this_stream_from_follow_stream()
    {
        using var ui = new TuiHarness(Captures.Corpus("ppa__http_espn.pcapng"));
        var index = ui.Window.Session.Index;
        var conversations = ui.Indexer.Conversations;
        int firstTcp = Enumerable.Range(0, index.Count).First(i => index[i].Conversation >= 0 && conversations[index[i].Conversation].Key.Protocol == 6);
        ui.Window.List.SelectFrame(firstTcp);
        ui.Draw();
        ui.WithModal(Key.F, closer: Key.F.WithShift);
        ui.WaitForFilter();
        Assert.Equal("tcp.stream eq 0", ui.Window.Filter.Field.Text);
        Assert.True(ui.Window.Source.Rows > 3);
        Assert.All(Enumerable.Range(0, ui.Window.Source.Rows), r =>
            Assert.Equal(index[firstTcp].Conversation, index[ui.Window.Source.FrameIndexAt(r)].Conversation));
    }

    [Fact]
    public void Ladder_shows_the_three_handshake_arrows_in_order_with_the_RTT()
    {
        using var ui = new TuiHarness(Captures.Corpus("ppa__http_google.pcapng"));
        string screen = ui.WithModal(Key.L);
        var lines = screen.Split('\n');
        int syn = Array.FindIndex(lines, l => l.Contains("SYN Seq=0 Len=0") && l.Contains("►┤"));
        int synAck = Array.FindIndex(lines, l => l.Contains("SYN, ACK Seq=0 Ack=1 Len=0") && l.Contains("├◄"));
        int ack = Array.FindIndex(lines, l => l.Contains("ACK Seq=1 Ack=1 Len=0") && l.Contains("►┤"));
        Assert.True(syn > 0 && synAck == syn + 1 && ack == synAck + 1, $"arrows at {syn}, {synAck}, {ack}");
        Assert.Contains("handshake 3/3 ACK (RTT 30.182 ms)", lines[ack]);
        Assert.Contains("client 172.16.16.128:1606", screen);
        Assert.Contains("server 74.125.95.104:80", screen);
    }

    [Fact]
    public void Enter_on_a_ladder_arrow_selects_that_packet()
    {
        using var ui = new TuiHarness(Captures.Corpus("ppa__http_google.pcapng"));
        ui.WithModal(Key.L, _ => { ui.App.InjectKey(Key.CursorDown); ui.App.InjectKey(Key.CursorDown); ui.App.InjectKey(Key.CursorDown); }, Key.Enter);
        Assert.Equal(3, ui.Window.List.SelectedFrameIndex);
        Assert.Contains("Frame 4: 681 bytes on wire", ui.Screen);
    }

    [Fact]
    public void Expert_info_lists_retransmissions_and_Enter_jumps_to_the_frame()
    {
        using var ui = new TuiHarness(Captures.Corpus("ppa__http_espn_fail.pcapng"));
        string screen = ui.WithModal(Key.E, dialog =>
        {
            var expert = (ExpertDialog)dialog;
            var note = expert.Tree.Objects.SelectMany(s => s.Children).First(k => k.Text.Contains("retransmission"));
            expert.Tree.Expand(note);
            expert.Tree.SelectedObject = note.Children[0];
        }, Key.Enter);
        Assert.Contains("This frame is a (suspected) retransmission", screen);
        Assert.Equal(455, ui.Window.List.SelectedFrameIndex); // tshark: first tcp.analysis.retransmission is frame 456
    }

    [Fact]
    public void Conversations_lists_TCP_streams_and_Enter_filters_to_one()
    {
        using var ui = new TuiHarness(Captures.Corpus("ppa__http_espn.pcapng"));
        string screen = ui.WithModal(Key.C, closer: Key.Enter);
        Assert.Contains("Conversations — TCP", screen);
        Assert.Contains("Address A", screen);
        ui.WaitForFilter();
        Assert.StartsWith("tcp.stream eq ", ui.Window.Filter.Field.Text);
        Assert.True(ui.Window.Source.Rows > 0);
    }
}
