using System.Text;

namespace Sniffer.Filters;

/// <summary>
/// A display filter that does not compile. <see cref="Position"/> and <see cref="Length"/> locate the
/// offending token (0-based character index; Length 0 means "at this point", e.g. the end of the text).
/// The message text follows tshark 4.0 word for word so users can search for it.
/// </summary>
public sealed class FilterException : Exception
{
    public FilterException(string message, int position, int length, string? suggestion = null)
        : base(suggestion is null ? message : message + " Did you mean " + suggestion + "?")
    {
        Position = position;
        Length = length;
        Suggestion = suggestion;
    }

    public int Position { get; }
    public int Length { get; }

    /// <summary>A known field name close to a misspelt one, when there is one.</summary>
    public string? Suggestion { get; }

    /// <summary>
    /// Two lines like tshark prints: the filter, then a caret under the bad token (<c>    ^~~~</c>).
    /// </summary>
    public string Render(string filterText)
    {
        int pos = Math.Clamp(Position, 0, filterText.Length);
        int len = Math.Max(0, Math.Min(Length, filterText.Length - pos));
        var caret = new StringBuilder(pos + Math.Max(len, 1));
        for (int i = 0; i < pos; i++) caret.Append(filterText[i] == '\t' ? '\t' : ' ');
        caret.Append('^');
        if (len > 1) caret.Append('~', len - 1);
        return filterText + "\n" + caret;
    }
}
