using Sniffer.Analysis.Pipeline;
using Sniffer.Analysis.Roles;
using Sniffer.Analysis.Tcp;
using Sniffer.Capture;
using Sniffer.Dissectors.Tree;
using Sniffer.Tui.Views;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace Sniffer.Tests.Tui;

/// <summary>The Hosts view (key h) on the p2p-overlay sample: roles, sorting, the arrows, the filter, live updates.</summary>
public sealed class HostsViewTests
{
    private static readonly string Sample = TestPaths.Sample("p2p-overlay.pcapng");

    [Fact]
    public void Hosts_lists_every_host_with_its_role()
    {
        using var ui = new TuiHarness(Sample);
        string screen = ui.WithModal(Key.H);
        Assert.Contains("Hosts (10: 2 client, 1 server, 6 peer, 1 supernode, 1 overlay) sorted by Host ↑", screen);
        var lines = screen.Split('\n');
        Assert.Contains(lines, l => l.Contains("│10.99.0.10│supernode│") && l.Contains("│7000,7001/udp"));
        Assert.Contains(lines, l => l.Contains("│10.99.0.22│peer     │1     │7102"));
        Assert.Contains(lines, l => l.Contains("│10.99.0.80│server   │-     │8080"));
        Assert.Contains(lines, l => l.Contains("│10.99.0.51│client   │"));
    }

    [Fact]
    public void The_selected_host_is_drawn_with_arrows_in_and_out_and_what_it_relayed()
    {
        using var ui = new TuiHarness(Sample);
        var lines = ui.WithModal(Key.H, _ => { ui.App.InjectKey(Key.CursorDown); ui.App.InjectKey(Key.CursorDown); }).Split('\n');
        Assert.Contains(lines, l => l.Contains("Connections of 10.99.0.22 (peer): 2 hosts connected to it, it connected to 3 hosts"));
        // Into the box: the peers that connected to 10.99.0.22's port 7102; out of it: the peers and the supernode it connected to.
        Assert.Contains(lines, l => l.Contains("10.99.0.21 peer 1 conn") && l.Contains(" 7102 ─►│ 10.99.0.22"));
        Assert.Contains(lines, l => l.Contains("10.99.0.26 peer 1 conn") && l.Contains(" 7102 ─►│ peer, relays 1"));
        Assert.Contains(lines, l => l.Contains("│─ 7000,7001/udp ────► 10.99.0.10 supernode 1 conn 1 flow"));
        Assert.Contains(lines, l => l.Contains("│─ 7103 ─────────────► 10.99.0.23 peer 1 conn"));
        Assert.Contains(lines, l => l.Contains("relayed 10.99.0.21 ─► 10.99.0.22 ─► 10.99.0.23:") && l.Contains("same ending"));
    }

    [Fact]
    public void Enter_filters_the_packet_list_to_the_host()
    {
        using var ui = new TuiHarness(Sample);
        var row = ui.Indexer.Hosts.Classify().Hosts.Single(h => h.Address == "10.99.0.21");
        ui.WithModal(Key.H, _ => ui.App.InjectKey(Key.CursorDown), Key.Enter);
        ui.WaitForFilter();
        Assert.Equal("ip.addr == 10.99.0.21", ui.Window.Filter.Field.Text);
        Assert.Equal(row.PacketsSent + row.PacketsReceived, ui.Window.Source.Rows);
    }

    [Fact]
    public void S_sorts_by_the_column_picked_and_again_reverses()
    {
        using var ui = new TuiHarness(Sample);
        List<long>? first = null, second = null;
        string screen = ui.WithModal(Key.H, dialog =>
        {
            var hosts = (HostsView)dialog;
            for (int i = 0; i < 7; i++) ui.App.InjectKey(Key.CursorRight); // to "Bytes sent"
            ui.App.InjectKey(Key.S);
            first = hosts.Rows.Select(r => r.BytesSent).ToList();
            ui.App.InjectKey(Key.S);
            second = hosts.Rows.Select(r => r.BytesSent).ToList();
        });
        Assert.Equal(first!.OrderByDescending(b => b), first);
        Assert.Equal(second!.Order(), second);
        Assert.Contains("sorted by Bytes sent ↑", screen);
    }

    [Fact]
    public void The_table_follows_packets_that_arrive_while_it_is_open()
    {
        using var app = Application.Create();
        app.Init(DriverRegistry.Names.ANSI);
        app.Driver!.SetScreenSize(160, 50);
        var tracker = new HostRoleTracker();
        var processor = new PacketProcessor(new AnalyzerSet(new TcpAnalyzer { Observer = tracker }));
        using var reader = CaptureFile.Open(Sample);
        void Feed(int frames)
        {
            for (int i = 0; i < frames && reader.TryRead(out var info, out var data); i++)
            {
                var ctx = processor.Next(info, wantColumns: false, wantProtocols: false);
                var sink = new NullSink();
                PacketProcessor.Dissect(data, ref ctx, ref sink);
                tracker.ObserveFrame(data, ctx);
            }
        }
        Feed(10); // the first peer's announce and login, nothing else yet
        using var view = new HostsView(app, tracker);
        int before = view.Rows.Count;
        view.Refresh(now: true);
        Assert.Equal(before, view.Rows.Count); // nothing new: nothing redone
        Feed(int.MaxValue);
        view.Refresh(now: true);
        Assert.True(before < 10, $"{before} hosts in the first 10 frames");
        Assert.Equal(10, view.Rows.Count);
        Assert.Equal(HostRole.Supernode, view.Rows.Single(r => r.Address == "10.99.0.10").Role);
    }
}
