using Sniffer.Dissectors.Fields;
using Sniffer.Filters.Ast;
using Sniffer.Filters.Evaluation;
using Sniffer.Filters.Evaluation.Values;

namespace Sniffer.Filters.Semantic;

/// <summary>len, count, lower, upper, string, abs, min, max: argument checks with tshark's messages.</summary>
internal sealed class FunctionBinder(Binder binder)
{
    public ValueNode Bind(FunctionNode f, ValueNode? context)
    {
        string name = f.Name.Text;
        switch (name)
        {
            case "len":
                return new LenValue(SingleField(f, "Only fields can be used as parameter for len()"));
            case "count":
                return new CountValue(SingleField(f, "Only fields can be used as parameter for count()"));
            case "lower" or "upper":
            {
                var arg = SingleField(f, $"Only string type fields can be used as parameter for {name}()");
                if (arg.Type != FieldType.String)
                    throw ArgumentError(f, $"Only string type fields can be used as parameter for {name}()");
                return new CaseValue(arg, upper: name == "upper");
            }
            case "string":
            {
                var arg = SingleField(f, "Only fields can be used as parameter for string()");
                if (arg.Type is FieldType.String or FieldType.Bytes or FieldType.Protocol or FieldType.None or FieldType.Boolean
                    or FieldType.RelativeTime or FieldType.AbsoluteTime)
                    throw ArgumentError(f, $"String conversion for field \"{binder.SourceOf(f.Arguments[0])}\" is not supported");
                return new StringValue(arg);
            }
            case "abs":
            {
                ArgumentCount(f, 1, 1);
                var arg = binder.BindValue(f.Arguments[0], context);
                if (arg.Class is not (CompareClass.Signed or CompareClass.Unsigned or CompareClass.Double) || arg.Type == FieldType.Boolean)
                    throw ArgumentError(f, $"'{binder.SourceOf(f.Arguments[0])}' is not a valid argument to '{name}'()");
                return new AbsValue(arg);
            }
            case "min" or "max":
                return MinMax(f, name, context);
            default:
                throw new FilterException($"Function '{name}' does not exist", f.Name.Position, f.Name.Length);
        }
    }

    private ValueNode MinMax(FunctionNode f, string name, ValueNode? context)
    {
        ArgumentCount(f, 1, int.MaxValue);
        // Literals take the type of the first argument that is not a literal.
        ValueNode? first = null;
        foreach (var a in f.Arguments)
        {
            if (a is WordNode w && FieldRegistry.Find(w.Text) is null || a is LiteralNode) continue;
            first = binder.BindValue(a, context);
            break;
        }
        first ??= context ?? throw new FilterException($"Function {name} needs at least one field argument.", f.Position, f.Length);
        var args = new ValueNode[f.Arguments.Count];
        for (int i = 0; i < args.Length; i++)
        {
            args[i] = binder.BindValue(f.Arguments[i], first);
            if (args[i].Type != first.Type && !(args[i] is LiteralValue))
                throw new FilterException($"Arguments to '{name}' must have the same type (expected {first.Type.WiresharkName()}, got {args[i].Type.WiresharkName()})",
                    f.Arguments[i].Position, f.Arguments[i].Length);
        }
        return new MinMaxValue(args, max: name == "max");
    }

    private ValueNode SingleField(FunctionNode f, string notAField)
    {
        ArgumentCount(f, 1, 1);
        var arg = f.Arguments[0];
        if (arg is not WordNode w || FieldRegistry.Find(w.Text) is null)
        {
            if (arg is WordNode word && !Literals.IntegerLiteral.LooksNumeric(word.Text))
                throw new FilterException($"{word.Text} is neither a field nor a protocol name.", word.Position, word.Length, Binder.SuggestionFor(word.Text));
            throw new FilterException(notAField, arg.Position, arg.Length);
        }
        return binder.BindValue(arg, null);
    }

    private static void ArgumentCount(FunctionNode f, int min, int max)
    {
        if (f.Arguments.Count < min)
            throw new FilterException($"Function {f.Name.Text} needs at least {min} arguments.", f.Name.Position, f.Name.Length);
        if (f.Arguments.Count > max)
            throw new FilterException($"Function {f.Name.Text} can only accept {max} arguments.", f.Name.Position, f.Name.Length);
    }

    private static FilterException ArgumentError(FunctionNode f, string message) =>
        new(message, f.Arguments[0].Position, f.Arguments[0].Length);
}
