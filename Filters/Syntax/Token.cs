namespace Sniffer.Filters.Syntax;

/// <summary>One lexeme. <see cref="Text"/> is the source text as written (quotes included), for messages.</summary>
public readonly record struct Token(TokenKind Kind, string Text, int Position, int Length)
{
    /// <summary>Decoded bytes of a String/RawString, the value of a CharConst; null otherwise.</summary>
    public byte[]? Bytes { get; init; }

    public int End => Position + Length;

    public bool IsComparison => Kind is >= TokenKind.AnyEq and <= TokenKind.Matches;

    public override string ToString() => $"{Kind} '{Text}' @{Position}";
}
