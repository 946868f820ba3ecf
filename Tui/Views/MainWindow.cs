using Sniffer.Dissectors.Tree;
using Sniffer.Tui.Model;
using Sniffer.Tui.Model.Filtering;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Sniffer.Tui.Views;

/// <summary>
/// The main screen, termshark-style: filter bar, packet list, detail tree, hex pane, a status line and
/// the shortcut bar. Owns the flow between them (selection → tree → hex) and the global keys.
/// </summary>
public sealed class MainWindow : Window
{
    private readonly IApplication _app;
    private readonly CaptureIndexer _indexer;
    private readonly PacketSession _session;
    private readonly Label _statusLine;
    private readonly object? _timer;
    private FilterRun? _filterRun;
    private int _shownFrame = -1;

    public MainWindow(IApplication app, CaptureIndexer indexer, TuiOptions options)
    {
        _app = app;
        _indexer = indexer;
        _session = new PacketSession(indexer);
        Title = indexer.Live is { } live ? $"Sniffer — live on {live.InterfaceName}" : $"Sniffer — {Path.GetFileName(indexer.Path)}";
        BorderStyle = LineStyle.None;

        Filter = new FilterBar { X = 0, Y = 0 };
        Source = new PacketTableSource(_session);
        // While capturing live the list follows new packets, unless the user moved away from the last row.
        List = new PacketListView(Source) { X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Percent(42), FollowTail = indexer.Live is not null };
        Tree = new DetailTreeView { X = 0, Y = Pos.Bottom(List), Width = Dim.Fill(), Height = Dim.Percent(30), Title = "Packet details", BorderStyle = LineStyle.Rounded };
        Hex = new HexPane { X = 0, Y = Pos.Bottom(Tree), Width = Dim.Fill(), Height = Dim.Fill(2), Title = "Bytes", BorderStyle = LineStyle.Rounded };
        _statusLine = new Label { X = 0, Y = Pos.AnchorEnd(2), Width = Dim.Fill(), Height = 1, Text = "" };
        var shortcuts = new StatusBar(
        [
            new Shortcut(Key.F1, "Help", ShowHelp, "?"),
            new Shortcut(Key.F.WithCtrl, "Filter", () => Filter.Field.SetFocus(), "/"),
            new Shortcut(Key.F2, "Follow", FollowStream, "f"),
            new Shortcut(Key.F3, "Ladder", ShowLadder, "l"),
            new Shortcut(Key.F4, "Convs", ShowConversations, "c"),
            new Shortcut(Key.F5, "Expert", ShowExpert, "e"),
            new Shortcut(Key.F7, "Timeline", ShowTimeline, "t"),
            new Shortcut(Key.F8, "Hosts", ShowHosts, "h"),
            new Shortcut(Key.Q.WithCtrl, "Quit", Quit, "q"),
            new Shortcut(Key.F6, "Presets", ChoosePreset, "1-5,0"),
        ]);
        Add(Filter, List, Tree, Hex, _statusLine, shortcuts);

        List.ValueChanged += (_, _) => ShowSelectedPacket();
        List.Accepted += (_, _) => Tree.SetFocus();
        Tree.SelectionChanged += (_, e) => HighlightField(e.NewValue);
        Filter.Applied += ApplyFilter;
        _app.Keyboard.KeyDown += OnGlobalKey;
        _app.LayoutAndDrawComplete += OnDrawn;

        if (!string.IsNullOrWhiteSpace(options.DisplayFilter))
        {
            Filter.SetText(options.DisplayFilter);
            Filter.Apply();
        }
        _timer = _app.AddTimeout(TimeSpan.FromMilliseconds(100), () => { Tick(); return true; });
        List.SetFocus();
        Tick();
    }

    public FilterBar Filter { get; }
    public PacketTableSource Source { get; }
    public PacketListView List { get; }
    public DetailTreeView Tree { get; }
    public HexPane Hex { get; }
    public PacketSession Session => _session;
    public FilterRun? CurrentFilterRun => _filterRun;
    public string StatusText => _statusLine.Text ?? "";

    /// <summary>Called every 100 ms: new rows from the indexer or filter, and the status line.</summary>
    public void Tick()
    {
        List.Refresh();
        if (_shownFrame < 0 && List.SelectedFrameIndex >= 0) ShowSelectedPacket();
        _statusLine.Text = StatusLine.Format(_indexer, _filterRun, Source.Rows);
    }

    /// <summary>Once rows are on screen, the indexer may take the CPU back (it paused after a first screenful).</summary>
    private void OnDrawn(object? sender, EventArgs e)
    {
        if (Source.Rows > 0 && !_indexer.FirstScreenShown.IsSet) _indexer.FirstScreenShown.Set();
    }

    private void ShowSelectedPacket()
    {
        int frame = List.SelectedFrameIndex;
        if (frame < 0 || frame == _shownFrame) return;
        _shownFrame = frame;
        var detail = _session.Detail(frame);
        if (detail is null) _shownFrame = -1; // not readable yet (live spool); try again on the next tick
        CurrentDetail = detail;
        _hexSource = "Frame";
        Hex.Title = "Bytes";
        Tree.ShowTree(detail?.Root);
        Hex.ShowBytes(detail?.Bytes ?? Array.Empty<byte>()); // after the tree: a new packet starts with nothing lit
    }

    public PacketDetail? CurrentDetail { get; private set; }

    private string _hexSource = "Frame";

    private void HighlightField(FieldNode? node)
    {
        if (node is null || CurrentDetail is null) { Hex.Highlight(-1, 0); return; }
        // Items of reassembled data point into their own buffer: show that buffer, then light the item.
        var (name, bytes) = CurrentDetail.BytesOf(node);
        if (name != _hexSource)
        {
            _hexSource = name;
            Hex.ShowBytes(bytes);
            Hex.Title = name == "Frame" ? "Bytes" : $"Bytes — {name}";
        }
        if (node.Length <= 0 && node.Offset <= 0) { Hex.Highlight(-1, 0); return; }
        Hex.Highlight(node.Offset, node.Length);
    }

    /// <summary>Runs a display filter in the background; the list shows its matches as they come.</summary>
    public void ApplyFilter(string text, PacketFilter? filter)
    {
        _filterRun?.Dispose();
        _filterRun = null;
        int keepFrame = List.SelectedFrameIndex;
        if (filter is null) Source.Filtered = null;
        else
        {
            _filterRun = new FilterRun(_indexer, filter);
            Source.Filtered = _filterRun.Matches;
            _filterRun.Start();
        }
        _shownFrame = -1;
        List.Reset();
        if (filter is null && keepFrame >= 0) List.SelectFrame(keepFrame);
        List.SetFocus();
        Tick();
    }

    public void ApplyFilterText(string text)
    {
        Filter.SetText(text);
        Filter.Apply();
    }

    private void OnGlobalKey(object? sender, Key key)
    {
        if (_app.TopRunnable != this || key.Handled) return;
        if (Filter.Field.HasFocus)
        {
            if (key == Key.Esc) { List.SetFocus(); key.Handled = true; }
            return; // everything else is typing
        }
        if (key == Key.Esc || key == Key.Q) { key.Handled = true; Quit(); return; }
        if (key == new Key('/')) { Filter.Field.SetFocus(); key.Handled = true; return; }
        if (key == Key.S && _indexer.Live is not null) { key.Handled = true; StopCapture(); return; }
        if (key == new Key('?')) { key.Handled = true; ShowHelp(); return; }
        if (key == Key.F) { key.Handled = true; FollowStream(); return; }
        if (key == Key.L) { key.Handled = true; ShowLadder(); return; }
        if (key == Key.C) { key.Handled = true; ShowConversations(); return; }
        if (key == Key.E) { key.Handled = true; ShowExpert(); return; }
        if (key == Key.H) { key.Handled = true; ShowHosts(); return; }
        if (key == Key.T) { key.Handled = true; ShowTimeline(); return; }
        if (key == Key.A) { key.Handled = true; ApplySelectedField(); return; }
        if (key == Key.G) { key.Handled = true; List.SelectRow(0); List.SetFocus(); return; }
        if (key == Key.G.WithShift) { key.Handled = true; List.SelectRow(Source.Rows - 1); List.SetFocus(); return; }
        if (FilterPresets.ForKey(key) is { } preset) { key.Handled = true; ApplyFilterText(preset.Filter); }
    }

    /// <summary>"Apply as filter": the selected tree field as `field == value`.</summary>
    public void ApplySelectedField()
    {
        if (Tree.SelectedObject is not { } node) return;
        var text = FieldFilterText.For(node);
        if (text is not null) ApplyFilterText(text);
    }

    /// <summary>Where an unsaved live capture was saved on quit, if it was.</summary>
    public string? SavedTo { get; private set; }

    /// <summary>Quits; a live capture that is not yet in a file of the user's asks first (save / discard / cancel).</summary>
    public void Quit()
    {
        if (_indexer.Live is { KeepSpool: false, Saved: false } live && _indexer.Index.Count > 0)
        {
            int? choice = MessageBox.Query(_app, "Quit", $"The live capture on {live.InterfaceName} ({_indexer.Index.Count:N0} packets) is not saved.", "_Save", "_Discard", "_Cancel");
            if (choice is null or 2) return;
            if (choice == 0)
            {
                _indexer.Stop();
                _indexer.WaitForCompletion(TimeSpan.FromSeconds(3));
                string target = Path.GetFullPath($"sniffer-{DateTime.Now:yyyyMMdd-HHmmss}.pcap");
                File.Copy(_indexer.Path, target, overwrite: false);
                live.Saved = true;
                SavedTo = target;
            }
        }
        _app.RequestStop(this);
    }

    /// <summary>Stops a live capture; what was captured stays browsable.</summary>
    public void StopCapture()
    {
        if (_indexer.Live is null || _indexer.Completed) return;
        _indexer.Stop();
    }

    private void ShowHelp() => HelpDialog.Show(_app);

    /// <summary>F6 (or a click on "Presets"): the preset filters as buttons.</summary>
    public void ChoosePreset()
    {
        var presets = FilterPreset.All;
        int? choice = MessageBox.Query(_app, "Filter presets", "Pick a filter (or press its digit on the main screen).",
            presets.Select(p => $"_{p.Key} {p.Name}").ToArray());
        if (choice is int i && i >= 0 && i < presets.Length) ApplyFilterText(presets[i].Filter);
    }

    /// <summary>The conversation of the selected packet, read back from the file; null (with a message) when it has none.</summary>
    private StreamTranscript? SelectedTranscript(bool tcpOnly)
    {
        int frame = List.SelectedFrameIndex;
        if (frame < 0) return null;
        int conversation = _session.Index[frame].Conversation;
        if (conversation < 0)
        {
            Dialogs.Info(_app, "No stream", $"Packet {frame + 1} is not part of a TCP or UDP conversation.");
            return null;
        }
        var transcript = StreamTranscript.Load(_session, conversation);
        if (tcpOnly && !transcript.IsTcp)
        {
            Dialogs.Info(_app, "Not TCP", $"Packet {frame + 1} is not TCP; the ladder shows TCP streams.");
            return null;
        }
        return transcript;
    }

    public void FollowStream()
    {
        if (SelectedTranscript(tcpOnly: false) is not { } transcript) return;
        if (FollowStreamDialog.Show(_app, transcript) is { } filter) ApplyFilterText(filter);
    }

    public void ShowLadder()
    {
        if (SelectedTranscript(tcpOnly: true) is not { } transcript) return;
        if (LadderDialog.Show(_app, new LadderModel(transcript), List.SelectedFrameIndex) is { } frame) GoToFrame(frame);
    }

    public void ShowConversations()
    {
        if (ConversationsDialog.Show(_app, _indexer) is { } filter) ApplyFilterText(filter);
    }

    private TimelineModel? _timeline;

    /// <summary>The page-load timeline (its pass starts the first time it is opened and follows the capture).</summary>
    public TimelineModel Timeline
    {
        get
        {
            if (_timeline is null) { _timeline = new TimelineModel(_session); _timeline.Start(); }
            return _timeline;
        }
    }

    public void ShowTimeline()
    {
        var (frame, filter) = TimelineView.Show(_app, Timeline);
        if (filter is not null) ApplyFilterText(filter);
        else if (frame is int f) GoToFrame(f);
    }

    public void ShowHosts()
    {
        if (HostsView.Show(_app, _indexer.Hosts) is { } filter) ApplyFilterText(filter);
    }

    public void ShowExpert()
    {
        if (ExpertDialog.Show(_app, _indexer.Experts, _session) is { } frame) GoToFrame(frame);
    }

    /// <summary>Selects a frame; if the current filter hides it, the filter is cleared first.</summary>
    public void GoToFrame(int frameIndex)
    {
        if (Source.Filtered is { } shown && (shown.Count == 0 || Source.FrameIndexAt(Source.RowOf(frameIndex)) != frameIndex))
            ApplyFilterText("");
        List.SelectFrame(frameIndex);
        List.SetFocus();
        ShowSelectedPacket();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (_timer is not null) _app.RemoveTimeout(_timer);
            _app.Keyboard.KeyDown -= OnGlobalKey;
            _app.LayoutAndDrawComplete -= OnDrawn;
            _filterRun?.Dispose();
            _timeline?.Dispose();
        }
        base.Dispose(disposing);
    }
}
