using Sniffer.Analysis.Storage;
using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Udp;

/// <summary>
/// udp.stream as tshark numbers it: conversations (address and port pairs, either direction) in order of
/// first appearance, with the time since the conversation's first and previous datagram. Changes state
/// only on a frame's first visit; later visits read the stored answer. Bounded: past the cap the
/// quietest conversations are forgotten (a later datagram of one starts a new stream) and counted.
/// </summary>
public sealed class UdpConversationTable(int maxConversations = 1_000_000, bool rememberFrames = true)
{
    private sealed class Conversation
    {
        public uint Stream;
        public long FirstNs;
        public long LastNs;
    }

    private readonly Dictionary<ConversationKey, Conversation> _conversations = new();
    // Revisits read the first pass's answers from disk: they grow with the capture.
    private FrameRecordLog<UdpAnalysis>? _byFrame;
    private uint _nextStream;
    private uint _lastFrame;

    /// <summary>Conversations forgotten because of the cap.</summary>
    public long Evicted { get; private set; }

    public void Analyze(ReadOnlySpan<byte> frame, ref PacketContext ctx, out UdpAnalysis analysis)
    {
        if (ctx.FrameNumber <= _lastFrame)
        {
            // A revisit (the TUI jumping around): answer as the first pass did, or not at all.
            if (_byFrame is null || !_byFrame.TryGet(ctx.FrameNumber, 0, out analysis)) analysis = default;
            return;
        }
        _lastFrame = ctx.FrameNumber;
        var key = ConversationKey.Unordered(frame, ctx.Layers, out _);
        long now = ctx.Frame.TimestampNs;
        if (!_conversations.TryGetValue(key, out var conversation))
        {
            if (_conversations.Count >= maxConversations) EvictQuietest();
            conversation = new Conversation { Stream = _nextStream++, FirstNs = now, LastNs = now };
            _conversations[key] = conversation;
        }
        analysis = new UdpAnalysis
        {
            Valid = true,
            Stream = conversation.Stream,
            TimeRelativeNs = now - conversation.FirstNs,
            TimeDeltaNs = now - conversation.LastNs,
        };
        conversation.LastNs = now;
        if (rememberFrames) (_byFrame ??= new()).Add(ctx.FrameNumber, analysis);
    }

    /// <summary>
    /// The capture was read to its end: revisits read only the per-frame answers, so the conversations
    /// (the first pass's numbering and timing state) can go. No new frame may follow.
    /// </summary>
    public void ReleaseFirstPassState()
    {
        _conversations.Clear();
        _conversations.TrimExcess();
    }

    private void EvictQuietest() => Evicted += Flows.QuietestEviction.ForgetQuietestTenth(_conversations, c => c.LastNs);
}
