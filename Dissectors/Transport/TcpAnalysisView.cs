using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Transport;

/// <summary>
/// Shows a segment's analysis the way packet-tcp.c prints it: the [Timestamps] and [SEQ/ACK analysis]
/// subtrees, the expert notes, and the "[TCP Retransmission] " style prefixes of the Info column.
/// </summary>
public static class TcpAnalysisView
{
    public static void AddTimestamps<TSink>(int offset, in TcpAnalysis a, ref TSink sink) where TSink : struct, IFieldSink
    {
        if (sink.WantsTree) sink.AddText("[Timestamps]", offset, 0, FieldFlags.Generated);
        sink.Push();
        sink.AddTime(TcpFields.TimeRelative, offset, 0, a.TimeRelativeNs, FieldFlags.Generated);
        sink.AddTime(TcpFields.TimeDelta, offset, 0, a.TimeDeltaNs, FieldFlags.Generated);
        sink.Pop();
    }

    public static void AddSeqAck<TSink>(in TcpAnalysis a, InfoColumn? info, ref PacketContext ctx, ref TSink sink) where TSink : struct, IFieldSink
    {
        if (!a.HasSeqAckAnalysis) return;
        sink.AddNone(TcpFields.Analysis, 0, 0, FieldFlags.Generated);
        sink.Push();
        if (a.AcksFrame != 0)
        {
            sink.AddUInt(TcpFields.AcksFrame, 0, 0, a.AcksFrame, FieldFlags.Generated);
            if (a.AckRttNs != 0) sink.AddTime(TcpFields.AckRtt, 0, 0, a.AckRttNs, FieldFlags.Generated);
        }
        if (a.InitialRttNs != 0) sink.AddTime(TcpFields.InitialRtt, 0, 0, a.InitialRttNs, FieldFlags.Generated);
        if (a.BytesInFlight != 0) sink.AddUInt(TcpFields.BytesInFlight, 0, 0, (ulong)a.BytesInFlight, FieldFlags.Generated);
        if (a.PushBytesSent != 0) sink.AddUInt(TcpFields.PushBytesSent, 0, 0, (ulong)a.PushBytesSent, FieldFlags.Generated);
        var f = a.Flags;
        if (f != TcpAnalysisFlags.None)
        {
            sink.AddNone(TcpFields.AnalysisFlags, 0, 0, FieldFlags.Generated);
            sink.Push();
            if (Has(f, TcpAnalysisFlags.Retransmission))
            {
                Note(TcpFields.Retransmission, ref ctx, ref sink);
                info?.Prepend("[TCP Retransmission] ");
                if (a.RtoNs != 0)
                {
                    sink.AddTime(TcpFields.Rto, 0, 0, a.RtoNs, FieldFlags.Generated);
                    sink.AddUInt(TcpFields.RtoFrame, 0, 0, a.RtoFrame, FieldFlags.Generated);
                }
            }
            if (Has(f, TcpAnalysisFlags.FastRetransmission))
            {
                Note(TcpFields.FastRetransmission, ref ctx, ref sink);
                Note(TcpFields.Retransmission, ref ctx, ref sink);
                info?.Prepend("[TCP Fast Retransmission] ");
            }
            if (Has(f, TcpAnalysisFlags.SpuriousRetransmission))
            {
                Note(TcpFields.SpuriousRetransmission, ref ctx, ref sink);
                Note(TcpFields.Retransmission, ref ctx, ref sink);
                info?.Prepend("[TCP Spurious Retransmission] ");
            }
            if (Has(f, TcpAnalysisFlags.OutOfOrder)) { Note(TcpFields.OutOfOrder, ref ctx, ref sink); info?.Prepend("[TCP Out-Of-Order] "); }
            if (Has(f, TcpAnalysisFlags.ReusedPorts)) { Note(TcpFields.ReusedPorts, ref ctx, ref sink); info?.Prepend("[TCP Port numbers reused] "); }
            if (Has(f, TcpAnalysisFlags.LostSegment)) { Note(TcpFields.LostSegment, ref ctx, ref sink); info?.Prepend("[TCP Previous segment not captured] "); }
            if (Has(f, TcpAnalysisFlags.AckLostSegment)) { Note(TcpFields.AckLostSegment, ref ctx, ref sink); info?.Prepend("[TCP ACKed unseen segment] "); }
            if (Has(f, TcpAnalysisFlags.WindowUpdate)) { Note(TcpFields.WindowUpdate, ref ctx, ref sink); info?.Prepend("[TCP Window Update] "); }
            if (Has(f, TcpAnalysisFlags.WindowFull)) { Note(TcpFields.WindowFull, ref ctx, ref sink); info?.Prepend("[TCP Window Full] "); }
            if (Has(f, TcpAnalysisFlags.KeepAlive)) { Note(TcpFields.KeepAlive, ref ctx, ref sink); info?.Prepend("[TCP Keep-Alive] "); }
            if (Has(f, TcpAnalysisFlags.KeepAliveAck)) { Note(TcpFields.KeepAliveAck, ref ctx, ref sink); info?.Prepend("[TCP Keep-Alive ACK] "); }
            if (a.DuplicateAckNum != 0 && Has(f, TcpAnalysisFlags.DuplicateAck))
            {
                sink.AddNone(TcpFields.DuplicateAckText, 0, 0, FieldFlags.Generated);
                if (sink.WantsTree) sink.SetLabel("[This is a TCP duplicate ack]");
                if (info is not null)
                {
                    Span<char> prefix = stackalloc char[48];
                    int n = 0;
                    "[TCP Dup ACK ".AsSpan().CopyTo(prefix);
                    n += 13;
                    a.DuplicateAckFrame.TryFormat(prefix[n..], out int w);
                    n += w;
                    prefix[n++] = '#';
                    a.DuplicateAckNum.TryFormat(prefix[n..], out w);
                    n += w;
                    prefix[n++] = ']';
                    prefix[n++] = ' ';
                    info.Prepend(prefix[..n]);
                }
            }
            // Zero-window notes hang on the flags item too; they never meet a duplicate ACK (that needs a window).
            if (Has(f, TcpAnalysisFlags.ZeroWindowProbe)) { Note(TcpFields.ZeroWindowProbe, ref ctx, ref sink); info?.Prepend("[TCP ZeroWindowProbe] "); }
            if (Has(f, TcpAnalysisFlags.ZeroWindow)) { Note(TcpFields.ZeroWindow, ref ctx, ref sink); info?.Prepend("[TCP ZeroWindow] "); }
            if (Has(f, TcpAnalysisFlags.ZeroWindowProbeAck)) { Note(TcpFields.ZeroWindowProbeAck, ref ctx, ref sink); info?.Prepend("[TCP ZeroWindowProbeAck] "); }
            sink.Pop();
            if (a.DuplicateAckNum != 0)
            {
                sink.AddUInt(TcpFields.DuplicateAckNum, 0, 0, a.DuplicateAckNum, FieldFlags.Generated);
                sink.AddUInt(TcpFields.DuplicateAckFrame, 0, 0, a.DuplicateAckFrame, FieldFlags.Generated);
                sink.Push();
                Core.Notes.Add(ref ctx, ref sink, TcpFields.DuplicateAck, 0, 0, sink.WantsTree ? $"Duplicate ACK (#{a.DuplicateAckNum})" : null);
                sink.Pop();
            }
        }
        sink.Pop();
    }

    private static bool Has(TcpAnalysisFlags f, TcpAnalysisFlags bit) => (f & bit) != 0;

    private static void Note<TSink>(Expert.ExpertDef expert, ref PacketContext ctx, ref TSink sink) where TSink : struct, IFieldSink =>
        Core.Notes.Add(ref ctx, ref sink, expert, 0, 0);
}
