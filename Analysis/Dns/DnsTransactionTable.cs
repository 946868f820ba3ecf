using Sniffer.Analysis.Pipeline;
using Sniffer.Analysis.Storage;
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
    /// <summary>Per message: which transaction it belongs to and what it was told the first time.</summary>
    private struct Answer
    {
        public int Transaction;
        public DnsMatch Match;
    }

    private readonly FirstVisitAnswers<Answer> _byFrame;
    private uint _highestFrame;
    private FrameOrdinal _ordinal;
    private readonly bool _rememberFrames;

    /// <param name="rememberFrames">Keep every frame's match for revisits; a single pass keeps only the current frame's.</param>
    public DnsTransactionTable(bool rememberFrames = true)
    {
        _rememberFrames = rememberFrames;
        _byFrame = new FirstVisitAnswers<Answer>(rememberFrames);
    }

    public int Count => _transactions.Count;

    /// <summary>Transactions a single pass keeps; past it only the newest half survive (see <see cref="Compact"/>).</summary>
    public const int SinglePassMaxTransactions = 50_000;

    /// <summary>Transactions a single pass forgot to stay under its cap (a late answer to one is unmatched).</summary>
    public long Forgotten { get; private set; }

    /// <param name="multipleResponses">A question of this message asks for AXFR or IXFR.</param>
    public void Match(uint frame, long timestampNs, in DnsTransactionKey key, bool isResponse, bool multipleResponses, out DnsMatch match, long visit = 0)
    {
        int ordinal = _ordinal.Next(frame, visit);
        bool found = _byFrame.TryGet(frame, ordinal, out var seen);
        if (!found && frame < _highestFrame)
        {
            // An older frame dissected again from its first message.
            _ordinal.Restart(frame);
            found = _byFrame.TryGet(frame, 0, out seen);
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
            if (!_rememberFrames) _byFrame.ForgetAll();
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
                if (!_rememberFrames && _transactions.Count >= SinglePassMaxTransactions) Compact();
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
        _byFrame.Add(frame, ordinal, new Answer { Transaction = index, Match = match });
    }

    /// <summary>
    /// The capture was read to its end: no new message will look for the latest transaction of its key, and
    /// revisits read their stored answers and the transactions themselves (for the response frame).
    /// </summary>
    public void ReleaseFirstPassState()
    {
        _latest.Clear();
        _latest.TrimExcess();
    }

    /// <summary>
    /// Keeps the newest half of the transactions that are still some key's latest (older ones can no longer
    /// be matched anyway), renumbered; only on a single pass, whose per-frame answers are not kept.
    /// </summary>
    private void Compact()
    {
        _compactionOrder.Clear();
        foreach (var (key, index) in _latest) _compactionOrder.Add((key, index));
        _compactionOrder.Sort((x, y) => x.Index.CompareTo(y.Index));
        int first = Math.Max(0, _compactionOrder.Count - SinglePassMaxTransactions / 2);
        _latest.Clear();
        // In place: the survivors move down in their old order (each to an index no higher than before).
        int next = 0;
        for (int i = first; i < _compactionOrder.Count; i++)
        {
            var (key, index) = _compactionOrder[i];
            _transactions[next] = _transactions[index];
            _latest[key] = next++;
        }
        Forgotten += _transactions.Count - next;
        _transactions.RemoveRange(next, _transactions.Count - next);
        _compactionOrder.Clear();
        _byFrame.ForgetAll(); // holds only the current frame's answers here, by the old numbering
    }

    // Reused by Compact: a new list each time would be a large-object allocation.
    private readonly List<(DnsTransactionKey Key, int Index)> _compactionOrder = new();

    private void SetMultiple(int index, bool value)
    {
        var t = _transactions[index];
        t.MultipleResponses = value;
        _transactions[index] = t;
    }
}
