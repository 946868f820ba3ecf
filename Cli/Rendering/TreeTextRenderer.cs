using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Cli.Rendering;

/// <summary>-V and -O: the packet details as indented text, laid out like tshark -V.</summary>
public static class TreeTextRenderer
{
    public static void Render(TextWriter output, FieldNode root, IReadOnlyCollection<string>? detailProtocols)
    {
        foreach (var protocol in root.Children)
        {
            if (protocol.IsHidden) continue;
            output.Write(protocol.Label);
            output.Write('\n');
            bool expand = detailProtocols is null || detailProtocols.Count == 0 ||
                          (protocol.Field is not null && detailProtocols.Contains(protocol.Field.Name));
            if (expand) RenderChildren(output, protocol, 1);
        }
    }

    private static void RenderChildren(TextWriter output, FieldNode parent, int depth)
    {
        foreach (var node in parent.Children)
        {
            if (node.IsHidden) continue;
            Indent(output, depth);
            output.Write(node.Label);
            output.Write('\n');
            if (node.Expert is { } note)
            {
                Indent(output, depth + 1); output.Write('['); output.Write(note.Message); output.Write("]\n");
                Indent(output, depth + 1); output.Write("[Severity level: "); output.Write(ExpertDef.SeverityName(note.Def.Severity)); output.Write("]\n");
                Indent(output, depth + 1); output.Write("[Group: "); output.Write(ExpertDef.GroupName(note.Def.Group)); output.Write("]\n");
            }
            RenderChildren(output, node, depth + 1);
        }
    }

    private static void Indent(TextWriter output, int depth)
    {
        for (int i = 0; i < depth; i++) output.Write("    ");
    }
}
