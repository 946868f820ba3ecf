using System.Globalization;
using System.Text;

namespace Sniffer.Analysis.Reports.Stats;

/// <summary>
/// Wireshark's stats_tree (epan/stats_tree.c) as tshark prints it: counters in a tree of named nodes, each with its
/// rate over the time between the first and the latest tapped packet, its share of its parent and its burst rate
/// (the most ticks in any 100 ms window of 5 ms buckets, per ms). Children are printed by count, most first, then
/// by name in reverse byte order (tshark's default sort); the root's children in the order they were made.
/// </summary>
public sealed class StatsTree
{
    private const double BurstResolutionMs = 5, BurstWindowMs = 100;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public sealed class Node
    {
        internal Node(StatsTree tree, string name, Node? parent, bool withHash, bool isFloat)
        {
            Tree = tree; Name = name; Parent = parent; IsFloat = isFloat;
            Children = withHash ? new Dictionary<string, Node>(StringComparer.Ordinal) : null;
        }

        internal readonly StatsTree Tree;
        public string Name { get; }
        public Node? Parent { get; }
        public List<Node> Ordered { get; } = new();
        /// <summary>Children by name when the node keeps a hash of them (else names are looked up tree-wide).</summary>
        internal readonly Dictionary<string, Node>? Children;
        public int Counter;
        public bool IsFloat;
        public bool HasAverage;
        public double Total, Min = double.MaxValue, Max = double.MinValue;
        internal readonly LinkedList<(double Bucket, double Start, int Count)> Buckets = new();
        internal int BurstCount, MaxBurst;
        internal double BurstTime = -1;
    }

    private readonly Dictionary<string, Node> _named = new(StringComparer.Ordinal);
    private double _start = -1, _now;

    public StatsTree(string name)
    {
        Name = name;
        int slash = name.LastIndexOf('/');
        Root = new Node(this, slash >= 0 ? name[(slash + 1)..] : name, null, withHash: false, isFloat: false);
    }

    public string Name { get; }
    public Node Root { get; }
    public double ElapsedMs => _start < 0 ? 0 : _now - _start;

    /// <summary>Every tapped packet first: its time since the capture's first frame, in ms.</summary>
    public void Packet(double relativeMs)
    {
        _now = relativeMs;
        if (_start < 0) _start = _now;
    }

    /// <summary>stats_tree_create_node: a node registered by name (a parent others can be ticked under).</summary>
    public Node Create(string name, Node? parent, bool withHash = true, bool isFloat = false)
    {
        parent ??= Root;
        var node = new Node(this, name, parent, withHash, isFloat);
        _named[name] = node;
        parent.Ordered.Add(node);
        if (parent.Children is not null) parent.Children[name] = node;
        return node;
    }

    /// <summary>tick_stat_node (MN_INCREASE by one): finds the child by name, making it when new.</summary>
    public Node Tick(string name, Node? parent, bool withHash = false)
    {
        var node = Find(name, parent ?? Root) ?? NewChild(name, parent ?? Root, withHash);
        node.Counter++;
        Burst(node, 1);
        return node;
    }

    /// <summary>avg_stat_node_add_value_int/float (MN_AVERAGE): one more value for its average, minimum and maximum.</summary>
    public Node Average(string name, Node? parent, double value, bool withHash = false, bool isFloat = false)
    {
        var node = Find(name, parent ?? Root) ?? NewChild(name, parent ?? Root, withHash, isFloat);
        node.Counter++;
        Burst(node, 1);
        AddValue(node, value);
        return node;
    }

    /// <summary>stats_tree_tick_pivot: the pivot counts, and so does its child named after the value.</summary>
    public void TickPivot(Node pivot, string value)
    {
        pivot.Counter++;
        Burst(pivot, 1);
        Tick(value, pivot);
    }

    private static void AddValue(Node node, double value)
    {
        node.Total = node.IsFloat ? (float)node.Total + (float)value : node.Total + value;
        if (value < node.Min) node.Min = value;
        if (value > node.Max) node.Max = value;
        node.HasAverage = true;
    }

    private Node? Find(string name, Node parent) =>
        parent.Children is not null ? parent.Children.GetValueOrDefault(name) : _named.GetValueOrDefault(name);

    private Node NewChild(string name, Node parent, bool withHash, bool isFloat = false)
    {
        var node = new Node(this, name, parent, withHash, isFloat);
        if (withHash) _named[name] = node;
        parent.Ordered.Add(node);
        if (parent.Children is not null) parent.Children[name] = node;
        return node;
    }

    /// <summary>update_burst_calc: ticks per 5 ms bucket, summed over the last 100 ms; the highest sum and when its window began.</summary>
    private void Burst(Node node, int value)
    {
        double bucket = Math.Floor(_now / BurstResolutionMs);
        double window = BurstWindowMs / BurstResolutionMs;
        var list = node.Buckets;
        if (list.Count == 0) list.AddLast((0, 0, 0)); // tshark's list starts with an empty bucket 0
        if (bucket > list.Last!.Value.Bucket)
        {
            list.AddLast((bucket, _now, value));
            node.BurstCount += value;
            while (bucket >= list.First!.Value.Bucket + window)
            {
                node.BurstCount -= list.First.Value.Count;
                list.RemoveFirst();
            }
        }
        else if (bucket < list.First!.Value.Bucket)
        {
            if (bucket + window > list.Last.Value.Bucket)
            {
                list.AddFirst((bucket, _now, value));
                node.BurstCount += value;
            }
        }
        else
        {
            var search = list.Last;
            while (bucket < search!.Value.Bucket) search = search.Previous;
            if (bucket == search.Value.Bucket)
                search.Value = (search.Value.Bucket, Math.Min(search.Value.Start, _now), search.Value.Count + value);
            else list.AddAfter(search, (bucket, _now, value));
            node.BurstCount += value;
        }
        if (node.BurstCount > node.MaxBurst)
        {
            node.MaxBurst = node.BurstCount;
            node.BurstTime = list.First!.Value.Start;
        }
    }

    // ---- The plain text layout (stats_tree_format_as_str, ST_FORMAT_PLAIN) ----

    private static readonly string[] Columns = ["Count", "Average", "Min Val", "Max Val", "Rate (ms)", "Percent", "Burst Rate", "Burst Start"];
    private const int ColumnWidth = 12;

    public void Render(TextWriter w)
    {
        int nameWidth = MaxNameLength(Root, 0);
        int separatorLength = nameWidth + Columns.Length * (ColumnWidth + 2);
        var sb = new StringBuilder();
        sb.Append('\n').Append('=', separatorLength).Append('\n');
        sb.Append(Name).Append(":\n");
        sb.Append("Topic / Item".PadRight(nameWidth));
        foreach (var c in Columns) sb.Append(' ').Append(c.PadRight(ColumnWidth + 1));
        sb.Append('\n').Append('-', separatorLength).Append('\n');
        foreach (var child in Root.Ordered) Format(sb, child, 0, nameWidth);
        sb.Append('\n').Append('-', separatorLength).Append('\n');
        w.Write(sb.ToString());
    }

    private static int MaxNameLength(Node node, int indent)
    {
        int max = node.Name.Length + indent;
        foreach (var c in node.Ordered) max = Math.Max(max, MaxNameLength(c, indent + 1));
        return max;
    }

    private void Format(StringBuilder sb, Node node, int indent, int nameWidth)
    {
        sb.Append(' ', indent).Append(node.Name.PadRight(nameWidth - indent));
        foreach (var v in Values(node)) sb.Append(' ').Append(v.PadRight(ColumnWidth + 1));
        sb.Append('\n');
        if (node.Ordered.Count == 0) return;
        var children = new List<Node>(node.Ordered);
        children.Sort(Compare);
        foreach (var c in children) Format(sb, c, indent + 1, nameWidth);
    }

    /// <summary>By count, most first; equal counts by name, in reverse byte order (strcmp, then negated for descending).</summary>
    private static int Compare(Node a, Node b)
    {
        int r = a.Counter.CompareTo(b.Counter);
        if (r == 0) r = string.CompareOrdinal(a.Name, b.Name);
        return -r;
    }

    private string[] Values(Node n)
    {
        var v = new string[Columns.Length];
        v[0] = n.Counter.ToString(Inv);
        if (n.HasAverage)
        {
            v[1] = n.Counter > 0 ? ((float)n.Total / n.Counter).ToString("F2", Inv) : "-";
            v[2] = n.Counter > 0 ? (n.IsFloat ? ((float)n.Min).ToString("F6", Inv) : ((int)n.Min).ToString(Inv)) : "-";
            v[3] = n.Counter > 0 ? (n.IsFloat ? ((float)n.Max).ToString("F6", Inv) : ((int)n.Max).ToString(Inv)) : "-";
        }
        else v[1] = v[2] = v[3] = "";
        double elapsed = ElapsedMs;
        v[4] = elapsed != 0 ? ((double)(float)n.Counter / elapsed).ToString("F4", Inv) : "";
        v[5] = n.Parent is { Counter: > 0 } p ? (n.Counter * 100.0 / p.Counter).ToString("F2", Inv) + "%" : n.Parent == Root ? "100%" : "";
        v[6] = n.MaxBurst > 0 ? (n.MaxBurst / BurstWindowMs).ToString("F4", Inv) : "-";
        v[7] = n.MaxBurst > 0 ? (n.BurstTime / 1000.0).ToString("F3", Inv) : "-";
        return v;
    }
}
