using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;
using static Sniffer.Dissectors.Sflow.SflowDissector;

namespace Sniffer.Dissectors.Sflow;

/// <summary>The standard (enterprise 0) sample bodies of an sFlow v5 datagram, each within its declared length.</summary>
internal static class SflowSamples
{
    private const uint FlowSample = 1, CountersSample = 2, ExpandedFlowSample = 3, ExpandedCountersSample = 4;

    public static string Label(uint format, ReadOnlySpan<byte> frame, int body, int available)
    {
        string? name = format >> 12 == 0 ? (format & 0xFFF) switch
        {
            FlowSample => "Flow sample", CountersSample => "Counters sample",
            ExpandedFlowSample => "Expanded flow sample", ExpandedCountersSample => "Expanded counters sample", _ => null,
        } : null;
        if (name is null) return $"Unknown sample format {format >> 12}:{format & 0xFFF}";
        return available >= 4 ? $"{name}, seq {Read(frame, body)}" : name;
    }

    /// <summary>One sample body in [offset, end); end is within the datagram (the caller checked).</summary>
    public static DissectStatus Dissect<TSink>(uint type, ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        switch (type)
        {
            case FlowSample:
            {
                // seq | source id (class:8 index:24) | rate | pool | drops | input | output | record count
                if (!Bounds.Has(frame, offset, 32) || end - offset < 32) return Short(frame, offset, 32, end, ref ctx, ref sink);
                sink.AddUInt(SflowFields.FlowSequence, offset, 4, Read(frame, offset));
                uint source = Read(frame, offset + 4);
                sink.AddUInt(SflowFields.FlowSourceIdClass, offset + 4, 4, source);
                sink.AddUInt(SflowFields.FlowSourceIdIndex, offset + 4, 4, source);
                AddRates(frame, offset + 8, ref sink);
                sink.AddUInt(SflowFields.InputInterface, offset + 20, 4, Read(frame, offset + 20));
                uint output = Read(frame, offset + 24);
                sink.AddUInt(SflowFields.OutputInterface, offset + 24, 4, output);
                sink.Push();
                sink.AddUInt(SflowFields.OutputInterfaceFormat, offset + 24, 4, output);
                sink.AddUInt(SflowFields.OutputInterfaceValue, offset + 24, 4, output);
                sink.Pop();
                uint records = Read(frame, offset + 28);
                sink.AddUInt(SflowFields.FlowRecords, offset + 28, 4, records);
                return SflowRecords.Dissect(records, flow: true, frame, offset + 32, end, ref ctx, ref sink);
            }
            case ExpandedFlowSample:
            {
                // seq | source type | source index | rate | pool | drops | in format | in value | out format | out value | records
                if (!Bounds.Has(frame, offset, 44) || end - offset < 44) return Short(frame, offset, 44, end, ref ctx, ref sink);
                sink.AddUInt(SflowFields.FlowSequence, offset, 4, Read(frame, offset));
                sink.AddUInt(SflowFields.FlowSourceIdType, offset + 4, 4, Read(frame, offset + 4));
                sink.AddUInt(SflowFields.FlowSourceIdIndexExpanded, offset + 8, 4, Read(frame, offset + 8));
                AddRates(frame, offset + 12, ref sink);
                sink.AddUInt(SflowFields.InputInterfaceFormatExpanded, offset + 24, 4, Read(frame, offset + 24));
                sink.AddUInt(SflowFields.InputInterfaceValueExpanded, offset + 28, 4, Read(frame, offset + 28));
                sink.AddUInt(SflowFields.OutputInterfaceFormatExpanded, offset + 32, 4, Read(frame, offset + 32));
                sink.AddUInt(SflowFields.OutputInterfaceValueExpanded, offset + 36, 4, Read(frame, offset + 36));
                uint records = Read(frame, offset + 40);
                sink.AddUInt(SflowFields.FlowRecords, offset + 40, 4, records);
                return SflowRecords.Dissect(records, flow: true, frame, offset + 44, end, ref ctx, ref sink);
            }
            case CountersSample:
            {
                if (!Bounds.Has(frame, offset, 12) || end - offset < 12) return Short(frame, offset, 12, end, ref ctx, ref sink);
                sink.AddUInt(SflowFields.CountersSequence, offset, 4, Read(frame, offset));
                uint source = Read(frame, offset + 4);
                sink.AddUInt(SflowFields.CountersSourceIdType, offset + 4, 4, source);
                sink.AddUInt(SflowFields.CountersSourceIdIndex, offset + 4, 4, source);
                uint records = Read(frame, offset + 8);
                sink.AddUInt(SflowFields.CountersRecords, offset + 8, 4, records);
                return SflowRecords.Dissect(records, flow: false, frame, offset + 12, end, ref ctx, ref sink);
            }
            case ExpandedCountersSample:
            {
                if (!Bounds.Has(frame, offset, 16) || end - offset < 16) return Short(frame, offset, 16, end, ref ctx, ref sink);
                sink.AddUInt(SflowFields.CountersSequence, offset, 4, Read(frame, offset));
                sink.AddUInt(SflowFields.CountersSourceIdTypeExpanded, offset + 4, 4, Read(frame, offset + 4));
                sink.AddUInt(SflowFields.CountersSourceIdIndexExpanded, offset + 8, 4, Read(frame, offset + 8));
                uint records = Read(frame, offset + 12);
                sink.AddUInt(SflowFields.CountersRecords, offset + 12, 4, records);
                return SflowRecords.Dissect(records, flow: false, frame, offset + 16, end, ref ctx, ref sink);
            }
            default:
                return DissectStatus.Complete;
        }
    }

    private static void AddRates<TSink>(ReadOnlySpan<byte> frame, int offset, ref TSink sink) where TSink : struct, IFieldSink
    {
        uint rate = Read(frame, offset), pool = Read(frame, offset + 4);
        sink.AddUInt(SflowFields.SamplingRate, offset, 4, rate);
        if (sink.WantsTree) sink.SetLabel($"Sampling rate: 1 out of {rate} packets");
        sink.AddUInt(SflowFields.SamplePool, offset + 4, 4, pool);
        if (sink.WantsTree) sink.SetLabel($"Sample pool: {pool} total packets");
        sink.AddUInt(SflowFields.DroppedPackets, offset + 8, 4, Read(frame, offset + 8));
    }

    /// <summary>A fixed part that does not fit: cut by the capture (truncated) or by its own length (malformed).</summary>
    internal static DissectStatus Short<TSink>(ReadOnlySpan<byte> frame, int offset, int count, int end, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (offset + count > end)
        {
            Notes.Add(ref ctx, ref sink, SflowExperts.LengthInvalid, offset, Math.Max(0, Math.Min(end, frame.Length) - offset));
            return DissectStatus.Malformed;
        }
        return Bounds.Missing(frame, offset, count, end);
    }
}
