using Sniffer.Analysis.Pipeline;
using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Dns;

/// <summary>
/// Pairs DNS requests with responses as Wireshark's per-conversation transaction tree does
/// (packet-dns.c, dissect_dns_common): a message belongs to the latest transaction with the same
/// endpoints and id. A request repeating an unanswered one within <see cref="RetransmissionTimerNs"/>
/// (tshark's dns.retransmission_timer, 5 s) is a retransmission and joins it; a later one, or one after
/// an answer, starts a new transaction. A second response is a retransmission unless a question asked
/// for a zone transfer (AXFR/IXFR answer in several messages).
/// State changes only the first time a frame is seen; a revisit (the TUI, or -2's second pass)
/// reads what was stored, and then also knows the response frame of a request.
/// </summary>
public sealed class DnsTransactionTable
{
    public const long RetransmissionTimerNs = 5_000_000_000;

    private struct Transaction
    {
        public uint RequestFrame;
        public long RequestTimeNs;
        public uint ResponseFrame;
        public bool MultipleResponses;
    }

    private readonly List<Transaction> _transactions = new();
    private readonly Dictionary<DnsTransactionKey, int> _latest = new();
    /// <summary>Per frame: which transaction it belongs to and what it was told the first time.</summary>
    private readonly Dictionary<(uint Frame, int Ordinal), (int Transaction, DnsMatch Match)> _byFrame = new();
    private uint _highestFrame;
    private FrameOrdinal _ordinal;
    private readonly bool _rememberFrames;

    /// <param name="rememberFrames">Keep every frame's match for revisits; a single pass keeps only the current frame's.</param>
    public DnsTransactionTable(bool rememberFrames = true) => _rememberFrames = rememberFrames;

    public int Count => _transactions.Count;

    /// <param name="multipleResponses">A question of this message asks for AXFR or IXFR.</param>
    public void Match(uint frame, long timestampNs, in DnsTransactionKey key, bool isResponse, bool multipleResponses, out DnsMatch match)
    {
        int ordinal = _ordinal.Next(frame);
        bool found = _byFrame.TryGetValue((frame, ordinal), out var seen);
        if (!found && frame < _highestFrame)
        {
            // An older frame dissected again from its first message.
            _ordinal.Restart(frame);
            found = _byFrame.TryGetValue((frame, 0), out seen);
            if (!found) { match = default; return; }
        }
        if (found)
        {
            match = seen.Match;
            // Later frames may have answered this request since (what -2 and the TUI show).
            if (!isResponse && !match.Retransmission && seen.Transaction >= 0) match.ResponseFrame = _transactions[seen.Transaction].ResponseFrame;
            return;
        }
        if (frame > _highestFrame)
        {
            _highestFrame = frame;
            if (!_rememberFrames) _byFrame.Clear();
        }
        match = default;
        int index = _latest.TryGetValue(key, out int latest) ? latest : -1;
        if (!isResponse)
        {
            if (index >= 0 && _transactions[index].ResponseFrame == 0 && timestampNs - _transactions[index].RequestTimeNs < RetransmissionTimerNs)
            {
                match.Retransmission = true;
                match.OriginalFrame = _transactions[index].RequestFrame;
            }
            else
            {
                _transactions.Add(new Transaction { RequestFrame = frame, RequestTimeNs = timestampNs });
                index = _transactions.Count - 1;
                _latest[key] = index;
            }
            SetMultiple(index, multipleResponses);
        }
        else if (index >= 0)
        {
            var t = _transactions[index];
            match.RequestFrame = t.RequestFrame;
            match.TimeNs = timestampNs - t.RequestTimeNs;
            if (t.ResponseFrame == 0) t.ResponseFrame = frame;
            else if (!t.MultipleResponses)
            {
                match.Retransmission = true;
                match.OriginalFrame = t.ResponseFrame;
            }
            t.MultipleResponses = multipleResponses;
            _transactions[index] = t;
        }
        _byFrame[(frame, ordinal)] = (index, match);
    }

    private void SetMultiple(int index, bool value)
    {
        var t = _transactions[index];
        t.MultipleResponses = value;
        _transactions[index] = t;
    }
}
