using Sniffer.Tui.Model.Filtering;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Sniffer.Tui.Views;

/// <summary>
/// The display filter line: checks the text on every keystroke (green when it compiles, red plus the
/// error and a caret at its position when not), applies on Enter and keeps a history for Up/Down.
/// </summary>
public sealed class FilterBar : View
{
    private readonly Label _prompt = new() { Text = "Filter: ", X = 0, Y = 0 };
    private readonly List<string> _history = new();
    private int _historyPosition;

    public FilterBar()
    {
        Height = 1;
        Width = Dim.Fill();
        CanFocus = true;
        Field = new TextField { X = Pos.Right(_prompt), Y = 0, Width = Dim.Percent(40) };
        Message = new Label { X = Pos.Right(Field) + 1, Y = 0, Width = Dim.Fill(), Text = "" };
        Add(_prompt, Field, Message);
        Field.TextChanged += (_, _) => Validate();
        Field.Accepting += (_, e) => { e.Handled = true; Apply(); };
        Field.KeyDown += OnFieldKey;
        Validate();
    }

    public TextField Field { get; }
    public Label Message { get; }
    public IReadOnlyList<string> History => _history;

    /// <summary>The last compile problem, or null when the text is valid (or empty).</summary>
    public FilterProblem? Problem { get; private set; }

    /// <summary>Raised on Enter with a valid filter; null means "no filter".</summary>
    public event Action<string, PacketFilter?>? Applied;

    public void SetText(string text)
    {
        Field.Text = text;
        Field.MoveEnd();
        Validate();
    }

    public void Apply()
    {
        string text = Field.Text ?? "";
        if (!FilterCompiler.TryCompile(text, out var filter, out var problem))
        {
            Problem = problem;
            ShowProblem(text);
            return;
        }
        if (text.Length > 0 && (_history.Count == 0 || _history[^1] != text)) _history.Add(text);
        _historyPosition = _history.Count;
        Applied?.Invoke(text, filter);
    }

    private void Validate()
    {
        string text = Field.Text ?? "";
        if (text.Trim().Length == 0)
        {
            Problem = null;
            Field.SetScheme(null);
            Message.Text = "";
            return;
        }
        if (FilterCompiler.TryCompile(text, out _, out var problem))
        {
            Problem = null;
            Field.SetScheme(new Scheme(Palette.FilterValid) { Focus = Palette.FilterValid, Editable = Palette.FilterValid });
            Message.Text = "";
        }
        else
        {
            Problem = problem;
            ShowProblem(text);
        }
    }

    private void ShowProblem(string text)
    {
        Field.SetScheme(new Scheme(Palette.FilterInvalid) { Focus = Palette.FilterInvalid, Editable = Palette.FilterInvalid });
        Message.SetScheme(new Scheme(Palette.FilterError));
        Message.Text = Problem is { } p ? $"col {p.Position + 1}: {p.Message}" : "";
    }

    private void OnFieldKey(object? sender, Key key)
    {
        if (key == Key.CursorUp && _history.Count > 0)
        {
            _historyPosition = Math.Max(0, _historyPosition - 1);
            SetText(_history[_historyPosition]);
            key.Handled = true;
        }
        else if (key == Key.CursorDown && _history.Count > 0)
        {
            _historyPosition = Math.Min(_history.Count, _historyPosition + 1);
            SetText(_historyPosition < _history.Count ? _history[_historyPosition] : "");
            key.Handled = true;
        }
    }
}
