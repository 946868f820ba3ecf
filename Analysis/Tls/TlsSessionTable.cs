using Sniffer.Analysis.Pipeline;
using Sniffer.Analysis.Storage;
using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Tls;

/// <summary>
/// What each TLS connection has negotiated (version, who encrypts, ALPN), so that records in later
/// frames are labelled as tshark labels them ("TLSv1.3", "Encrypted Handshake Message").
/// The state a frame started from is kept, so a revisit shows the same as the first visit.
/// </summary>
public sealed class TlsSessionTable
{
    private readonly Dictionary<ConversationKey, TlsSessionState> _sessions = new();
    private readonly FirstVisitAnswers<TlsSessionState> _startOf;
    private FrameOrdinal _ordinal;
    private uint _highestFrame;
    private (uint Frame, int Ordinal, TlsSessionState Start) _pending;
    private readonly bool _rememberFrames;

    /// <param name="rememberFrames">Keep every frame's starting state for revisits; a single pass keeps only the current frame's.</param>
    public TlsSessionTable(bool rememberFrames = true)
    {
        _rememberFrames = rememberFrames;
        _startOf = new FirstVisitAnswers<TlsSessionState>(rememberFrames);
    }

    public bool IsTls(in ConversationKey key) => _sessions.ContainsKey(key);

    public TlsSessionState Begin(uint frame, in ConversationKey key, long visit = 0)
    {
        int ordinal = _ordinal.Next(frame, visit);
        if (_startOf.TryGet(frame, ordinal, out var start)) return start;
        if (frame < _highestFrame)
        {
            _ordinal.Restart(frame);
            return _startOf.TryGet(frame, 0, out start) ? start : default;
        }
        start = _sessions.TryGetValue(key, out var current) ? current : default;
        _pending = (frame, ordinal, start);
        return start;
    }

    public void End(uint frame, in ConversationKey key, in TlsSessionState state)
    {
        if (frame < _highestFrame || _pending.Frame != frame || _startOf.TryGet(frame, _pending.Ordinal, out _)) return;
        if (!_rememberFrames && frame > _highestFrame) _startOf.ForgetAll();
        _highestFrame = frame;
        _startOf.Add(frame, _pending.Ordinal, _pending.Start);
        _sessions[key] = state;
    }
}
