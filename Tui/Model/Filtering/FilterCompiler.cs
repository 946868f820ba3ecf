using Sniffer.Filters;

namespace Sniffer.Tui.Model.Filtering;

/// <summary>
/// Turns filter text into a <see cref="PacketFilter"/>. The real DisplayFilter decides whenever it can;
/// filters it cannot compile yet because their dissectors have not landed (tcp.flags.*, tcp.stream,
/// dns, http) fall back to the interim evaluator, which reads those facts from the fast path.
/// When both refuse, the DisplayFilter's error (position and message) is the one shown.
/// </summary>
public static class FilterCompiler
{
    public static bool TryCompile(string text, out PacketFilter? filter, out FilterProblem? problem)
    {
        filter = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text)) return true; // empty: show everything
        if (DisplayFilter.TryCompile(text, out var compiled, out var error))
        {
            filter = new DisplayFilterAdapter(compiled!) { Text = text };
            return true;
        }
        try
        {
            filter = InterimFilterParser.Parse(text);
            return true;
        }
        catch (InterimFilterException interim)
        {
            problem = error is not null
                ? new FilterProblem(error.Position, error.Length, error.Message)
                : new FilterProblem(interim.Position, interim.Length, interim.Message);
            return false;
        }
    }
}
