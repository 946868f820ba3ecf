using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;
using static Sniffer.Dissectors.Sflow.SflowDissector;

namespace Sniffer.Dissectors.Sflow;

/// <summary>
/// The records of a flow or counters sample: a data format word and a length, then the body. The raw packet
/// header and the small switch/router records are decoded; the others are shown by format and length and skipped.
/// </summary>
internal static class SflowRecords
{
    private const uint RawPacketHeader = 1, ExtendedSwitch = 1001, ExtendedRouter = 1002, ExtendedGateway = 1003;

    public static DissectStatus Dissect<TSink>(uint count, bool flow, ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        int p = offset;
        for (uint i = 0; i < count; i++)
        {
            if (!Bounds.Has(frame, p, 8) || end - p < 8) return SflowSamples.Short(frame, p, 8, end, ref ctx, ref sink);
            uint format = Read(frame, p);
            int length = (int)Math.Min(Read(frame, p + 4), int.MaxValue);
            int body = p + 8;
            bool fits = length <= end - body;
            int shown = Math.Min(length, Math.Max(0, Math.Min(end, frame.Length) - body));
            if (sink.WantsTree)
            {
                var names = flow ? SflowFields.FlowRecordFormats : SflowFields.CountersRecordFormats;
                string? name = format >> 12 == 0 ? names.Find(format & 0xFFF) : null;
                sink.AddText(name ?? $"Unknown record format {format >> 12}:{format & 0xFFF}", p, 8 + shown);
                sink.Push();
            }
            sink.AddUInt(SflowFields.Enterprise, p, 4, format);
            sink.AddUInt(flow ? SflowFields.FlowRecordFormat : SflowFields.CountersRecordFormat, p, 4, format);
            sink.AddUInt(SflowFields.RecordLength, p + 4, 4, (uint)length);
            var status = DissectStatus.Complete;
            if (!fits)
            {
                Notes.Add(ref ctx, ref sink, SflowExperts.LengthInvalid, p + 4, 4);
                status = DissectStatus.Malformed;
            }
            else if (flow && format >> 12 == 0)
            {
                status = DissectFlowRecord(format & 0xFFF, frame, body, body + length, ref ctx, ref sink);
            }
            if (sink.WantsTree) sink.Pop();
            if (status != DissectStatus.Complete) return status;
            p = body + length;
        }
        return DissectStatus.Complete;
    }

    private static DissectStatus DissectFlowRecord<TSink>(uint format, ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        switch (format)
        {
            case RawPacketHeader:
                return SflowSampledHeader.Dissect(frame, offset, end, ref ctx, ref sink);
            case ExtendedSwitch:
                if (!Bounds.Has(frame, offset, 16) || end - offset < 16) return SflowSamples.Short(frame, offset, 16, end, ref ctx, ref sink);
                sink.AddUInt(SflowFields.VlanIn, offset, 4, Read(frame, offset));
                sink.AddUInt(SflowFields.PriorityIn, offset + 4, 4, Read(frame, offset + 4));
                sink.AddUInt(SflowFields.VlanOut, offset + 8, 4, Read(frame, offset + 8));
                sink.AddUInt(SflowFields.PriorityOut, offset + 12, 4, Read(frame, offset + 12));
                return DissectStatus.Complete;
            case ExtendedRouter:
            {
                // next hop (address type + address) | source mask | destination mask
                if (!NextHop(frame, offset, end, 8, ref sink, out int m, out var status)) return SflowSamples.Short(frame, offset, m - offset, end, ref ctx, ref sink);
                sink.AddUInt(SflowFields.NextHopSrcMask, m, 4, Read(frame, m));
                sink.AddUInt(SflowFields.NextHopDstMask, m + 4, 4, Read(frame, m + 4));
                return status;
            }
            case ExtendedGateway:
            {
                // next hop | router AS | source AS | source peer AS | AS path segments... (the path and communities are skipped)
                if (!NextHop(frame, offset, end, 16, ref sink, out int m, out var status)) return SflowSamples.Short(frame, offset, m - offset, end, ref ctx, ref sink);
                sink.AddUInt(SflowFields.As, m, 4, Read(frame, m));
                sink.AddUInt(SflowFields.SrcAs, m + 4, 4, Read(frame, m + 4));
                sink.AddUInt(SflowFields.PeerAs, m + 8, 4, Read(frame, m + 8));
                sink.AddUInt(SflowFields.DstAsEntries, m + 12, 4, Read(frame, m + 12));
                return status;
            }
            default:
                return DissectStatus.Complete;
        }
    }

    /// <summary>
    /// Adds a next-hop address (type word, then 4 or 16 bytes) when it and <paramref name="after"/> more bytes fit;
    /// <paramref name="next"/> is the offset after the address, or the end of the bytes needed when they do not fit.
    /// </summary>
    private static bool NextHop<TSink>(ReadOnlySpan<byte> frame, int offset, int end, int after, ref TSink sink, out int next, out DissectStatus status)
        where TSink : struct, IFieldSink
    {
        status = DissectStatus.Complete;
        next = offset + 4;
        if (!Bounds.Has(frame, offset, 4) || end - offset < 4) return false;
        int addressLength = Read(frame, offset) switch { 1 => 4, 2 => 16, _ => 0 };
        next = offset + 4 + addressLength;
        if (!Bounds.Has(frame, offset, 4 + addressLength + after) || end - offset < 4 + addressLength + after) { next += after; return false; }
        if (addressLength == 4) sink.AddBytes(SflowFields.NextHop, offset + 4, 4, frame.Slice(offset + 4, 4));
        else if (addressLength == 16) sink.AddBytes(SflowFields.NextHopV6, offset + 4, 16, frame.Slice(offset + 4, 16));
        return true;
    }
}
