using System.Globalization;
using Sniffer.Dissectors.Core;

namespace Sniffer.Tui.Model;

/// <summary>What kind of remark a ladder arrow carries.</summary>
public enum LadderMark : byte { None, Handshake, Problem, Reset }

/// <summary>One arrow of the ladder: the segment, its label and its remark.</summary>
public sealed record LadderArrow(StreamSegment Segment, string Time, string Label, LadderMark Mark, string Note);

/// <summary>
/// The sequence diagram of one TCP stream: client left, server right, one arrow per segment with
/// flags, relative Seq/Ack and length; the three-way handshake and its RTT called out, retransmissions
/// and resets marked.
/// </summary>
public sealed class LadderModel
{
    public LadderModel(StreamTranscript transcript)
    {
        Transcript = transcript;
        var handshake = transcript.Handshake;
        long start = transcript.Segments.Count > 0 ? transcript.Segments[0].TimestampNs : 0;
        var arrows = new List<LadderArrow>(transcript.Segments.Count);
        foreach (var s in transcript.Segments)
        {
            string label = transcript.IsTcp
                ? $"{TcpFlagText.Format(s.TcpFlags)} Seq={s.RelativeSeq}{(s.HasAck ? $" Ack={s.RelativeAck}" : "")} Len={s.Length}"
                : $"Len={s.Length}";
            var (mark, note) = (LadderMark.None, "");
            if (s.Has(TcpSegment.Rst)) (mark, note) = (LadderMark.Reset, "RST: connection reset");
            else if (s.Analysis != TcpAnalysisFlags.None && s.Analysis != TcpAnalysisFlags.WindowUpdate) (mark, note) = (LadderMark.Problem, Describe(s.Analysis));
            else if (handshake is { } h)
            {
                if (ReferenceEquals(s, h.Syn)) (mark, note) = (LadderMark.Handshake, "handshake 1/3 SYN");
                else if (ReferenceEquals(s, h.SynAck)) (mark, note) = (LadderMark.Handshake, $"handshake 2/3 SYN/ACK (server RTT {Ms(h.SynAck.TimestampNs - h.Syn.TimestampNs)})");
                else if (ReferenceEquals(s, h.Ack)) (mark, note) = (LadderMark.Handshake, $"handshake 3/3 ACK (RTT {Ms(h.Ack.TimestampNs - h.Syn.TimestampNs)})");
            }
            arrows.Add(new LadderArrow(s, ((s.TimestampNs - start) / 1e9).ToString("0.000000", CultureInfo.InvariantCulture), label, mark, note));
        }
        Arrows = arrows;
        if (handshake is { } hs) HandshakeRttNs = hs.Ack.TimestampNs - hs.Syn.TimestampNs;
    }

    public StreamTranscript Transcript { get; }
    public IReadOnlyList<LadderArrow> Arrows { get; }

    /// <summary>SYN to ACK of the handshake (Wireshark's tcp.analysis.initial_rtt), when seen.</summary>
    public long? HandshakeRttNs { get; }

    /// <summary>tcp.analysis flags in words, as Wireshark's Info column prefixes them.</summary>
    public static string Describe(TcpAnalysisFlags flags)
    {
        var names = new List<string>();
        if ((flags & TcpAnalysisFlags.SpuriousRetransmission) != 0) names.Add("spurious retransmission");
        else if ((flags & TcpAnalysisFlags.FastRetransmission) != 0) names.Add("fast retransmission");
        else if ((flags & TcpAnalysisFlags.Retransmission) != 0) names.Add("retransmission");
        if ((flags & TcpAnalysisFlags.OutOfOrder) != 0) names.Add("out-of-order");
        if ((flags & TcpAnalysisFlags.LostSegment) != 0) names.Add("previous segment not captured");
        if ((flags & TcpAnalysisFlags.AckLostSegment) != 0) names.Add("ACKed unseen segment");
        if ((flags & TcpAnalysisFlags.DuplicateAck) != 0) names.Add("dup ACK");
        if ((flags & TcpAnalysisFlags.ZeroWindow) != 0) names.Add("zero window");
        if ((flags & (TcpAnalysisFlags.ZeroWindowProbe | TcpAnalysisFlags.ZeroWindowProbeAck)) != 0) names.Add("zero window probe");
        if ((flags & TcpAnalysisFlags.WindowFull) != 0) names.Add("window full");
        if ((flags & (TcpAnalysisFlags.KeepAlive | TcpAnalysisFlags.KeepAliveAck)) != 0) names.Add("keep-alive");
        if ((flags & TcpAnalysisFlags.ReusedPorts) != 0) names.Add("ports reused");
        return string.Join(", ", names);
    }

    public static string Ms(long ns) => (ns / 1e6).ToString("0.000", CultureInfo.InvariantCulture) + " ms";
}
