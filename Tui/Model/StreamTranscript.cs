using Sniffer.Dissectors.Core;

namespace Sniffer.Tui.Model;

/// <summary>One packet of a conversation as the ladder and follow-stream views need it.</summary>
public sealed record StreamSegment(
    int FrameIndex, long TimestampNs, bool FromClient, ushort TcpFlags, uint RelativeSeq, uint RelativeAck,
    bool HasAck, int Length, byte[] Payload, TcpAnalysisFlags Analysis)
{
    public bool Has(ushort flag) => (TcpFlags & flag) != 0;

    /// <summary>Data sent before (retransmissions): left out when following the stream.</summary>
    public bool Retransmission => (Analysis & (TcpAnalysisFlags.Retransmission | TcpAnalysisFlags.FastRetransmission | TcpAnalysisFlags.SpuriousRetransmission)) != 0;
}

/// <summary>
/// The packets of one conversation in capture order with client/server roles, relative sequence
/// numbers and payloads. Built on demand by reading only that conversation's frames back from the file.
/// Follow-stream reassembles the payloads through <see cref="StreamChunks"/>.
/// </summary>
public sealed class StreamTranscript
{
    private StreamTranscript(Conversation conversation, List<StreamSegment> segments)
    {
        Conversation = conversation;
        Segments = segments;
    }

    public Conversation Conversation { get; }
    public IReadOnlyList<StreamSegment> Segments { get; }
    public bool IsTcp => Conversation.Key.Protocol == TransportPeek.Tcp;
    public string Client => Conversation.ClientIsA ? $"{Conversation.AddressA}:{Conversation.Key.PortA}" : $"{Conversation.AddressB}:{Conversation.Key.PortB}";
    public string Server => Conversation.ClientIsA ? $"{Conversation.AddressB}:{Conversation.Key.PortB}" : $"{Conversation.AddressA}:{Conversation.Key.PortA}";

    /// <summary>The display filter selecting exactly this conversation.</summary>
    public string StreamFilter => $"{(IsTcp ? "tcp" : "udp")}.stream eq {Conversation.StreamNumber}";

    /// <summary>SYN, SYN/ACK, ACK of the opening handshake, when all three were captured.</summary>
    public (StreamSegment Syn, StreamSegment SynAck, StreamSegment Ack)? Handshake
    {
        get
        {
            var syn = Segments.FirstOrDefault(s => s.FromClient && s.Has(TcpSegment.Syn) && !s.Has(TcpSegment.AckFlag));
            if (syn is null) return null;
            var synAck = Segments.FirstOrDefault(s => !s.FromClient && s.Has(TcpSegment.Syn) && s.Has(TcpSegment.AckFlag) && s.FrameIndex > syn.FrameIndex);
            if (synAck is null) return null;
            var ack = Segments.FirstOrDefault(s => s.FromClient && !s.Has(TcpSegment.Syn) && s.Has(TcpSegment.AckFlag) && s.FrameIndex > synAck.FrameIndex);
            return ack is null ? null : (syn, synAck, ack);
        }
    }

    public static StreamTranscript Load(PacketSession session, int conversationId, int maxSegments = 100_000)
    {
        var conversation = session.Indexer.Conversations[conversationId];
        var index = session.Index;
        var segments = new List<StreamSegment>();
        uint? clientIsn = null, serverIsn = null;
        int last = Math.Min(conversation.LastFrame, index.Count - 1);
        for (int i = conversation.FirstFrame; i <= last && segments.Count < maxSegments; i++)
        {
            var entry = index[i];
            if (entry.Conversation != conversationId) continue;
            if (!session.TryReadFrame(i, out var info, out var data)) continue;
            var ctx = session.FastContext(i, info, data);
            var layers = ctx.Layers;
            var t = TransportPeek.Read(data, layers);
            if (!FlowKey.TryCreate(data, layers, t, out _, out bool fromA)) continue;
            bool fromClient = fromA == conversation.ClientIsA;
            if (t.IsTcp)
            {
                if (fromClient) clientIsn ??= t.Seq; else serverIsn ??= t.Seq;
            }
            uint ownIsn = (fromClient ? clientIsn : serverIsn) ?? t.Seq;
            uint? peerIsn = fromClient ? serverIsn : clientIsn;
            bool hasAck = t.IsTcp && t.Has(TcpSegment.AckFlag);
            int available = Math.Clamp(data.Length - Math.Max(t.PayloadOffset, 0), 0, t.PayloadLength);
            byte[] payload = t.PayloadOffset >= 0 && available > 0 ? data.AsSpan(t.PayloadOffset, available).ToArray() : Array.Empty<byte>();
            segments.Add(new StreamSegment(i, entry.TimestampNs, fromClient, t.TcpFlags,
                t.IsTcp ? t.Seq - ownIsn : 0, hasAck && peerIsn is { } p ? t.Ack - p : (hasAck ? t.Ack : 0), hasAck,
                t.PayloadLength, payload, ctx.TcpFlags));
        }
        return new StreamTranscript(conversation, segments);
    }
}
