using Sniffer.Analysis.Pipeline;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Quic;

namespace Sniffer.Analysis.Quic;

/// <summary>
/// QUIC connection tracking as Wireshark 4.0 does it (packet-quic.c, "QUIC Connection tracking"):
/// connections are found by the Destination Connection ID (the IDs each side chose, the client's
/// first DCID), or by the UDP 5-tuple for zero-length IDs and short headers. A client Initial creates
/// a connection; server packets and Retry teach it the server's ID. Every datagram's connection, and
/// every packet's first-visit results, are kept (when frames are remembered) so a revisit replays them.
/// Bounded: past <see cref="MaxConnections"/> connections, new ones stay unknown.
/// </summary>
public sealed class QuicConnectionTable(bool rememberFrames = true) : IQuicTracker
{
    public const int MaxConnections = 100_000;

    private readonly Dictionary<QuicCid, QuicConnection> _client = new();
    private readonly Dictionary<QuicCid, QuicConnection> _server = new();
    private readonly Dictionary<QuicCid, QuicConnection> _initial = new();
    private readonly Dictionary<ConversationKey, QuicConnection> _byConversation = new();
    private readonly HashSet<ConversationKey> _claimed = new();
    private readonly List<QuicConnection> _connections = new();
    private readonly Dictionary<(uint Frame, int Ordinal), QuicDatagram> _datagrams = new();
    private readonly Dictionary<(uint Frame, int Ordinal, int Packet), QuicPacketRecord> _packets = new();
    private FrameOrdinal _ordinal;
    private int _lastOrdinal;
    private uint _highestFrame;
    /// <summary>tshark's quic_cid_lengths: a bit for each length of connection ID known.</summary>
    private uint _cidLengths;

    public int Count => _connections.Count;
    /// <summary>Connections not tracked because the table was full.</summary>
    public long Refused { get; private set; }

    public bool IsQuicConversation(in ConversationKey conversation) => _claimed.Contains(conversation);

    public void ClaimConversation(in ConversationKey conversation)
    {
        if (_claimed.Count < MaxConnections * 4) _claimed.Add(conversation);
    }

    public bool KnowsConnectionIds => _cidLengths != 0;

    public QuicConnection? FindShortHeader(in QuicEndpoints endpoints, ReadOnlySpan<byte> dcid, out bool fromServer)
    {
        var cid = new QuicCid(dcid);
        return Find(endpoints, QuicVersion.ShortHeader, ref cid, out fromServer);
    }

    public QuicDatagram Datagram(uint frame, in QuicEndpoints endpoints, in QuicHeaderIds first, long visit = 0)
    {
        int ordinal = _ordinal.Next(frame, visit);
        bool found = _datagrams.TryGetValue((frame, ordinal), out var seen);
        if (!found && frame < _highestFrame)
        {
            // An older frame dissected again from its first datagram.
            _ordinal.Restart(frame);
            ordinal = 0;
            found = _datagrams.TryGetValue((frame, 0), out seen);
            _lastOrdinal = 0;
            return found ? seen with { FirstVisit = false } : default;
        }
        _lastOrdinal = ordinal;
        if (found) return seen with { FirstVisit = false };
        if (frame > _highestFrame) _highestFrame = frame;

        var dcid = first.PacketType == QuicVersion.ShortHeader ? first.ShortDcid : first.Dcid;
        var conn = Find(endpoints, first.PacketType, ref dcid, out bool fromServer);
        var dgram = new QuicDatagram { FirstVisit = true };
        if (conn is not null && first.PacketType == QuicVersion.Retry && conn.ClientDcidSet)
        {
            // The client's original DCID, before the Retry makes it forget it (it checks the integrity tag).
            dgram.RetryOdcid = conn.ClientDcidInitial;
            dgram.HasRetryOdcid = true;
        }
        CreateOrUpdate(ref conn, endpoints, first.PacketType, first.Version, first.Scid, first.Dcid, fromServer);
        dgram.Connection = conn;
        dgram.FromServer = fromServer;
        if (rememberFrames) _datagrams[(frame, ordinal)] = dgram;
        return dgram;
    }

    private readonly QuicPacketRecord _scratch = new();

    public QuicPacketRecord NewRecord()
    {
        if (rememberFrames) return new QuicPacketRecord();
        _scratch.Reset();
        return _scratch;
    }

    public void Remember(uint frame, int packet, QuicPacketRecord record)
    {
        // Most packets (1-RTT, unreadable) found nothing worth replaying: a revisit without a record shows the same.
        bool empty = record.PacketNumberLength == 0 && record.HeaderError == QuicDecryptError.None && record.PayloadError == QuicDecryptError.None &&
            record.Plaintext is null && !record.RetryChecked && record.Crypto is not { Count: > 0 };
        if (rememberFrames && !empty) _packets[(frame, _lastOrdinal, packet)] = record;
    }

    public bool Recall(uint frame, int packet, out QuicPacketRecord? record) => _packets.TryGetValue((frame, _lastOrdinal, packet), out record);

    /// <summary>quic_connection_find: the connection of a packet of this type and DCID (for short headers the DCID is shortened to the length found).</summary>
    private QuicConnection? Find(in QuicEndpoints endpoints, byte type, ref QuicCid dcid, out bool fromServer)
    {
        fromServer = false;
        QuicConnection? conn;
        if (type == QuicVersion.ZeroRtt && dcid.Length > 0)
        {
            // 0-RTT always uses the client's first DCID.
            conn = _initial.GetValueOrDefault(dcid);
            fromServer = false;
        }
        else
        {
            conn = FindByDcid(endpoints, dcid, ref fromServer);
            if (type == QuicVersion.Initial && conn is null && dcid.Length > 0 && _initial.TryGetValue(dcid, out conn)) fromServer = false;
            // A client Initial must use the first DCID or one the server gave; otherwise it starts afresh (after Version Negotiation).
            if (type == QuicVersion.Initial && conn is not null && !fromServer && dcid.Length > 0 &&
                !dcid.Equals(conn.ClientDcidInitial) && !HasCid(conn.ServerCids, dcid))
                conn = null;
        }
        if (type == QuicVersion.ShortHeader && conn is null)
        {
            conn = FindByDcid(endpoints, default, ref fromServer);
            Span<byte> raw = stackalloc byte[QuicCid.MaxLength];
            dcid.CopyTo(raw);
            var bytes = raw[..dcid.Length];
            while (conn is not null && !(fromServer ? conn.HasCid(bytes, server: false) : conn.HasCid(bytes, server: true))) conn = conn.Previous;
            // Perhaps a migrated connection: try every shorter DCID of a length some connection uses.
            while (conn is null && dcid.Length > 1)
            {
                dcid = dcid.Truncate(dcid.Length - 1);
                if (KnownLength(dcid.Length)) conn = FindByDcid(endpoints, dcid, ref fromServer);
            }
            if (conn is null) dcid = default;
        }
        return conn;
    }

    /// <summary>quic_connection_find_dcid: by a connection ID either side chose, or for an empty one by the 5-tuple.</summary>
    private QuicConnection? FindByDcid(in QuicEndpoints endpoints, QuicCid dcid, ref bool fromServer)
    {
        QuicConnection? conn;
        bool checkPorts = false;
        if (dcid.Length > 0)
        {
            if (!KnownLength(dcid.Length)) return null;
            if (_client.TryGetValue(dcid, out conn))
            {
                // An ID the client chose: the server sent this (unless both chose the same one).
                fromServer = true;
                checkPorts = _server.ContainsKey(dcid);
            }
            else if (_server.TryGetValue(dcid, out conn)) fromServer = false;
        }
        else
        {
            conn = _byConversation.GetValueOrDefault(endpoints.Conversation);
            checkPorts = conn is not null;
        }
        if (checkPorts) fromServer = conn!.ServerPort == endpoints.SourcePort && conn.ServerAddress == endpoints.Source;
        return conn;
    }

    private static bool HasCid(List<QuicCid> cids, QuicCid raw)
    {
        Span<byte> bytes = stackalloc byte[QuicCid.MaxLength];
        raw.CopyTo(bytes);
        foreach (var cid in cids) if (cid.IsPrefixOf(bytes[..raw.Length])) return true;
        return false;
    }

    private bool KnownLength(int length) => (_cidLengths & (1u << length)) != 0;

    /// <summary>quic_connection_create_or_update.</summary>
    private void CreateOrUpdate(ref QuicConnection? conn, in QuicEndpoints endpoints, byte type, uint version, QuicCid scid, QuicCid dcid, bool fromServer)
    {
        switch (type)
        {
            case QuicVersion.Initial when !fromServer:
                if (conn is null)
                {
                    conn = Create(endpoints, version);
                    if (conn is not null) UpdateInitial(conn, scid, dcid);
                }
                else if (!conn.ClientDcidSet && dcid.Length > 0)
                {
                    // The client's Initial after a Retry: new keys, and the server's next Initial names its ID again.
                    UpdateInitial(conn, scid, dcid);
                    _server.Remove(conn.ServerCids[0]);
                    conn.ServerCids[0] = default;
                }
                break;
            case QuicVersion.Initial:
            case QuicVersion.Retry:
            case QuicVersion.Handshake:
                if (!fromServer || conn is null) break;
                if (type == QuicVersion.Retry)
                {
                    // The next client Initial starts a new cryptographic handshake with a new DCID.
                    _initial.Remove(conn.ClientDcidInitial);
                    conn.ClientDcidInitial = default;
                    conn.ClientDcidSet = false;
                }
                if (conn.ServerCids[0].Length == 0 && scid.Length > 0)
                {
                    conn.ServerCids[0] = scid;
                    Insert(scid, conn, server: true);
                }
                break;
        }
    }

    private QuicConnection? Create(in QuicEndpoints endpoints, uint version)
    {
        if (_connections.Count >= MaxConnections)
        {
            Refused++;
            return null;
        }
        var conn = new QuicConnection((uint)_connections.Count, version, endpoints.Destination, endpoints.DestinationPort);
        _connections.Add(conn);
        if (_byConversation.TryGetValue(endpoints.Conversation, out var previous)) conn.Previous = previous;
        _byConversation[endpoints.Conversation] = conn;
        return conn;
    }

    private void UpdateInitial(QuicConnection conn, QuicCid scid, QuicCid dcid)
    {
        if (scid.Length > 0)
        {
            conn.ClientCids[0] = scid;
            Insert(scid, conn, server: false);
        }
        if (dcid.Length > 0)
        {
            conn.ClientDcidInitial = dcid;
            _initial[dcid] = conn;
            conn.ClientDcidSet = true;
        }
    }

    private void Insert(QuicCid cid, QuicConnection conn, bool server)
    {
        (server ? _server : _client)[cid] = conn;
        _cidLengths |= 1u << cid.Length;
    }
}
