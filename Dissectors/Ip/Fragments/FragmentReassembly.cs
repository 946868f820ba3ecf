using System.Text;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Ip.Fragments;

/// <summary>
/// What IPv4 and IPv6 share about fragments: when to reassemble (Wireshark's rule), the items under the IP
/// tree, and dissecting a reassembled payload from its own buffer.
/// </summary>
public static class FragmentReassembly
{
    /// <summary>
    /// Wireshark reassembles a fragment only when its whole payload was captured (and defragmentation is on);
    /// otherwise the first fragment is dissected as far as it goes and later ones stay data.
    /// </summary>
    public static bool CanReassemble(in PacketContext ctx, ReadOnlySpan<byte> frame, int payloadOffset, int payloadEnd) =>
        !ctx.InErrorPacket && ctx.Analyzer?.Fragments is not null && payloadEnd > payloadOffset && payloadEnd <= frame.Length;

    /// <summary>
    /// Adds "[3 IPv4 Fragments (3508 bytes): #1(1480), ...]" and its children under the open IP item, pointing
    /// into the reassembled buffer, which it registers as a data source when a tree is built. Returns the source id.
    /// </summary>
    public static int AddFragmentItems<TSink>(ReassembledDatagram datagram, FragmentFieldSet fields, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        int sourceId = 0;
        if (sink.WantsTree && ctx.Sources is not null)
        {
            sourceId = ctx.Sources.Add($"Reassembled {fields.Name} ({datagram.PayloadLength} bytes)", datagram.Buffer);
            sink.UseDataSource(sourceId);
        }
        int start = datagram.PayloadOffset, length = datagram.PayloadLength;
        var payload = datagram.Buffer.AsSpan(start, length);
        sink.AddBytes(fields.Fragments, start, length, payload, FieldFlags.Generated);
        if (sink.WantsTree) sink.SetLabel("[" + Summary(datagram, fields.Name) + "]");
        sink.Push();
        foreach (var piece in datagram.Pieces)
        {
            int pieceLength = Math.Max(0, Math.Min(piece.Length, length - piece.Offset));
            sink.AddUInt(fields.Fragment, start + piece.Offset, pieceLength, piece.Frame, FieldFlags.Generated);
            if (sink.WantsTree)
                sink.SetLabel($"[Frame: {piece.Frame}, payload: {piece.Offset}-{piece.Offset + piece.Length - 1} ({piece.Length} bytes)]");
        }
        if (datagram.Overlap) sink.AddUInt(fields.Overlap, 0, 0, 1, FieldFlags.Generated);
        if (datagram.Conflict) sink.AddUInt(fields.Conflict, 0, 0, 1, FieldFlags.Generated);
        sink.AddUInt(fields.Count, 0, 0, (ulong)datagram.Pieces.Length, FieldFlags.Generated);
        sink.AddUInt(fields.Length, 0, 0, (ulong)length, FieldFlags.Generated);
        sink.AddBytes(fields.Data, start, length, payload, FieldFlags.Generated);
        sink.Pop();
        if (sourceId != 0) sink.UseDataSource(0);
        return sourceId;
    }

    /// <summary>"[Reassembled in #N]" on an earlier fragment; only known on revisits (a single pass leaves it empty, as tshark).</summary>
    public static void AddReassembledIn<TSink>(uint frame, FragmentFieldSet fields, ref TSink sink) where TSink : struct, IFieldSink
    {
        if (frame == 0) return;
        sink.AddUInt(fields.ReassembledIn, 0, 0, frame, FieldFlags.Generated);
        if (sink.WantsTree) sink.SetLabel($"[Reassembled in #{frame}]");
    }

    /// <summary>
    /// Dissects a reassembled payload by protocol number from the datagram's own buffer (its IP header copy
    /// at offset 0 serves the pseudo-header). Offsets in LayerInfo are frame offsets, so the transport's
    /// offsets are withdrawn afterwards; its ports and lengths stay as values.
    /// </summary>
    public static DissectStatus DissectPayload<TSink>(ReassembledDatagram datagram, byte ipProtocol, int sourceId, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        ReadOnlySpan<byte> buffer = datagram.Buffer;
        int savedIp = ctx.CurrentIpOffset;
        ctx.CurrentIpOffset = 0;
        if (sourceId != 0) sink.UseDataSource(sourceId);
        var status = IpDispatch.DissectPayload(ipProtocol, buffer, datagram.PayloadOffset, buffer.Length, ref ctx, ref sink, out protocol);
        if (sourceId != 0) sink.UseDataSource(0);
        ctx.CurrentIpOffset = savedIp;
        ctx.Layers.TransportOffset = -1;
        ctx.Layers.PayloadOffset = -1;
        return status;
    }

    private static string Summary(ReassembledDatagram datagram, string name)
    {
        var text = new StringBuilder();
        text.Append(datagram.Pieces.Length).Append(' ').Append(name).Append(" Fragments (").Append(datagram.PayloadLength).Append(" bytes): ");
        for (int i = 0; i < datagram.Pieces.Length; i++)
        {
            if (i > 0) text.Append(", ");
            text.Append('#').Append(datagram.Pieces[i].Frame).Append('(').Append(datagram.Pieces[i].Length).Append(')');
        }
        return text.ToString();
    }
}
