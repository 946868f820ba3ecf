using Sniffer.Tui.Model;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Sniffer.Tui.Views;

/// <summary>
/// Follow TCP/UDP stream: the conversation's payloads, client in red and server in blue, with
/// h (hex/ASCII), / (search), n (next hit) and F (filter the packet list to this stream).
/// </summary>
public sealed class FollowStreamDialog : Dialog
{
    private readonly StreamTranscript _transcript;
    private readonly StreamTextView _text;
    private readonly TextField _search;
    private readonly Label _footer;
    private readonly List<StreamChunk> _chunks;
    private bool _hex;

    public FollowStreamDialog(StreamTranscript transcript)
    {
        _transcript = transcript;
        _chunks = StreamChunks.Build(transcript);
        Title = $"Follow {(transcript.IsTcp ? "TCP" : "UDP")} Stream ({transcript.StreamFilter})";
        Width = Dim.Percent(90);
        Height = Dim.Percent(85);
        var header = new Label { X = 0, Y = 0, Width = Dim.Fill(), Text = "" };
        header.Text = $"client {transcript.Client} → server {transcript.Server}";
        _text = new StreamTextView { X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill(2) };
        _footer = new Label { X = 0, Y = Pos.AnchorEnd(2), Width = Dim.Fill(), Height = 1 };
        var searchLabel = new Label { X = 0, Y = Pos.AnchorEnd(1), Text = "Find: " };
        _search = new TextField { X = Pos.Right(searchLabel), Y = Pos.AnchorEnd(1), Width = 30 };
        _search.Accepting += (_, e) => { e.Handled = true; _text.FindNext(_search.Text ?? ""); _text.SetFocus(); UpdateFooter(); };
        Add(header, _text, _footer, searchLabel, _search);
        Render();
        _text.SetFocus();
    }

    /// <summary>Set when the user asked to filter the packet list to this stream.</summary>
    public string? RequestedFilter { get; private set; }

    public StreamTextView Content => _text;
    public bool ShowsHex => _hex;

    private void Render()
    {
        _text.SetLines(FollowText.Build(_chunks, _hex));
        UpdateFooter();
    }

    private void UpdateFooter()
    {
        long client = _chunks.Where(c => c.FromClient).Sum(c => (long)c.Data.Length);
        long server = _chunks.Where(c => !c.FromClient).Sum(c => (long)c.Data.Length);
        _footer.Text = $"client {client:N0} bytes (red) · server {server:N0} bytes (blue) · {(_hex ? "hex" : "ASCII")} · h hex/ASCII · / find · n next · F filter to stream · Esc close";
    }

    protected override bool OnKeyDown(Key key)
    {
        if (_search.HasFocus)
        {
            if (key == Key.Esc) { _text.SetFocus(); return true; }
            return base.OnKeyDown(key);
        }
        if (key == Key.H) { _hex = !_hex; Render(); return true; }
        if (key == new Key('/')) { _search.SetFocus(); return true; }
        if (key == Key.N) { _text.FindNext(_search.Text ?? ""); return true; }
        if (key == Key.F.WithShift) { RequestedFilter = _transcript.StreamFilter; App?.RequestStop(this); return true; }
        return base.OnKeyDown(key);
    }

    /// <summary>Runs the dialog modally; returns the filter to apply, if any.</summary>
    public static string? Show(IApplication app, StreamTranscript transcript)
    {
        using var dialog = new FollowStreamDialog(transcript);
        app.Run(dialog);
        return dialog.RequestedFilter;
    }
}
