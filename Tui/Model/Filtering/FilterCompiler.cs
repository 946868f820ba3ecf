using Sniffer.Filters;

namespace Sniffer.Tui.Model.Filtering;

/// <summary>
/// Turns filter text into a <see cref="PacketFilter"/>. The real DisplayFilter decides whenever it can;
/// filters naming fields no dissector registers yet (dns, http until their dissectors land) fall back
/// to the interim evaluator, which reads those facts from the fast path.
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
            // Only when the filter names something no dissector registers yet (dns, http before their
            // dissectors land); otherwise the DisplayFilter's verdict stands, error and all.
            var interim = (InterimFilter)InterimFilterParser.Parse(text);
            if (interim.UnregisteredFields.Count > 0)
            {
                filter = interim;
                return true;
            }
            problem = new FilterProblem(error!.Position, error.Length, error.Message);
            return false;
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
