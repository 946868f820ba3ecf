using Sniffer.Filters;

namespace Sniffer.Tests.Fuzz;

/// <summary>Found by the filter fuzz target: 20 000 '(' overflowed the parser's stack and killed the process.</summary>
public sealed class FilterNestingTests
{
    [Theory]
    [InlineData("(", ")")]
    [InlineData("!", "")]
    [InlineData("not ", "")]
    [InlineData("tcp.port == ", "")] // a chain of minus signs below
    [InlineData("{", "}")]
    public void Deep_nesting_is_refused_with_a_filter_error(string open, string close)
    {
        string text = open == "tcp.port == "
            ? open + new string('-', 100_000) + "1"
            : string.Concat(Enumerable.Repeat(open, 100_000)) + "tcp" + string.Concat(Enumerable.Repeat(close, 100_000));
        Assert.False(DisplayFilter.TryCompile(text, out _, out var error));
        Assert.Contains("nested", error!.Message);
    }

    [Fact]
    public void Nesting_within_the_limit_still_compiles()
    {
        string text = new string('(', 100) + "tcp.port == 80" + new string(')', 100);
        Assert.True(DisplayFilter.TryCompile(text, out _, out var error), error?.Message);
    }
}
