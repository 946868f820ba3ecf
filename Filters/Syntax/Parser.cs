using Sniffer.Filters.Ast;

namespace Sniffer.Filters.Syntax;

/// <summary>
/// Recursive descent over the token list. Precedence, loosest first, as Wireshark's grammar:
/// or, xor, and, not, comparison/membership, &amp;, + -, * / %, unary minus, slice/layer.
/// Parentheses group tests; braces group arithmetic ("{a + 1} * 2"), since '(' always opens a test.
/// </summary>
public sealed class Parser
{
    private readonly string _text;
    private readonly List<Token> _tokens;
    private int _next;
    private int _depth;

    /// <summary>Deeper nesting is refused: the parser, the checker and the evaluator all recurse, and a hostile filter must not overflow the stack.</summary>
    public const int MaxNesting = 256;

    private Parser(string text)
    {
        _text = text;
        _tokens = Lexer.Tokenize(text);
    }

    public static Node Parse(string text)
    {
        var parser = new Parser(text);
        if (parser.Peek.Kind == TokenKind.End)
            throw new FilterException("Empty filter expression.", 0, 0);
        var node = parser.ParseOr();
        if (parser.Peek.Kind != TokenKind.End) throw parser.UnexpectedHere();
        return node;
    }

    private Token Peek => _tokens[_next];
    private Token PeekAt(int ahead) => _tokens[Math.Min(_next + ahead, _tokens.Count - 1)];
    private Token Take() => _tokens[_next++];

    private FilterException UnexpectedHere()
    {
        var t = Peek;
        return t.Kind == TokenKind.End
            ? new FilterException("Unexpected end of filter expression.", _text.Length, 0)
            : Lexer.Unexpected(t.Text, t.Position, t.Length);
    }

    private Token Expect(TokenKind kind)
    {
        if (Peek.Kind != kind) throw UnexpectedHere();
        return Take();
    }

    private Node ParseOr()
    {
        Enter();
        var left = ParseXor();
        while (Peek.Kind == TokenKind.Or)
        {
            Take();
            left = new LogicalNode(TokenKind.Or, left, ParseXor());
        }
        _depth--;
        return left;
    }

    /// <summary>Counts one level of nesting (a parenthesis, a brace, a not, a minus); a FilterException past <see cref="MaxNesting"/>.</summary>
    private void Enter()
    {
        if (++_depth > MaxNesting)
            throw new FilterException($"Filter expression nested more than {MaxNesting} levels deep.", Peek.Position, Math.Max(1, Peek.Length));
    }

    private Node ParseXor()
    {
        var left = ParseAnd();
        while (Peek.Kind == TokenKind.Xor)
        {
            Take();
            left = new LogicalNode(TokenKind.Xor, left, ParseAnd());
        }
        return left;
    }

    private Node ParseAnd()
    {
        var left = ParseNot();
        while (Peek.Kind == TokenKind.And)
        {
            Take();
            left = new LogicalNode(TokenKind.And, left, ParseNot());
        }
        return left;
    }

    private Node ParseNot()
    {
        if (Peek.Kind == TokenKind.Not)
        {
            var not = Take();
            Enter();
            var operand = ParseNot();
            _depth--;
            return new NotNode(operand, not.Position);
        }
        return ParseRelation();
    }

    private Node ParseRelation()
    {
        if (Peek.Kind == TokenKind.LParen)
        {
            Take();
            var inner = ParseOr();
            Expect(TokenKind.RParen);
            return inner;
        }

        var quantifier = Quantifier.Default;
        if (Peek.Kind is TokenKind.Any or TokenKind.All)
            quantifier = Take().Kind == TokenKind.Any ? Quantifier.Any : Quantifier.All;

        var left = ParseEntity();
        if (Peek.IsComparison)
        {
            var op = Take();
            var right = ParseEntity();
            return new ComparisonNode(op, quantifier, left, right);
        }
        if (Peek.Kind == TokenKind.In)
        {
            Take();
            return ParseSet(left, quantifier);
        }
        if (Peek.Kind == TokenKind.Not && PeekAt(1).Kind == TokenKind.In)
        {
            // "a not in {...}" is "not (a in {...})" (tshark 4.0 keeps frames without the field).
            int notPosition = Take().Position;
            Take();
            return new NotNode(ParseSet(left, quantifier), notPosition);
        }
        if (quantifier != Quantifier.Default) throw UnexpectedHere();
        return new ExistsNode(left);
    }

    private MembershipNode ParseSet(Entity left, Quantifier quantifier)
    {
        Expect(TokenKind.LBrace);
        var items = new List<SetItem>();
        while (true)
        {
            var low = ParseEntity();
            Entity? high = null;
            if (Peek.Kind == TokenKind.DotDot)
            {
                Take();
                high = ParseEntity();
            }
            items.Add(new SetItem(low, high));
            if (Peek.Kind == TokenKind.Comma) { Take(); continue; }
            var close = Expect(TokenKind.RBrace);
            return new MembershipNode(left, items, quantifier, close.End);
        }
    }

    private Entity ParseEntity()
    {
        Enter();
        var entity = ParseBitAnd();
        _depth--;
        return entity;
    }

    private Entity ParseBitAnd()
    {
        var left = ParseAdditive();
        while (Peek.Kind == TokenKind.BitAnd)
        {
            var op = Take();
            left = new ArithmeticNode(op, left, ParseAdditive());
        }
        return left;
    }

    private Entity ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Peek.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Take();
            left = new ArithmeticNode(op, left, ParseMultiplicative());
        }
        return left;
    }

    private Entity ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Peek.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
        {
            var op = Take();
            left = new ArithmeticNode(op, left, ParseUnary());
        }
        return left;
    }

    private Entity ParseUnary()
    {
        if (Peek.Kind == TokenKind.Minus)
        {
            var minus = Take();
            Enter();
            var operand = ParseUnary();
            _depth--;
            return new NegateNode(operand, minus.Position);
        }
        return ParsePostfix();
    }

    private Entity ParsePostfix()
    {
        var entity = ParsePrimary();
        while (Peek.Kind == TokenKind.SliceBody)
        {
            var brackets = Take();
            entity = new SliceNode(entity, SliceRangeParser.Parse(brackets.Text, brackets.Position + 1), brackets);
        }
        return entity;
    }

    private Entity ParsePrimary()
    {
        var t = Peek;
        switch (t.Kind)
        {
            case TokenKind.Word:
                Take();
                if (Peek.Kind == TokenKind.LParen) return ParseFunction(t);
                if (Peek.Kind == TokenKind.Hash) return ParseLayer(t);
                return new WordNode(t);
            case TokenKind.String or TokenKind.RawString or TokenKind.CharConst:
                Take();
                return new LiteralNode(t);
            case TokenKind.FieldReference:
                Take();
                return new FieldReferenceNode(t);
            case TokenKind.LBrace:
            {
                Take();
                var inner = ParseEntity();
                Expect(TokenKind.RBrace);
                return inner;
            }
            default:
                throw UnexpectedHere();
        }
    }

    private FunctionNode ParseFunction(Token name)
    {
        Take(); // (
        var args = new List<Entity>();
        if (Peek.Kind != TokenKind.RParen)
        {
            while (true)
            {
                args.Add(ParseEntity());
                if (Peek.Kind != TokenKind.Comma) break;
                Take();
            }
        }
        var close = Expect(TokenKind.RParen);
        return new FunctionNode(name, args, close.End);
    }

    /// <summary>ip.src#2, tcp.port#[2-4]: which protocol layer the field must come from.</summary>
    private WordNode ParseLayer(Token field)
    {
        Take(); // #
        var t = Peek;
        if (t.Kind == TokenKind.SliceBody)
        {
            Take();
            return new WordNode(field, SliceRangeParser.Parse(t.Text, t.Position + 1), t.End);
        }
        if (t.Kind == TokenKind.Word && int.TryParse(t.Text, out int layer) && layer >= 0)
        {
            Take();
            return new WordNode(field, [new SliceRange(layer, 1, SliceRangeKind.Length)], t.End);
        }
        throw UnexpectedHere();
    }
}
