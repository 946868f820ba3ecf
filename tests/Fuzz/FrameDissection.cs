using Sniffer.Analysis.Pipeline;
using Sniffer.Capture;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Fuzz;

/// <summary>Dissects one frame as -V does (tree, every label made) and as -T fields does (every field's value).</summary>
public static class FrameDissection
{
    public static void Full(PacketProcessor processor, FuzzFrame frame, FieldValueSet values)
    {
        var info = new FrameInfo(1_700_000_000_000_000_000 + processor.FrameNumber * 1_000_000L, frame.LinkType,
            frame.Data.Length, Math.Max(frame.OriginalLength, frame.Data.Length), 0, 0);
        Tree(processor, info, frame.Data);
        Fields(info, frame.Data, values);
    }

    public static void Tree(PacketProcessor processor, in FrameInfo info, ReadOnlySpan<byte> data)
    {
        var ctx = processor.Next(info, wantColumns: true, wantProtocols: true);
        var builder = new FieldTreeBuilder();
        var sink = new TreeSink(builder);
        PacketProcessor.Dissect(data, ref ctx, ref sink);
        MakeLabels(builder.Root);
        _ = processor.Info.ToString();
    }

    // Labels format lazily: make every one, as -V prints them. An explicit walk with a reused stack, not
    // FieldNode.Descendants(): its nested iterators allocated one object per node and re-yielded every node
    // once per ancestor, the harness's own cost rather than the dissectors'.
    [ThreadStatic] private static Stack<FieldNode>? t_pending;

    private static void MakeLabels(FieldNode root)
    {
        var pending = t_pending ??= new Stack<FieldNode>();
        pending.Clear();
        pending.Push(root);
        while (pending.TryPop(out var node))
        {
            var children = node.Children;
            for (int i = children.Count - 1; i >= 0; i--)
            {
                _ = children[i].Label;
                pending.Push(children[i]);
            }
        }
    }

    public static void Fields(in FrameInfo info, ReadOnlySpan<byte> data, FieldValueSet values)
    {
        values.Clear();
        var processor = new PacketProcessor();
        var ctx = processor.Next(info, wantColumns: false, wantProtocols: false);
        var sink = new CollectorSink(values);
        PacketProcessor.Dissect(data, ref ctx, ref sink);
    }
}
