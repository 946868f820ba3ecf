using Sniffer.Capture;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Link;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Frame;

/// <summary>
/// The entry point: dissects one captured frame, from the frame pseudo-protocol down through the
/// link layer. Never throws on packet content: a dissector that runs out of bytes or meets nonsense
/// returns a status, and this adds Wireshark's [Malformed Packet] or [Packet size limited] marker.
/// </summary>
public static class FrameDissector
{
    private static long s_internalErrors;

    /// <summary>Exceptions thrown by dissectors and turned into [Malformed Packet] (each one is a bug).</summary>
    public static long InternalErrors => Interlocked.Read(ref s_internalErrors);

    /// <summary>The most recent of those exceptions, for diagnosing it.</summary>
    public static Exception? LastInternalError { get; private set; }

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        // A tree may show reassembled data, whose items point into buffers of their own.
        if (sink.WantsTree) ctx.Sources ??= new DataSources();
        WriteFrameFields(frame, ref ctx, ref sink);
        if (ctx.FrameFieldsOnly && !sink.WantsTree) return DissectStatus.Complete;

        DissectStatus status;
        string faultProtocol;
        try
        {
            status = LinkDispatch.Dissect(frame, ref ctx, ref sink, out faultProtocol);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or ArgumentException or InvalidOperationException or OverflowException)
        {
            // A dissector bug must not take the capture down; report it as Wireshark reports an exception,
            // and count it so that tests can insist there are none.
            Interlocked.Increment(ref s_internalErrors);
            LastInternalError = e;
            status = DissectStatus.Malformed;
            faultProtocol = ctx.Protocol.Length > 0 ? ctx.Protocol : "Frame";
        }

        ReportStatus(status, faultProtocol, frame, ref ctx, ref sink);
        if (ctx.Protocols is not null && sink.WantsTree) FillProtocols(ref ctx, ref sink);
        return status;
    }

    /// <summary>Appends [Malformed Packet: X] / [Packet size limited during capture: X truncated] like Wireshark.</summary>
    public static void ReportStatus<TSink>(DissectStatus status, string protocol, ReadOnlySpan<byte> frame, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (status == DissectStatus.Malformed)
        {
            ctx.Malformed = true;
            sink.PushProtocol(CommonFields.Malformed, 0, 0);
            if (sink.WantsTree) sink.SetLabel($"[Malformed Packet: {protocol}]");
            Notes.Add(ref ctx, ref sink, CommonFields.MalformedExpert, 0, 0);
            sink.Pop();
            ctx.Info?.Append("[Malformed Packet]");
            if (ctx.Protocol.Length == 0) ctx.Protocol = protocol;
        }
        else if (status == DissectStatus.Truncated)
        {
            ctx.ShortFrame = true;
            sink.PushProtocol(CommonFields.Short, 0, 0);
            if (sink.WantsTree) sink.SetLabel($"[Packet size limited during capture: {protocol} truncated]");
            sink.Pop();
            ctx.Info?.Append("[Packet size limited during capture]");
        }
    }

    private static void WriteFrameFields<TSink>(ReadOnlySpan<byte> frame, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        ref readonly var f = ref ctx.Frame;
        sink.PushProtocol(FrameFields.Frame, 0, frame.Length);
        if (sink.WantsTree)
        {
            string label = $"Frame {ctx.FrameNumber}: {f.OriginalLength} bytes on wire ({f.OriginalLength * 8L} bits), {f.CapturedLength} bytes captured ({f.CapturedLength * 8L} bits)";
            if (ctx.FromPcapng) label += $" on interface {ctx.InterfaceName ?? "unknown"}, id {f.InterfaceId}";
            sink.SetLabel(label);
        }
        // -Y and -T fields read frame.* rarely; a NULL-tree dissection skips these as Wireshark does.
        if (!sink.WantsFieldsOf(FrameFields.Frame))
        {
            sink.Pop();
            return;
        }
        if (ctx.FromPcapng)
        {
            sink.AddUInt(FrameFields.Section, 0, 0, 1);
            sink.AddUInt(FrameFields.InterfaceId, 0, 0, (uint)f.InterfaceId);
            if (sink.WantsTree)
            {
                string name = ctx.InterfaceName ?? "unknown";
                sink.SetLabel($"Interface id: {f.InterfaceId} ({name})");
                sink.Push();
                sink.AddBytes(FrameFields.InterfaceName, 0, 0, System.Text.Encoding.UTF8.GetBytes(name));
                sink.Pop();
            }
        }
        int encap = FrameFields.EncapFor(f.LinkType);
        sink.AddInt(FrameFields.EncapType, 0, 0, encap);
        sink.AddTime(FrameFields.Time, 0, 0, f.TimestampNs);
        sink.AddTime(FrameFields.TimeShift, 0, 0, 0, FieldFlags.Generated);
        sink.AddTime(FrameFields.TimeEpoch, 0, 0, f.TimestampNs);
        long delta = f.TimestampNs - ctx.PreviousTimestampNs;
        sink.AddTime(FrameFields.TimeDelta, 0, 0, delta, FieldFlags.Generated);
        sink.AddTime(FrameFields.TimeDeltaDisplayed, 0, 0, f.TimestampNs - ctx.PreviousDisplayedTimestampNs, FieldFlags.Generated);
        sink.AddTime(FrameFields.TimeRelative, 0, 0, f.TimestampNs - ctx.FirstTimestampNs, FieldFlags.Generated);
        sink.AddUInt(FrameFields.Number, 0, 0, ctx.FrameNumber);
        sink.AddUInt(FrameFields.Len, 0, 0, (uint)f.OriginalLength);
        if (sink.WantsTree) sink.SetLabel($"Frame Length: {f.OriginalLength} bytes ({f.OriginalLength * 8L} bits)");
        sink.AddUInt(FrameFields.CapLen, 0, 0, (uint)f.CapturedLength);
        if (sink.WantsTree) sink.SetLabel($"Capture Length: {f.CapturedLength} bytes ({f.CapturedLength * 8L} bits)");
        sink.AddUInt(FrameFields.Marked, 0, 0, 0, FieldFlags.Generated);
        sink.AddUInt(FrameFields.Ignored, 0, 0, 0, FieldFlags.Generated);
        if (sink.WantsTree && ctx.Protocols is not null)
        {
            // Filled in once the whole frame has been dissected (see FillProtocols).
            sink.AddBytes(FrameFields.Protocols, 0, 0, default, FieldFlags.Generated);
        }
        sink.Pop();
    }

    private static void FillProtocols<TSink>(ref PacketContext ctx, ref TSink sink) where TSink : struct, IFieldSink
    {
        if (sink is TreeSink tree) tree.FillFrameProtocols(ctx.Protocols!.ToString());
        else if (sink is TeeSink<TreeSink, CollectorSink> tee) tee.First.FillFrameProtocols(ctx.Protocols!.ToString());
    }

    /// <summary>frame.protocols for the fast path, where it is collected after the fact.</summary>
    public static void CollectProtocols<TSink>(ref PacketContext ctx, ref TSink sink) where TSink : struct, IFieldSink
    {
        if (ctx.Protocols is not null && !sink.WantsTree && sink.Wants(FrameFields.Protocols))
        {
            string text = ctx.Protocols.ToString();
            Span<byte> bytes = stackalloc byte[Math.Min(text.Length, 512)];
            int n = System.Text.Encoding.ASCII.GetBytes(text.AsSpan(0, bytes.Length), bytes);
            sink.AddBytes(FrameFields.Protocols, 0, 0, bytes[..n], FieldFlags.Generated);
        }
    }
}
