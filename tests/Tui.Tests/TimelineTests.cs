using Sniffer.Analysis.Web;
using Sniffer.Tui.Model;
using Sniffer.Tui.Views;
using Terminal.Gui.Input;

namespace Sniffer.Tests.Tui;

/// <summary>The Timeline view (key t): the page-load waterfall of the capture, its phases, and what Enter and f do.</summary>
public sealed class TimelineTests
{
    private static void WaitForTimeline(TuiHarness ui)
    {
        var model = ui.Window.Timeline;
        // The timeline's own pass runs in the background; wait (generously) until it has every indexed frame.
        for (int i = 0; i < 600 && model.Processed < ui.Indexer.Index.Count; i++) Thread.Sleep(50);
        Assert.Equal(ui.Indexer.Index.Count, model.Processed);
    }

    [Fact]
    public void Shows_one_row_per_request_with_its_waterfall()
    {
        using var ui = new TuiHarness(TestPaths.Sample("website-load.pcapng"));
        WaitForTimeline(ui);
        string screen = ui.WithModal(Key.T);
        Assert.Contains("Timeline", screen);
        Assert.Contains("GET www.site.test/style.css", screen);
        Assert.Contains("404 Not Found", screen);
        Assert.Contains("304 Not Modified", screen);
        Assert.Contains("7 HTTP requests", screen);
    }

    [Fact]
    public void Enter_on_a_phase_selects_its_first_frame()
    {
        using var ui = new TuiHarness(TestPaths.Sample("website-load.pcapng"));
        WaitForTimeline(ui);
        ui.WithModal(Key.T, dialog =>
        {
            var view = (TimelineView)dialog;
            var first = view.Tree.Objects.First();
            view.Tree.Expand(first);
            view.Tree.SelectedObject = first.Children.First(c => c.Phase?.Kind == PhaseKind.Connect);
        }, closer: Key.Enter);
        ui.Draw();
        Assert.Equal(4, ui.Window.List.SelectedFrameIndex); // frame 5, the SYN of tcp.stream 0
    }

    [Fact]
    public void F_filters_the_list_to_the_requests_frames()
    {
        using var ui = new TuiHarness(TestPaths.Sample("website-load.pcapng"));
        WaitForTimeline(ui);
        ui.WithModal(Key.T, dialog =>
        {
            var view = (TimelineView)dialog;
            view.Tree.SelectedObject = view.Tree.Objects.First(o => o.Row.Label.EndsWith("/app.js"));
        }, closer: Key.F);
        ui.WaitForFilter();
        Assert.Equal(6, ui.Window.Source.Rows); // the handshake (8-10), the request (24), its ACK (25) and the response (26)
        Assert.Contains("tcp.stream == 1", ui.Screen);
    }

    [Fact]
    public void The_model_follows_a_growing_index()
    {
        var indexer = new CaptureIndexer(TestPaths.Sample("website-load.pcapng"));
        indexer.RunToCompletion();
        var session = new PacketSession(indexer);
        using var model = new TimelineModel(session);
        model.RunToCurrent();
        Assert.Equal(53, model.Processed);
        var page = model.Snapshot();
        Assert.Equal(7, page.Rows.Count);
        var items = TimelineView.Build(page, 120);
        Assert.All(items, i => Assert.NotEmpty(i.Children));
        Assert.Contains(items[0].Children, c => c.Text.Contains("connect  frames 5 -> 6 -> 7"));
        indexer.Dispose();
    }
}
