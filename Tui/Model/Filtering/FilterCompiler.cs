namespace Sniffer.Tui.Model.Filtering;

/// <summary>
/// Turns filter text into a <see cref="PacketFilter"/>. Uses the interim evaluator until
/// Sniffer.Filters.DisplayFilter lands on main (then this is the one place to switch).
/// </summary>
public static class FilterCompiler
{
    public static bool TryCompile(string text, out PacketFilter? filter, out FilterProblem? problem)
    {
        filter = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text)) return true; // empty: show everything
        try
        {
            filter = InterimFilterParser.Parse(text);
            return true;
        }
        catch (InterimFilterException e)
        {
            problem = new FilterProblem(e.Position, e.Length, e.Message);
            return false;
        }
    }
}
