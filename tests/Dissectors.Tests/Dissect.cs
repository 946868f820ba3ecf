using Sniffer.Capture;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Frame;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Tests.Dissectors;

/// <summary>Runs the real entry point (FrameDissector) in tree or collector mode for tests.</summary>
internal static class Dissect
{
    public sealed record TreeResult(DissectStatus Status, FieldNode Root, string Protocol, string Info, string Protocols, LayerInfo Layers);

    public static FrameInfo Info(byte[] data, int linkType = LinkType.Ethernet, int? originalLength = null) =>
        new(1_700_000_000_000_000_000, linkType, data.Length, originalLength ?? data.Length, 0, 0);

    public static TreeResult Tree(byte[] data, int linkType = LinkType.Ethernet, int? originalLength = null) =>
        Tree(data, Info(data, linkType, originalLength));

    public static TreeResult Tree(ReadOnlySpan<byte> data, FrameInfo info)
    {
        var builder = new FieldTreeBuilder();
        var sink = new TreeSink(builder);
        var ctx = PacketContext.Create(1, info, info.TimestampNs, info.TimestampNs);
        ctx.Info = new InfoColumn();
        ctx.Protocols = new ProtocolStack();
        var status = FrameDissector.Dissect(data, ref ctx, ref sink);
        return new TreeResult(status, builder.Root, ctx.Protocol, ctx.Info!.ToString(), ctx.Protocols!.ToString(), ctx.Layers);
    }

    public static (DissectStatus Status, FieldValueSet Values, PacketContext Ctx) Collect(ReadOnlySpan<byte> data, FrameInfo info, FieldValueSet values)
    {
        values.Clear();
        var sink = new CollectorSink(values);
        var ctx = PacketContext.Create(1, info, info.TimestampNs, info.TimestampNs);
        var status = FrameDissector.Dissect(data, ref ctx, ref sink);
        return (status, values, ctx);
    }

    /// <summary>All -T fields style values of one field, in order.</summary>
    public static List<string> Values(FieldNode root, string field)
    {
        var list = new List<string>();
        foreach (var n in root.Descendants()) if (n.Field?.Name == field) list.Add(FieldFormatter.FieldsValue(n));
        return list;
    }

    public static string? Value(FieldNode root, string field) => Values(root, field) is { Count: > 0 } v ? v[0] : null;

    public static List<string> Labels(FieldNode root)
    {
        var list = new List<string>();
        foreach (var n in root.Descendants()) list.Add(n.Label);
        return list;
    }

    public static FieldDef Field(string name) => FieldRegistry.Find(name) ?? throw new ArgumentException(name);
}
