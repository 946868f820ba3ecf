using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;
using Sniffer.Filters.Evaluation;
using Sniffer.Filters.Evaluation.Tests;
using Sniffer.Filters.Semantic;
using Sniffer.Filters.Syntax;

namespace Sniffer.Filters;

/// <summary>
/// A compiled Wireshark 4.0 display filter. Compile once, then call <see cref="Matches(FieldValueSet)"/>
/// per packet with a FieldValueSet in which every field of <see cref="Fields"/> is wanted.
/// Matching allocates nothing in steady state and is safe to call from several threads.
/// </summary>
public sealed class DisplayFilter
{
    private readonly TestNode _root;
    // One reusable scratch; a second thread that finds it taken makes its own (rare).
    private EvalScratch? _spare = new();

    private DisplayFilter(string text, TestNode root, bool needsFrameBytes)
    {
        Text = text;
        _root = root;
        NeedsFrameBytes = needsFrameBytes;
        var fields = new List<FieldDef>();
        root.CollectFields(fields);
        var seen = new HashSet<int>();
        var distinct = new List<FieldDef>();
        foreach (var f in fields) if (seen.Add(f.Id)) distinct.Add(f);
        Fields = distinct;
    }

    public string Text { get; }

    /// <summary>Every field and protocol the filter reads; mark them wanted in the FieldValueSet.</summary>
    public IReadOnlyList<FieldDef> Fields { get; }

    /// <summary>
    /// True when the filter reads a protocol's bytes (<c>frame contains "x"</c>, <c>ip[0] == 45</c>);
    /// pass the frame to <see cref="Matches(FieldValueSet, ReadOnlySpan{byte})"/> then.
    /// </summary>
    public bool NeedsFrameBytes { get; }

    /// <summary>True for the empty filter, which every packet passes.</summary>
    public bool IsEmpty => _root is AlwaysTrueTest;

    /// <exception cref="FilterException">The text is not a valid filter.</exception>
    public static DisplayFilter Compile(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text)) return new DisplayFilter(text, new AlwaysTrueTest(), false);
        var ast = Parser.Parse(text);
        var root = Binder.Bind(ast, text, out bool needsFrameBytes);
        return new DisplayFilter(text, root, needsFrameBytes);
    }

    public static bool TryCompile(string text, out DisplayFilter? filter, out FilterException? error)
    {
        try
        {
            filter = Compile(text);
            error = null;
            return true;
        }
        catch (FilterException e)
        {
            filter = null;
            error = e;
            return false;
        }
    }

    public bool Matches(FieldValueSet values) => Matches(values, default);

    /// <param name="frame">The frame's bytes, for filters that read protocol bytes (see <see cref="NeedsFrameBytes"/>).</param>
    public bool Matches(FieldValueSet values, ReadOnlySpan<byte> frame)
    {
        var scratch = Interlocked.Exchange(ref _spare, null) ?? new EvalScratch();
        scratch.Reset();
        try
        {
            return _root.Evaluate(new PacketView(values, frame, scratch));
        }
        finally
        {
            _spare = scratch;
        }
    }

    public override string ToString() => Text;
}
