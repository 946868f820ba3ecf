namespace Sniffer.Filters.Syntax;

public enum TokenKind : byte
{
    End,
    /// <summary>An unquoted run: a field name, a number, an address, a byte string, a value-string name.</summary>
    Word,
    /// <summary>"..." with escapes decoded.</summary>
    String,
    /// <summary>r"..." where backslashes stay.</summary>
    RawString,
    /// <summary>'a', '\n': an integer.</summary>
    CharConst,
    /// <summary>The text between '[' and ']' of a slice or a layer range; parsed by <see cref="SliceRangeParser"/>.</summary>
    SliceBody,
    LParen, RParen, LBrace, RBrace, Comma, DotDot, Hash,

    // comparisons
    AnyEq, AllNe, AllEq, AnyNe, Gt, Ge, Lt, Le, Contains, Matches,
    // logic
    And, Or, Xor, Not, In,
    // quantifiers
    Any, All,
    // arithmetic
    BitAnd, Plus, Minus, Star, Slash, Percent,
    /// <summary>${field}: a field reference to the selected packet (GUI only).</summary>
    FieldReference,
}
