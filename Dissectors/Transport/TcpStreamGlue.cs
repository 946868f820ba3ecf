using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Transport;

/// <summary>
/// Between TCP and the application dissectors: gives each segment's payload to the application
/// protocol and, when it answers with a <see cref="DesegmentRequest"/>, keeps the incomplete PDU in
/// the direction's <see cref="PduStream"/> until the segments that complete it arrive — so that a
/// message belongs to the frame that completes it, as in tshark. Segments that only carry part of
/// a PDU are marked "[TCP segment of a reassembled PDU]". Out-of-order data is not reassembled
/// (tshark 4.0's default): a gap drops the pending PDU.
/// </summary>
public static class TcpStreamGlue
{
    public static DissectStatus Dissect<TSink>(ushort srcPort, ushort dstPort, ReadOnlySpan<byte> frame, int offset, int end,
        ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        PduStream? stream = null;
        bool whole = end <= frame.Length && offset < end;
        if (whole && !ctx.InErrorPacket && ctx.Analyzer is { } analyzer && ctx.Layers.TransportOffset >= 0 &&
            ctx.Layers.TransportOffset + 8 <= frame.Length)
        {
            stream = analyzer.PduStream(ConversationKey.From(frame, ctx.Layers, isResponse: false));
        }
        if (stream is null)
        {
            // No reassembly possible (no analysis, or the capture cut the segment): the segment alone.
            var alone = new StreamPayload(frame, frame, 0, canDesegment: false);
            var none = default(DesegmentRequest);
            if (TcpApplications.TryDissect(srcPort, dstPort, alone, offset, end, ref ctx, ref sink, ref none, out protocol, out var status)) return status;
            protocol = "TCP";
            return DataDissector.Dissect(frame, offset, end, ref ctx, ref sink);
        }

        uint seq = BinaryPrimitives.ReadUInt32BigEndian(frame[(ctx.Layers.TransportOffset + 4)..]);
        var segment = frame[offset..end];
        if (stream.TryGetDelivery(ctx.FrameNumber, out var seen)) return Replay(seen, srcPort, dstPort, frame, offset, end, ref ctx, ref sink, out protocol);

        // First visit.
        if (stream.PendingLength > 0)
        {
            int delta = (int)(seq - stream.NextSeq);
            if (delta == 0)
            {
                if (!stream.Append(segment, seq)) return Direct(stream, srcPort, dstPort, frame, offset, end, seq, ref ctx, ref sink, out protocol);
                if (stream.Needed > 0 && stream.PendingLength < stream.Needed)
                {
                    stream.Remember(ctx.FrameNumber, PduStream.DeliveryKind.Part);
                    return PartOnly(ref ctx, out protocol);
                }
                // In place when nothing outlives this call (the CLI's single pass without a tree): no copy of
                // the PDU per completing segment. A copy only when a store keeps it for revisits or the tree
                // names it as a data source.
                bool keepsCopy = stream.Store is not null || (sink.WantsTree && ctx.Sources is not null);
                byte[]? copy = keepsCopy ? stream.Complete(segment).ToArray() : null;
                ReadOnlySpan<byte> data = copy ?? stream.Complete(segment);
                stream.Remember(ctx.FrameNumber, PduStream.DeliveryKind.Reassembled, data);
                var desegment = default(DesegmentRequest);
                var status = Reassembled(data, copy, srcPort, dstPort, frame, ref ctx, ref sink, ref desegment, out protocol);
                if (desegment.Requested) stream.Keep(data[desegment.Offset..], desegment.MoreBytes, seq + (uint)segment.Length, OpaqueFrom(in desegment, ref ctx, stream));
                else stream.Reset();
                return status;
            }
            if (delta < 0)
            {
                // Old data again (overlap): already part of the pending PDU.
                stream.Remember(ctx.FrameNumber, PduStream.DeliveryKind.Part);
                protocol = "TCP";
                return DissectStatus.Complete;
            }
            stream.Reset(); // a gap: what was pending can no longer be completed
        }
        return Direct(stream, srcPort, dstPort, frame, offset, end, seq, ref ctx, ref sink, out protocol);
    }

    private static DissectStatus Direct<TSink>(PduStream stream, ushort srcPort, ushort dstPort, ReadOnlySpan<byte> frame, int offset, int end, uint seq,
        ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        stream.Remember(ctx.FrameNumber, PduStream.DeliveryKind.Direct);
        var payload = new StreamPayload(frame, frame, 0, canDesegment: true);
        var desegment = default(DesegmentRequest);
        if (!TcpApplications.TryDissect(srcPort, dstPort, payload, offset, end, ref ctx, ref sink, ref desegment, out protocol, out var status))
        {
            stream.Reset();
            protocol = "TCP";
            return DataDissector.Dissect(frame, offset, end, ref ctx, ref sink);
        }
        if (desegment.Requested)
        {
            stream.Keep(frame[desegment.Offset..end], desegment.MoreBytes, seq + (uint)(end - offset), OpaqueFrom(in desegment, ref ctx, stream));
            if (desegment.Offset == offset) Tag(ref ctx, ref protocol);
        }
        else stream.Reset();
        return status;
    }

    private static DissectStatus Reassembled<TSink>(ReadOnlySpan<byte> data, byte[]? array, ushort srcPort, ushort dstPort, ReadOnlySpan<byte> frame,
        ref PacketContext ctx, ref TSink sink, ref DesegmentRequest desegment, out string protocol)
        where TSink : struct, IFieldSink
    {
        int source = 0;
        if (sink.WantsTree && ctx.Sources is not null) source = ctx.Sources.Add($"Reassembled TCP ({data.Length} bytes)", array ?? data.ToArray());
        if (source != 0) sink.UseDataSource(source);
        var payload = new StreamPayload(data, frame, source, canDesegment: true);
        bool claimed = TcpApplications.TryDissect(srcPort, dstPort, payload, 0, data.Length, ref ctx, ref sink, ref desegment, out protocol, out var status);
        if (source != 0) sink.UseDataSource(0);
        if (!claimed) { protocol = "TCP"; return DissectStatus.Complete; }
        if (desegment.Requested && desegment.Offset == 0) Tag(ref ctx, ref protocol);
        return status;
    }

    /// <summary>A revisit: hand the dissector exactly what the first visit did, and change nothing.</summary>
    private static DissectStatus Replay<TSink>(PduStream.Delivery seen, ushort srcPort, ushort dstPort, ReadOnlySpan<byte> frame, int offset, int end,
        ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        var ignored = default(DesegmentRequest);
        switch (seen.Kind)
        {
            case PduStream.DeliveryKind.Part:
                return PartOnly(ref ctx, out protocol);
            case PduStream.DeliveryKind.Reassembled:
                return Reassembled(seen.Data, seen.Data, srcPort, dstPort, frame, ref ctx, ref sink, ref ignored, out protocol);
            default:
                var payload = new StreamPayload(frame, frame, 0, canDesegment: true);
                if (!TcpApplications.TryDissect(srcPort, dstPort, payload, offset, end, ref ctx, ref sink, ref ignored, out protocol, out var status))
                {
                    protocol = "TCP";
                    return DataDissector.Dissect(frame, offset, end, ref ctx, ref sink);
                }
                if (ignored.Requested && ignored.Offset == offset) Tag(ref ctx, ref protocol);
                return status;
        }
    }

    /// <summary>
    /// Where the kept PDU may stop keeping bytes (relative to its start), or -1: only on a single pass
    /// (nothing stored for revisits) whose output reads no body.
    /// </summary>
    private static int OpaqueFrom(in DesegmentRequest desegment, ref PacketContext ctx, PduStream stream) =>
        ctx.SkipOpaqueBytes && stream.Store is null && desegment.OpaqueFrom > desegment.Offset ? desegment.OpaqueFrom - desegment.Offset : -1;

    private static DissectStatus PartOnly(ref PacketContext ctx, out string protocol)
    {
        protocol = "TCP";
        Tag(ref ctx, ref protocol);
        return DissectStatus.Complete;
    }

    private static void Tag(ref PacketContext ctx, ref string protocol)
    {
        protocol = "TCP";
        if (ctx.InErrorPacket) return;
        ctx.Protocol = "TCP";
        ctx.Info?.Append(" [TCP segment of a reassembled PDU]");
    }
}
