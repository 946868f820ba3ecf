using Sniffer.Filters.Syntax;

namespace Sniffer.Filters.Ast;

/// <summary>A piece of the parsed filter and where it came from in the text (for error carets).</summary>
public abstract record Node(int Position, int Length);

// ---- tests: nodes that are true or false for a packet ----

/// <summary>and / or / xor.</summary>
public sealed record LogicalNode(TokenKind Op, Node Left, Node Right)
    : Node(Left.Position, Right.Position + Right.Length - Left.Position);

public sealed record NotNode(Node Operand, int NotPosition)
    : Node(NotPosition, Operand.Position + Operand.Length - NotPosition);

public enum Quantifier : byte { Default, Any, All }

/// <summary>left OP right, with an optional any/all prefix.</summary>
public sealed record ComparisonNode(Token Op, Quantifier Quantifier, Entity Left, Entity Right)
    : Node(Left.Position, Right.Position + Right.Length - Left.Position);

/// <summary>left in {a, b, c..d}.</summary>
public sealed record MembershipNode(Entity Left, IReadOnlyList<SetItem> Items, Quantifier Quantifier, int EndPosition)
    : Node(Left.Position, EndPosition - Left.Position);

public sealed record SetItem(Entity Low, Entity? High);

/// <summary>An entity used on its own: "tcp", "tcp.flags &amp; 0x02", "frame[100]".</summary>
public sealed record ExistsNode(Entity Entity) : Node(Entity.Position, Entity.Length);

// ---- entities: nodes that have values ----

public abstract record Entity(int Position, int Length) : Node(Position, Length);

/// <summary>An unquoted word: a field or protocol name, or a literal whose meaning depends on the other side.</summary>
public sealed record WordNode(Token Token, IReadOnlyList<SliceRange>? Layers = null, int LayerEnd = 0)
    : Entity(Token.Position, Layers is null ? Token.Length : LayerEnd - Token.Position)
{
    public string Text => Token.Text;
}

/// <summary>A quoted string, raw string or character constant.</summary>
public sealed record LiteralNode(Token Token) : Entity(Token.Position, Token.Length);

/// <summary>${field}: the value in the packet selected in the GUI.</summary>
public sealed record FieldReferenceNode(Token Token) : Entity(Token.Position, Token.Length);

public sealed record SliceNode(Entity Operand, IReadOnlyList<SliceRange> Ranges, Token Brackets)
    : Entity(Operand.Position, Brackets.End - Operand.Position);

public sealed record FunctionNode(Token Name, IReadOnlyList<Entity> Arguments, int EndPosition)
    : Entity(Name.Position, EndPosition - Name.Position);

/// <summary>+ - * / % &amp;.</summary>
public sealed record ArithmeticNode(Token Op, Entity Left, Entity Right)
    : Entity(Left.Position, Right.Position + Right.Length - Left.Position);

public sealed record NegateNode(Entity Operand, int MinusPosition)
    : Entity(MinusPosition, Operand.Position + Operand.Length - MinusPosition);

/// <summary>One part of a slice: [start:length], [start-end], [start], [:length], [start:].</summary>
public readonly record struct SliceRange(int Start, int Count, SliceRangeKind Kind);

public enum SliceRangeKind : byte
{
    /// <summary>[i:j]: Count bytes from Start.</summary>
    Length,
    /// <summary>[i-j]: from Start to Count inclusive (Count holds the end offset).</summary>
    End,
    /// <summary>[i:]: from Start to the end.</summary>
    ToEnd,
}
