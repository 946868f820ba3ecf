using Sniffer.Analysis.Pipeline;
using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Dns;

/// <summary>
/// Pairs DNS requests with responses, as Wireshark's per-conversation transaction tree does:
/// a response answers the latest request with the same endpoints and transaction id seen before it.
/// A request repeating one that is still unanswered is a retransmission; so is a second response.
/// State changes only the first time a frame is seen; a revisit (the TUI, or -2's second pass)
/// reads what was stored, and then also knows the response frame of a request.
/// </summary>
public sealed class DnsTransactionTable
{
    private struct Transaction
    {
        public uint RequestFrame;
        public long RequestTimeNs;
        public uint ResponseFrame;
        /// <summary>Index of the previous transaction with the same key, -1 if none.</summary>
        public int Previous;
    }

    private readonly List<Transaction> _transactions = new();
    private readonly Dictionary<DnsTransactionKey, int> _latest = new();
    /// <summary>Per frame: which transaction it belongs to and what it was told the first time.</summary>
    private readonly Dictionary<(uint Frame, int Ordinal), (int Transaction, DnsMatch Match)> _byFrame = new();
    private uint _highestFrame;
    private FrameOrdinal _ordinal;

    public int Count => _transactions.Count;

    public void Match(uint frame, long timestampNs, in DnsTransactionKey key, bool isResponse, out DnsMatch match)
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
            if (!isResponse && seen.Transaction >= 0) match.ResponseFrame = _transactions[seen.Transaction].ResponseFrame;
            return;
        }
        if (frame > _highestFrame) _highestFrame = frame;
        match = default;
        int index = _latest.TryGetValue(key, out int latest) ? latest : -1;
        if (!isResponse)
        {
            if (index >= 0 && _transactions[index].ResponseFrame == 0)
            {
                match.Retransmission = true;
                match.OriginalFrame = First(index).RequestFrame;
            }
            _transactions.Add(new Transaction { RequestFrame = frame, RequestTimeNs = timestampNs, Previous = index });
            index = _transactions.Count - 1;
            _latest[key] = index;
        }
        else if (index >= 0)
        {
            var t = _transactions[index];
            match.RequestFrame = t.RequestFrame;
            match.TimeNs = timestampNs - t.RequestTimeNs;
            if (t.ResponseFrame == 0)
            {
                t.ResponseFrame = frame;
                _transactions[index] = t;
            }
            else
            {
                match.Retransmission = true;
                match.OriginalFrame = t.ResponseFrame;
            }
        }
        _byFrame[(frame, ordinal)] = (index, match);
    }

    /// <summary>The first request of a chain of unanswered retransmissions.</summary>
    private Transaction First(int index)
    {
        var t = _transactions[index];
        while (t.Previous >= 0 && _transactions[t.Previous].ResponseFrame == 0) t = _transactions[t.Previous];
        return t;
    }
}
