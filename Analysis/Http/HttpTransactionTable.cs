using Sniffer.Analysis.Pipeline;
using Sniffer.Analysis.Storage;
using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Http;

/// <summary>
/// Pairs HTTP/1.x requests and responses per connection the way tshark 4.0 does (see Match). Also numbers messages and links each to the previous
/// one of its kind. Changes state only on the first visit of a frame; revisits read, and then also
/// see links to later frames (response_in, next_request_in).
/// </summary>
public sealed class HttpTransactionTable
{
    private sealed class Connection
    {
        public readonly List<Transaction> Transactions = new();
        public uint Responses;
        public uint LastResponseFrame;
        /// <summary>Its number in <see cref="_referenced"/>, which answers name it by; -1 until it has one.</summary>
        public int Id = -1;
        /// <summary>The frame whose answers it was numbered for (a single pass renumbers per frame).</summary>
        public uint IdFrame;
    }

    private struct Transaction
    {
        public uint RequestFrame;
        public long RequestTimeNs;
        public bool IsHead;
        public uint ResponseFrame;
        public uint NextRequestFrame;
        public ReadOnlyMemory<byte> Uri;
    }

    /// <summary>
    /// What a message was told on its first visit. The rest of its <see cref="HttpMatch"/> is read back from
    /// its transaction (the request's frame and URI never change), so the answer holds no reference and can
    /// live on disk.
    /// </summary>
    private struct Answer
    {
        public int Connection;
        public int Transaction;
        public uint Number;
        public uint PreviousFrame;
        public long TimeNs;
        public bool IsResponse;
    }

    private readonly Dictionary<ConversationKey, Connection> _connections = new();
    // The connections answers name; also keeps connections the cap forgot alive for their frames' revisits.
    private readonly List<Connection> _referenced = new();
    private readonly FirstVisitAnswers<Answer> _byFrame;
    private readonly bool _rememberFrames;

    /// <param name="rememberFrames">
    /// Keep every frame's match for random-access revisits (the TUI, -2). A single pass only ever
    /// re-dissects the frame it is on, so it keeps that frame's matches alone and memory stays flat.
    /// </param>
    /// <param name="maxConnections">Connections tracked at once (<see cref="MaxConnections"/> unless the table is one shard's).</param>
    public HttpTransactionTable(bool rememberFrames = true, int maxConnections = MaxConnections)
    {
        _rememberFrames = rememberFrames;
        _maxConnections = maxConnections;
        _byFrame = new FirstVisitAnswers<Answer>(rememberFrames);
    }

    /// <summary>Connections tracked at once; past this, connections with no request waiting are forgotten first.</summary>
    public const int MaxConnections = 30_000;
    private readonly int _maxConnections;

    /// <summary>Connections forgotten by the cap (a later request on one numbers from 1 again).</summary>
    public long ForgottenConnections { get; private set; }

    /// <summary>Of those, connections whose last request was still waiting: its response will go unmatched.</summary>
    public long ForgottenWaitingConnections { get; private set; }
    // A response's next response on its connection, by the frame of the first message of the response's
    // frame (ordinal 0, as the table always did: a later response in a frame of several reads none).
    private readonly Dictionary<uint, uint> _nextResponse = new();
    private uint _highestFrame;
    private FrameOrdinal _ordinal;
    private byte[] _uriArena = new byte[4096];
    private int _uriUsed;

    public bool AwaitsHeadResponse(in ConversationKey key) =>
        _connections.TryGetValue(key, out var c) && c.Transactions.Count > 0 && c.Transactions[^1].ResponseFrame == 0 && c.Transactions[^1].IsHead;

    public void Match(uint frame, long timestampNs, in ConversationKey key, bool isResponse, bool isHead, ReadOnlySpan<byte> fullUri, out HttpMatch match, long visit = 0)
    {
        int ordinal = _ordinal.Next(frame, visit);
        bool found = _byFrame.TryGet(frame, ordinal, out var seen);
        if (!found && frame < _highestFrame)
        {
            _ordinal.Restart(frame);
            found = _byFrame.TryGet(frame, 0, out seen);
            ordinal = 0;
            if (!found) { match = default; return; }
        }
        if (found)
        {
            match = Replay(seen);
            if (seen.Transaction >= 0)
            {
                var t = _referenced[seen.Connection].Transactions[seen.Transaction];
                if (!isResponse)
                {
                    match.ResponseFrame = t.ResponseFrame;
                    match.NextFrame = t.NextRequestFrame;
                }
                else if (ordinal == 0 && _nextResponse.TryGetValue(frame, out uint next)) match.NextFrame = next;
            }
            return;
        }

        if (frame > _highestFrame)
        {
            _highestFrame = frame;
            if (!_rememberFrames) { _byFrame.ForgetAll(); _nextResponse.Clear(); _referenced.Clear(); }
        }
        match = default;
        if (!_connections.TryGetValue(key, out var connection))
        {
            if (_connections.Count >= _maxConnections) ForgetAnsweredConnections();
            connection = new Connection();
            _connections.Add(key, connection);
        }
        var list = connection.Transactions;
        int index = -1;
        if (!isResponse)
        {
            if (list.Count > 0)
            {
                match.PreviousFrame = list[^1].RequestFrame;
                var previous = list[^1];
                previous.NextRequestFrame = frame;
                list[^1] = previous;
            }
            list.Add(new Transaction { RequestFrame = frame, RequestTimeNs = timestampNs, IsHead = isHead, Uri = StoreUri(fullUri) });
            index = list.Count - 1;
            match.Number = (uint)list.Count;
            match.Count = (uint)list.Count;
        }
        else
        {
            connection.Responses++;
            match.Number = connection.Responses;
            match.Count = connection.Responses;
            match.PreviousFrame = connection.LastResponseFrame;
            if (connection.LastResponseFrame != 0) _nextResponse[connection.LastResponseFrame] = frame;
            connection.LastResponseFrame = frame;
            // tshark 4.0 pairs a response with the connection's latest request when that one is still
            // unanswered (packet-http.c's req_res_tail), not the oldest: an unanswered request
            // followed by a new one leaves the first unmatched.
            if (list.Count > 0 && list[^1].ResponseFrame == 0)
            {
                index = list.Count - 1;
                var t = list[index];
                t.ResponseFrame = frame;
                list[index] = t;
                match.RequestFrame = t.RequestFrame;
                match.TimeNs = timestampNs - t.RequestTimeNs;
                match.RequestUri = t.Uri;
            }
        }
        _byFrame.Add(frame, ordinal, new Answer
        {
            Connection = Reference(connection, frame), Transaction = index, Number = match.Number, PreviousFrame = match.PreviousFrame,
            TimeNs = match.TimeNs, IsResponse = isResponse,
        });
    }

    /// <summary>
    /// The match a message was given on its first visit. Only a response paired with a request has a
    /// request frame, and its request's transaction says which and for what URI.
    /// </summary>
    private HttpMatch Replay(in Answer answer)
    {
        var match = new HttpMatch { Number = answer.Number, Count = answer.Number, PreviousFrame = answer.PreviousFrame, TimeNs = answer.TimeNs };
        if (answer.IsResponse && answer.Transaction >= 0)
        {
            var t = _referenced[answer.Connection].Transactions[answer.Transaction];
            match.RequestFrame = t.RequestFrame;
            match.RequestUri = t.Uri;
        }
        return match;
    }

    /// <summary>The number answers know <paramref name="connection"/> by: once for good, or per frame on a single pass.</summary>
    private int Reference(Connection connection, uint frame)
    {
        if (connection.Id < 0 || (!_rememberFrames && connection.IdFrame != frame))
        {
            connection.Id = _referenced.Count;
            connection.IdFrame = frame;
            _referenced.Add(connection);
        }
        return connection.Id;
    }

    // Reused: a new list per sweep would be a large-object allocation that forces full collections.
    private readonly List<ConversationKey> _answered = new();

    /// <summary>
    /// Frees at least an eighth of the table per sweep, answered connections first, so that a flood of
    /// unanswered requests cannot make every new connection pay a full scan.
    /// </summary>
    private void ForgetAnsweredConnections()
    {
        int target = _maxConnections / 8;
        foreach (var (key, c) in _connections)
            if (c.Transactions.Count == 0 || c.Transactions[^1].ResponseFrame != 0) _answered.Add(key);
        if (_answered.Count < target)
            foreach (var (key, c) in _connections)
            {
                if (_answered.Count >= target) break;
                if (c.Transactions.Count > 0 && c.Transactions[^1].ResponseFrame == 0) { _answered.Add(key); ForgottenWaitingConnections++; }
            }
        foreach (var key in _answered) _connections.Remove(key);
        ForgottenConnections += _answered.Count;
        _answered.Clear();
    }

    /// <summary>Keeps the request URI in one growing arena: no allocation per request in the steady state.</summary>
    private ReadOnlyMemory<byte> StoreUri(ReadOnlySpan<byte> uri)
    {
        if (uri.IsEmpty) return default;
        if (_uriUsed + uri.Length > _uriArena.Length)
        {
            // Earlier slices keep pointing into the old arena, which stays alive through them.
            _uriArena = new byte[Math.Max(_uriArena.Length * 2, uri.Length)];
            _uriUsed = 0;
        }
        uri.CopyTo(_uriArena.AsSpan(_uriUsed));
        var stored = new ReadOnlyMemory<byte>(_uriArena, _uriUsed, uri.Length);
        _uriUsed += uri.Length;
        return stored;
    }
}
