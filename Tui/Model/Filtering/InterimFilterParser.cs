using Sniffer.Dissectors.Fields;

namespace Sniffer.Tui.Model.Filtering;

/// <summary>Recursive-descent parser for the interim filter: not binds tightest, then and, then or.</summary>
internal sealed class InterimFilterParser
{
    private readonly record struct Token(string Text, int Position, bool IsWord);

    private readonly List<Token> _tokens;
    private readonly string _text;
    private readonly List<FieldDef> _fields = new();
    private readonly List<string> _unregistered = new();
    private int _next;

    private InterimFilterParser(string text)
    {
        _text = text;
        _tokens = Tokenize(text);
    }

    public static PacketFilter Parse(string text)
    {
        var parser = new InterimFilterParser(text);
        var root = parser.ParseOr();
        if (parser._next < parser._tokens.Count)
        {
            var extra = parser._tokens[parser._next];
            throw new InterimFilterException($"\"{extra.Text}\" was unexpected in this context.", extra.Position, extra.Text.Length);
        }
        return new InterimFilter(root, parser._fields) { Text = text, UnregisteredFields = parser._unregistered };
    }

    private Token? Peek => _next < _tokens.Count ? _tokens[_next] : null;

    private bool Accept(params string[] texts)
    {
        if (Peek is { } t && texts.Contains(t.Text, StringComparer.OrdinalIgnoreCase)) { _next++; return true; }
        return false;
    }

    private InterimFilterNode ParseOr()
    {
        var left = ParseAnd();
        while (Accept("||", "or")) left = new OrNode(left, ParseAnd());
        return left;
    }

    private InterimFilterNode ParseAnd()
    {
        var left = ParseNot();
        while (Accept("&&", "and")) left = new AndNode(left, ParseNot());
        return left;
    }

    private InterimFilterNode ParseNot()
    {
        if (Accept("!", "not")) return new NotNode(ParseNot());
        return ParsePrimary();
    }

    private InterimFilterNode ParsePrimary()
    {
        if (Peek is not { } token) throw new InterimFilterException("Unexpected end of filter string.", _text.Length, 0);
        if (Accept("("))
        {
            var inner = ParseOr();
            if (!Accept(")")) throw new InterimFilterException("Missing closing parenthesis.", token.Position, 1);
            return inner;
        }
        if (!token.IsWord) throw new InterimFilterException($"\"{token.Text}\" was unexpected in this context.", token.Position, token.Text.Length);
        _next++;
        string field = token.Text;
        var registered = FieldRegistry.Find(field);
        if (!InterimFields.IsKnown(field) && registered is null)
            throw new InterimFilterException($"\"{field}\" is neither a field nor a protocol name.", token.Position, field.Length);
        if (registered is not null) _fields.Add(registered); else _unregistered.Add(field);

        string? op = Peek?.Text.ToLowerInvariant() switch
        {
            "==" or "eq" or "===" => "==",
            "!=" or "ne" or "!==" => "!=",
            "<" or "lt" => "<",
            ">" or "gt" => ">",
            "<=" or "le" => "<=",
            ">=" or "ge" => ">=",
            _ => null,
        };
        if (op is null) return new TestNode(field, null, null, registered);
        var opToken = _tokens[_next++];
        if (Peek is not { IsWord: true } value)
            throw new InterimFilterException($"A value is expected after \"{opToken.Text}\".", opToken.Position, opToken.Text.Length);
        _next++;
        return new TestNode(field, op, value.Text, registered);
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            int start = i;
            if (c == '"')
            {
                int end = text.IndexOf('"', i + 1);
                if (end < 0) throw new InterimFilterException("The string is missing its closing quote.", i, text.Length - i);
                tokens.Add(new Token(text[(i + 1)..end], i, true));
                i = end + 1;
                continue;
            }
            if (c is '(' or ')') { tokens.Add(new Token(c.ToString(), i, false)); i++; continue; }
            if ("=!<>&|".Contains(c))
            {
                while (i < text.Length && "=!<>&|".Contains(text[i])) i++;
                string op = text[start..i];
                if (op is not ("==" or "!=" or "<" or ">" or "<=" or ">=" or "&&" or "||" or "!" or "===" or "!=="))
                    throw new InterimFilterException($"\"{op}\" is not a valid operator.", start, op.Length);
                tokens.Add(new Token(op, start, false));
                continue;
            }
            if (char.IsLetterOrDigit(c) || c is '_' or '.' or ':' or '-' or '/')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or ':' or '-' or '/')) i++;
                string word = text[start..i];
                bool keyword = word.ToLowerInvariant() is "and" or "or" or "not" or "eq" or "ne" or "lt" or "gt" or "le" or "ge";
                tokens.Add(new Token(word, start, !keyword));
                continue;
            }
            throw new InterimFilterException($"\"{c}\" is an unexpected character.", i, 1);
        }
        return tokens;
    }
}
