using System.Text.RegularExpressions;
using Sniffer.Dissectors.Fields;
using Sniffer.Filters.Ast;
using Sniffer.Filters.Evaluation;
using Sniffer.Filters.Evaluation.Tests;
using Sniffer.Filters.Evaluation.Values;
using Sniffer.Filters.Literals;
using Sniffer.Filters.Syntax;

namespace Sniffer.Filters.Semantic;

/// <summary>
/// Checks a parsed filter against the field registry and turns it into evaluator nodes: names become
/// fields, literals are converted to the type of what they are compared with, and type errors are
/// reported with tshark 4.0's wording and the position of the offending part.
/// </summary>
internal sealed class Binder
{
    /// <summary>Protocols whose span bounds the payload a protocol's tvb reaches (Wireshark trims it to the IP length).</summary>
    private static readonly FieldDef[] PacketProtocols = FindAll("ip", "ipv6");
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);
    private readonly string _text;
    private readonly FunctionBinder _functions;

    private Binder(string text)
    {
        _text = text;
        _functions = new FunctionBinder(this);
    }

    /// <summary>True when some protocol's bytes are read (frame contains "x", ip[0] == 45), so the caller must pass the frame.</summary>
    public bool NeedsFrameBytes { get; private set; }

    public static TestNode Bind(Node root, string text, out bool needsFrameBytes)
    {
        var binder = new Binder(text);
        var test = binder.BindTest(root);
        needsFrameBytes = binder.NeedsFrameBytes;
        return test;
    }

    private static FieldDef[] FindAll(params string[] names)
    {
        var found = new List<FieldDef>();
        foreach (var name in names) if (FieldRegistry.Find(name) is { } f) found.Add(f);
        return [.. found];
    }

    internal string SourceOf(Node node) => _text.Substring(node.Position, Math.Min(node.Length, _text.Length - node.Position));

    private TestNode BindTest(Node node) => node switch
    {
        LogicalNode { Op: TokenKind.And } l => new AndTest(BindTest(l.Left), BindTest(l.Right)),
        LogicalNode { Op: TokenKind.Or } l => new OrTest(BindTest(l.Left), BindTest(l.Right)),
        LogicalNode l => new XorTest(BindTest(l.Left), BindTest(l.Right)),
        NotNode n => new NotTest(BindTest(n.Operand)),
        ExistsNode e => BindExists(e.Entity),
        ComparisonNode c => BindComparison(c),
        MembershipNode m => BindMembership(m),
        _ => throw new FilterException("Unsupported expression.", node.Position, node.Length),
    };

    private TestNode BindExists(Entity entity)
    {
        switch (entity)
        {
            case WordNode { Layers: null } w:
                return new FieldExistsTest(FindField(w));
            case WordNode w:
                FindField(w);
                return new EntityTruthTest(BindValue(w, null), needNonZero: false);
            case LiteralNode l:
                throw NeitherFieldNorProtocol(l.Token.Text, l.Position, l.Length);
            case FunctionNode f:
                _functions.Bind(f, null);
                throw new FilterException("You cannot test whether a function is present.", f.Name.Position, f.Name.Length);
            case SliceNode s:
                return new EntityTruthTest(BindValue(s, null), needNonZero: false);
            default:
                return new EntityTruthTest(BindValue(entity, null), needNonZero: true);
        }
    }

    private FieldDef FindField(WordNode w) =>
        FieldRegistry.Find(w.Text) ?? throw NeitherFieldNorProtocol(w.Text, w.Token.Position, w.Token.Length);

    private static FilterException NeitherFieldNorProtocol(string text, int position, int length) =>
        new($"{text} is neither a field nor a protocol name.", position, length, SuggestionFor(text));

    /// <summary>The closest known name for something that looks like a misspelt field, or null.</summary>
    internal static string? SuggestionFor(string text)
    {
        if (text.Length < 2 || !char.IsAsciiLetter(text[0])) return null;
        var names = FieldRegistry.Suggest(text, 1);
        return names.Count > 0 ? names[0] : null;
    }

    private TestNode BindComparison(ComparisonNode c)
    {
        var left = BindLeft(c.Left, c.Op.Text);
        if (c.Op.Kind is TokenKind.Contains or TokenKind.Matches && left is FieldValueNode { Type: FieldType.Protocol } protocol)
            protocol.ReadProtocolToEndOfPacket(PacketProtocols);
        bool? quantifierAll = c.Quantifier switch { Quantifier.All => true, Quantifier.Any => false, _ => null };
        switch (c.Op.Kind)
        {
            case TokenKind.Contains:
            {
                RequireStringOrBytes(left, c.Left, c.Op.Text);
                var right = BindRight(c.Right, left, c.Left);
                return new ContainsTest(left, right, quantifierAll ?? false);
            }
            case TokenKind.Matches:
            {
                RequireStringOrBytes(left, c.Left, c.Op.Text);
                return new MatchesTest(left, CompileRegex(c.Right), quantifierAll ?? false);
            }
        }
        if (left.Class == CompareClass.None)
            throw new FilterException($"{SourceOf(c.Left)} (type={TypeNames.Describe(left.Type)}) cannot participate in {c.Op.Text} comparison.", c.Left.Position, c.Left.Length);
        var rightValue = BindRight(c.Right, left, c.Left);
        var (relation, all) = c.Op.Kind switch
        {
            TokenKind.AnyEq => (Relation.Equal, false),
            TokenKind.AllNe => (Relation.NotEqual, true),
            TokenKind.AllEq => (Relation.Equal, true),
            TokenKind.AnyNe => (Relation.NotEqual, false),
            TokenKind.Gt => (Relation.Greater, false),
            TokenKind.Ge => (Relation.GreaterOrEqual, false),
            TokenKind.Lt => (Relation.Less, false),
            _ => (Relation.LessOrEqual, false),
        };
        return new CompareTest(left, relation, quantifierAll ?? all, rightValue, ClassFor(left, rightValue));
    }

    private TestNode BindMembership(MembershipNode m)
    {
        var left = BindLeft(m.Left, "in");
        var members = new SetMember[m.Items.Count];
        for (int i = 0; i < members.Length; i++)
        {
            var item = m.Items[i];
            members[i] = new SetMember(BindRight(item.Low, left, m.Left), item.High is null ? null : BindRight(item.High, left, m.Left));
        }
        return new MembershipTest(left, members, m.Quantifier == Quantifier.All, left.Class);
    }

    /// <summary>Mixed signed/unsigned integers compare as signed.</summary>
    private static CompareClass ClassFor(ValueNode left, ValueNode right) =>
        left.Class == CompareClass.Unsigned && right.Class == CompareClass.Signed ? CompareClass.Signed : left.Class;

    private void RequireStringOrBytes(ValueNode left, Entity leftNode, string op)
    {
        if (left.Type is not (FieldType.String or FieldType.Bytes or FieldType.Protocol))
            throw new FilterException($"{SourceOf(leftNode)} (type={TypeNames.Describe(left.Type)}) cannot participate in {op} comparison.", leftNode.Position, leftNode.Length);
    }

    private Regex CompileRegex(Entity right)
    {
        if (right is not LiteralNode { Token.Kind: TokenKind.String or TokenKind.RawString } literal)
            throw new FilterException($"Expected a double quoted string, not {SourceOf(right)}.", right.Position, right.Length);
        string pattern = System.Text.Encoding.UTF8.GetString(literal.Token.Bytes!);
        try
        {
            // PCRE2 as Wireshark uses it is case-insensitive by default; "(?-i)" turns that off in .NET too.
            return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            throw new FilterException($"Regex compilation error: {e.Message}", right.Position, right.Length);
        }
    }

    /// <summary>The left side of a relation must be a field, a slice, a function or arithmetic on them.</summary>
    private ValueNode BindLeft(Entity entity, string op)
    {
        switch (entity)
        {
            case WordNode w when FieldRegistry.Find(w.Text) is null:
                throw new FilterException($"Left side of \"{op}\" expression must be a field or function, not {w.Text}.", w.Position, w.Length, SuggestionFor(w.Text));
            case LiteralNode l:
                throw new FilterException($"Left side of \"{op}\" expression must be a field or function, not {l.Token.Text}.", l.Position, l.Length);
            default:
                return BindValue(entity, null);
        }
    }

    /// <summary>The right side: a field (which must be of a compatible type) or a literal converted to the left's type.</summary>
    internal ValueNode BindRight(Entity entity, ValueNode left, Entity leftNode)
    {
        var right = BindValue(entity, left);
        if (right is not LiteralValue && !Compatible(left.Type, right.Type))
            throw new FilterException($"{SourceOf(leftNode)} and {SourceOf(entity)} are not of compatible types.", entity.Position, entity.Length);
        return right;
    }

    internal static bool Compatible(FieldType a, FieldType b)
    {
        if (a == b) return true;
        var ca = CompareClasses.Of(a);
        var cb = CompareClasses.Of(b);
        if (ca is CompareClass.Unsigned or CompareClass.Signed && cb is CompareClass.Unsigned or CompareClass.Signed)
            return a is not (FieldType.RelativeTime or FieldType.AbsoluteTime) && b is not (FieldType.RelativeTime or FieldType.AbsoluteTime);
        return a is FieldType.Bytes or FieldType.Protocol && b is FieldType.Bytes or FieldType.Protocol
            || a == FieldType.Bytes && b is FieldType.Ether or FieldType.IPv4 or FieldType.IPv6;
    }

    /// <summary>
    /// Binds an entity to a value node. <paramref name="context"/> is what a literal will be compared with
    /// (its type and field drive the conversion); without it a literal is an error.
    /// </summary>
    internal ValueNode BindValue(Entity entity, ValueNode? context)
    {
        switch (entity)
        {
            case WordNode w:
            {
                var field = FieldRegistry.Find(w.Text);
                if (field is not null) return BindField(field, w);
                if (context is null) throw NeitherFieldNorProtocol(w.Text, w.Token.Position, w.Token.Length);
                return Literal(new LiteralText(TokenKind.Word, w.Text, null, w.Position, w.Length), context);
            }
            case LiteralNode l:
                if (context is null) throw NeitherFieldNorProtocol(l.Token.Text, l.Position, l.Length);
                return Literal(new LiteralText(l.Token.Kind, l.Token.Text, l.Token.Bytes, l.Position, l.Length), context);
            case NegateNode n:
                return BindNegate(n, context);
            case SliceNode s:
            {
                var operand = BindValue(s.Operand, null);
                if (!CompareClasses.IsBytes(operand.Type))
                    throw new FilterException($"\"{SourceOf(s.Operand)}\" is a {TypeNames.Describe(operand.Type)} and cannot be sliced into a sequence of bytes.", s.Operand.Position, s.Operand.Length);
                return new SliceValue(operand, [.. s.Ranges]);
            }
            case FunctionNode f:
                return _functions.Bind(f, context);
            case ArithmeticNode a:
                return BindArithmetic(a, context);
            case FieldReferenceNode r:
                throw new FilterException($"Field references like ${{{r.Token.Text}}} need a selected packet and are not supported here.", r.Position, r.Length);
            default:
                throw new FilterException("Unsupported expression.", entity.Position, entity.Length);
        }
    }

    private ValueNode BindField(FieldDef field, WordNode w)
    {
        if (field.Type == FieldType.Protocol) NeedsFrameBytes = true;
        if (w.Layers is null) return new FieldValueNode(field);
        var protocol = FieldRegistry.Find(field.ProtocolName) ?? field;
        int min = int.MaxValue, max = 0;
        foreach (var r in w.Layers)
        {
            int low = r.Start, high = r.Kind switch
            {
                SliceRangeKind.Length => r.Start + r.Count - 1,
                SliceRangeKind.End => r.Count,
                _ => int.MaxValue,
            };
            min = Math.Min(min, low);
            max = Math.Max(max, high);
        }
        return new FieldValueNode(field, protocol, min, max);
    }

    private static LiteralValue Literal(in LiteralText lit, ValueNode context)
    {
        // The literal takes the type of what it is compared with; a field gives value strings too (ip.proto == UDP).
        var field = context is FieldValueNode f ? f.Field : null;
        var type = context.Type;
        return new LiteralValue(type, LiteralConverter.Convert(lit, type, field));
    }

    private ValueNode BindNegate(NegateNode n, ValueNode? context)
    {
        // "-1" is a literal; "-udp.srcport" negates a field.
        if (n.Operand is WordNode w && FieldRegistry.Find(w.Text) is null)
        {
            if (context is null) throw NeitherFieldNorProtocol("-" + w.Text, n.Position, n.Length);
            return Literal(new LiteralText(TokenKind.Word, "-" + w.Text, null, n.Position, n.Length), context);
        }
        var operand = BindValue(n.Operand, context);
        if (operand.Class is not (CompareClass.Signed or CompareClass.Unsigned or CompareClass.Double))
            throw new FilterException($"{operand.Type.WiresharkName()} cannot -.", n.Position, n.Length);
        return new NegateValue(operand);
    }

    private ValueNode BindArithmetic(ArithmeticNode a, ValueNode? context)
    {
        var left = BindValue(a.Left, context);
        bool allowed = a.Op.Kind switch
        {
            TokenKind.BitAnd => left.Class is CompareClass.Unsigned or CompareClass.Signed && left.Type is not (FieldType.Boolean or FieldType.RelativeTime or FieldType.AbsoluteTime)
                                || left.Type is FieldType.Bytes or FieldType.Protocol,
            TokenKind.Plus or TokenKind.Minus => left.Class is CompareClass.Unsigned or CompareClass.Signed or CompareClass.Double && left.Type != FieldType.Boolean,
            _ => left.Class is CompareClass.Unsigned or CompareClass.Signed or CompareClass.Double
                 && left.Type is not (FieldType.Boolean or FieldType.RelativeTime or FieldType.AbsoluteTime),
        };
        if (!allowed)
            throw new FilterException($"{left.Type.WiresharkName()} cannot {a.Op.Text}.", a.Left.Position, a.Left.Length);
        var right = BindRight(a.Right, left, a.Left);
        return new ArithmeticValue(a.Op.Kind, left, right);
    }
}
