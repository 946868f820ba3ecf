using Sniffer.Filters.Ast;
using Sniffer.Filters.Syntax;

namespace Sniffer.Tests.Filters;

public class LexerParserTests
{
    private static string Kinds(string text) => string.Join(" ", Lexer.Tokenize(text).Select(t => t.Kind));

    [Theory]
    [InlineData("tcp.port == 80", "Word AnyEq Word End")]
    [InlineData("a eq b ne c gt d ge e lt f le g", "Word AnyEq Word AllNe Word Gt Word Ge Word Lt Word Le Word End")]
    [InlineData("a === b !== c != d", "Word AllEq Word AnyNe Word AllNe Word End")]
    [InlineData("a && b || !c ^^ d", "Word And Word Or Not Word Xor Word End")]
    [InlineData("a and b or not c xor d", "Word And Word Or Not Word Xor Word End")]
    [InlineData("x in {1, 2..3}", "Word In LBrace Word Comma Word DotDot Word RBrace End")]
    [InlineData("x in {10.0.0.5..10.0.0.9}", "Word In LBrace Word DotDot Word RBrace End")]
    [InlineData("eth.src[0:3] == 00:1b:21", "Word SliceBody AnyEq Word End")]
    [InlineData("ip.src#2", "Word Hash Word End")]
    [InlineData("a contains \"x\" and b matches r\"y\" and c ~ 'z'", "Word Contains String And Word Matches RawString And Word Matches CharConst End")]
    [InlineData("a & 0x02", "Word BitAnd Word End")]
    [InlineData("a -1", "Word Minus Word End")]
    [InlineData("a-1", "Word End")]
    [InlineData("{a + 1} * 2 / 3 % 4", "LBrace Word Plus Word RBrace Star Word Slash Word Percent Word End")]
    [InlineData("any a > 1", "Any Word Gt Word End")]
    [InlineData("${frame.len}", "FieldReference End")]
    [InlineData("ip.addr == fe80::1/64", "Word AnyEq Word End")]
    public void Token_kinds(string text, string kinds) => Assert.Equal(kinds, Kinds(text));

    [Theory]
    [InlineData("\"a\\x41\\101\\n\\t\\\\\\\"\"", new byte[] { 0x61, 0x41, 0x41, 10, 9, 0x5c, 0x22 })]
    [InlineData("\"\\xff\\0\"", new byte[] { 0xff, 0 })]
    [InlineData("\"\\u00e9\"", new byte[] { 0xc3, 0xa9 })]
    [InlineData("r\"\\d\\\"\"", new byte[] { 0x5c, 0x64, 0x5c, 0x22 })]
    [InlineData("'\\n'", new byte[] { 10 })]
    [InlineData("'\\x0a'", new byte[] { 10 })]
    [InlineData("'\\012'", new byte[] { 10 })]
    public void String_escapes(string text, byte[] bytes) => Assert.Equal(bytes, Lexer.Tokenize(text)[0].Bytes);

    [Fact]
    public void Token_positions_are_character_offsets()
    {
        var t = Lexer.Tokenize("  ip.src  ==  1.2.3.4");
        Assert.Equal([(2, 6), (10, 2), (14, 7), (21, 0)], t.Select(x => (x.Position, x.Length)));
    }

    [Fact]
    public void And_binds_tighter_than_or_and_not_tightest()
    {
        var n = Parser.Parse("a or not b and c");
        var or = Assert.IsType<LogicalNode>(n);
        Assert.Equal(TokenKind.Or, or.Op);
        var and = Assert.IsType<LogicalNode>(or.Right);
        Assert.Equal(TokenKind.And, and.Op);
        Assert.IsType<NotNode>(and.Left);
    }

    [Fact]
    public void Xor_sits_between_and_and_or()
    {
        var or = Assert.IsType<LogicalNode>(Parser.Parse("a xor b or c and d"));
        Assert.Equal(TokenKind.Or, or.Op);
        Assert.Equal(TokenKind.Xor, Assert.IsType<LogicalNode>(or.Left).Op);
        Assert.Equal(TokenKind.And, Assert.IsType<LogicalNode>(or.Right).Op);
    }

    [Fact]
    public void Bitwise_and_binds_tighter_than_comparison_and_looser_than_plus()
    {
        var c = Assert.IsType<ComparisonNode>(Parser.Parse("a & b + 1 == 2"));
        var and = Assert.IsType<ArithmeticNode>(c.Left);
        Assert.Equal(TokenKind.BitAnd, and.Op.Kind);
        Assert.Equal(TokenKind.Plus, Assert.IsType<ArithmeticNode>(and.Right).Op.Kind);
    }

    [Fact]
    public void Not_in_is_the_negation_of_in()
    {
        var not = Assert.IsType<NotNode>(Parser.Parse("a not in {1, 2..3}"));
        var m = Assert.IsType<MembershipNode>(not.Operand);
        Assert.Equal(2, m.Items.Count);
        Assert.NotNull(m.Items[1].High);
    }

    [Theory]
    [InlineData("0:4", 0, 4, SliceRangeKind.Length)]
    [InlineData("1-3", 1, 3, SliceRangeKind.End)]
    [InlineData(":4", 0, 4, SliceRangeKind.Length)]
    [InlineData("-1", -1, 1, SliceRangeKind.Length)]
    [InlineData("-4:", -4, 0, SliceRangeKind.ToEnd)]
    [InlineData("7", 7, 1, SliceRangeKind.Length)]
    public void Slice_ranges(string body, int start, int count, SliceRangeKind kind)
    {
        var s = Assert.IsType<SliceNode>(Assert.IsType<ExistsNode>(Parser.Parse($"frame[{body}]")).Entity);
        Assert.Equal(new SliceRange(start, count, kind), Assert.Single(s.Ranges));
    }

    [Fact]
    public void Slices_concatenate_with_commas() =>
        Assert.Equal(3, Assert.IsType<SliceNode>(Assert.IsType<ExistsNode>(Parser.Parse("ftp[1,3-5,9:]")).Entity).Ranges.Count);

    [Fact]
    public void Functions_take_comma_separated_arguments()
    {
        var c = Assert.IsType<ComparisonNode>(Parser.Parse("max(a, b, c) > 1"));
        Assert.Equal(3, Assert.IsType<FunctionNode>(c.Left).Arguments.Count);
    }
}
