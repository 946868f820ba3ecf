namespace Sniffer.Filters.Syntax;

/// <summary>
/// Splits filter text into tokens. Unquoted values are deliberately one "word" class, as in Wireshark:
/// whether 10.0.0.1, 00:1b:21, ::1 or tcp.port is a field, an address or a byte string is decided
/// later by the type of the field it is compared with. So '-' ':' '/' '.' continue a word, which is
/// why subtraction needs a space before the minus ("a -b"), exactly Wireshark's quirk.
/// </summary>
public static class Lexer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, "", text.Length, 0));
                return tokens;
            }
            var token = Next(text, i);
            tokens.Add(token);
            i = token.End;
        }
    }

    private static Token Next(string text, int i)
    {
        char c = text[i];
        char n = i + 1 < text.Length ? text[i + 1] : '\0';
        char n2 = i + 2 < text.Length ? text[i + 2] : '\0';
        switch (c)
        {
            case '(': return Op(TokenKind.LParen, text, i, 1);
            case ')': return Op(TokenKind.RParen, text, i, 1);
            case '{': return Op(TokenKind.LBrace, text, i, 1);
            case '}': return Op(TokenKind.RBrace, text, i, 1);
            case ',': return Op(TokenKind.Comma, text, i, 1);
            case '#': return Op(TokenKind.Hash, text, i, 1);
            case '[': return SliceBody(text, i);
            case '"': return QuotedString(text, i, i, raw: false);
            case '\'': return CharConstant(text, i);
            case '$' when n == '{': return FieldReference(text, i);
            case '=' when n == '=': return n2 == '=' ? Op(TokenKind.AllEq, text, i, 3) : Op(TokenKind.AnyEq, text, i, 2);
            case '!' when n == '=': return n2 == '=' ? Op(TokenKind.AnyNe, text, i, 3) : Op(TokenKind.AllNe, text, i, 2);
            case '!': return Op(TokenKind.Not, text, i, 1);
            case '>': return n == '=' ? Op(TokenKind.Ge, text, i, 2) : Op(TokenKind.Gt, text, i, 1);
            case '<': return n == '=' ? Op(TokenKind.Le, text, i, 2) : Op(TokenKind.Lt, text, i, 1);
            case '~': return n == '=' ? Op(TokenKind.AnyNe, text, i, 2) : Op(TokenKind.Matches, text, i, 1);  // ~= is 4.0's any_ne (!==)
            case '&': return n == '&' ? Op(TokenKind.And, text, i, 2) : Op(TokenKind.BitAnd, text, i, 1);
            case '|' when n == '|': return Op(TokenKind.Or, text, i, 2);
            case '^' when n == '^': return Op(TokenKind.Xor, text, i, 2);
            case '+': return Op(TokenKind.Plus, text, i, 1);
            case '-': return Op(TokenKind.Minus, text, i, 1);
            case '*': return Op(TokenKind.Star, text, i, 1);
            case '/': return Op(TokenKind.Slash, text, i, 1);
            case '%': return Op(TokenKind.Percent, text, i, 1);
            case '.' when n == '.': return Op(TokenKind.DotDot, text, i, 2);
            case 'r' or 'R' when n == '"': return QuotedString(text, i, i + 1, raw: true);
        }
        if (IsWordStart(c)) return Word(text, i);
        throw Unexpected(text.Substring(i, 1), i, 1);
    }

    internal static FilterException Unexpected(string tokenText, int position, int length) =>
        new($"\"{tokenText}\" was unexpected in this context.", position, length);

    private static Token Op(TokenKind kind, string text, int i, int length) => new(kind, text.Substring(i, length), i, length);

    private static bool IsWordStart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':' || c > 0x7f && char.IsLetter(c);
    private static bool IsWordPart(char c) => IsWordStart(c) || c is '-' or '/';

    private static Token Word(string text, int start)
    {
        int i = start;
        while (i < text.Length && IsWordPart(text[i]))
        {
            // "8000..8100": a range inside a set, not one word.
            if (text[i] == '.' && i + 1 < text.Length && text[i + 1] == '.') break;
            i++;
        }
        string word = text[start..i];
        return new Token(KeywordKind(word), word, start, i - start);
    }

    private static TokenKind KeywordKind(string word) => word switch
    {
        "and" => TokenKind.And,
        "or" => TokenKind.Or,
        "xor" => TokenKind.Xor,
        "not" => TokenKind.Not,
        "in" => TokenKind.In,
        "eq" or "any_eq" => TokenKind.AnyEq,
        "ne" or "all_ne" => TokenKind.AllNe,
        "all_eq" => TokenKind.AllEq,
        "any_ne" => TokenKind.AnyNe,
        "gt" => TokenKind.Gt,
        "ge" => TokenKind.Ge,
        "lt" => TokenKind.Lt,
        "le" => TokenKind.Le,
        "contains" => TokenKind.Contains,
        "matches" => TokenKind.Matches,
        "bitwise_and" => TokenKind.BitAnd,
        "any" => TokenKind.Any,
        "all" => TokenKind.All,
        _ => TokenKind.Word,
    };

    /// <summary>[ ... ]: the range text is kept whole; "1-3", "-4:", "0:4,6" are parsed by the parser.</summary>
    private static Token SliceBody(string text, int open)
    {
        int close = text.IndexOf(']', open + 1);
        if (close < 0) throw new FilterException("The right bracket was missing from a slice.", text.Length, 0);
        return new Token(TokenKind.SliceBody, text.Substring(open + 1, close - open - 1), open, close - open + 1);
    }

    private static Token QuotedString(string text, int start, int quote, bool raw)
    {
        int i = quote + 1;
        while (i < text.Length && text[i] != '"')
        {
            if (text[i] == '\\') i++;
            i++;
        }
        if (i >= text.Length) throw new FilterException("The final quote was missing from a quoted string.", text.Length, 0);
        byte[] bytes = raw
            ? System.Text.Encoding.UTF8.GetBytes(text.Substring(quote + 1, i - quote - 1))
            : StringEscapes.Decode(text, quote + 1, i);
        int length = i + 1 - start;
        return new Token(raw ? TokenKind.RawString : TokenKind.String, text.Substring(start, length), start, length) { Bytes = bytes };
    }

    private static Token CharConstant(string text, int start)
    {
        int i = start + 1;
        while (i < text.Length && text[i] != '\'')
        {
            if (text[i] == '\\') i++;
            i++;
        }
        if (i >= text.Length) throw new FilterException("The final quote was missing from a character constant.", text.Length, 0);
        byte[] bytes = StringEscapes.Decode(text, start + 1, i);
        int length = i + 1 - start;
        string tokenText = text.Substring(start, length);
        if (bytes.Length != 1) throw new FilterException($"{tokenText} is not a valid character constant.", start, length);
        return new Token(TokenKind.CharConst, tokenText, start, length) { Bytes = bytes };
    }

    private static Token FieldReference(string text, int start)
    {
        int close = text.IndexOf('}', start + 2);
        if (close < 0) throw new FilterException("Unexpected end of filter expression.", text.Length, 0);
        // The token spans "${...}"; Text is the field name inside.
        return new Token(TokenKind.FieldReference, text.Substring(start + 2, close - start - 2), start, close + 1 - start);
    }
}
