namespace Sniffer.Dissectors.Quic;

/// <summary>
/// What is known of one QUIC connection (packet-quic.c's quic_info_data_t), owned by the analysis
/// (Analysis/Quic/QuicConnectionTable) and changed only while a frame is first dissected: the
/// version, the server's address, the connection IDs each side chose, the Initial keys, the highest
/// packet number of each packet number space, and the CRYPTO streams.
/// </summary>
public sealed class QuicConnection
{
    public QuicConnection(uint number, uint version, UInt128 serverAddress, ushort serverPort)
    {
        Number = number;
        Version = version;
        ServerAddress = serverAddress;
        ServerPort = serverPort;
        ClientCids.Add(default);
        ServerCids.Add(default);
    }

    /// <summary>quic.connection.number: the connection's place in the capture, from 0.</summary>
    public uint Number { get; }
    public uint Version { get; set; }
    public UInt128 ServerAddress { get; }
    public ushort ServerPort { get; }

    /// <summary>The Destination Connection ID of the client's first Initial: it keys the Initial secrets.</summary>
    public QuicCid ClientDcidInitial { get; set; }
    public bool ClientDcidSet { get; set; }

    /// <summary>Connection IDs the client chose (the first is its Initial's SCID, possibly empty), likewise the server.</summary>
    public List<QuicCid> ClientCids { get; } = new();
    public List<QuicCid> ServerCids { get; } = new();

    /// <summary>The previous connection on the same UDP 5-tuple, if any.</summary>
    public QuicConnection? Previous { get; set; }

    /// <summary>A ServerHello of this connection named a TLS 1.3 cipher suite (tshark's tls_get_cipher_info succeeds).</summary>
    public bool TlsCipherKnown { get; set; }
    /// <summary>1-RTT keys were looked for and are not available: later short headers do not say so again.</summary>
    public bool SkipDecryption { get; set; }

    public QuicPacketKeys? ClientInitialKeys { get; set; }
    public QuicPacketKeys? ServerInitialKeys { get; set; }

    private readonly ulong[] _maxPacketNumber = new ulong[6];
    private readonly QuicCryptoStream?[] _crypto = new QuicCryptoStream?[8];

    /// <summary>Packet number spaces (RFC 9000 §12.3): Initial, Handshake, and application data (0-RTT and 1-RTT).</summary>
    public static int Space(byte packetType) => packetType switch
    {
        QuicVersion.Initial => 0,
        QuicVersion.Handshake => 1,
        _ => 2,
    };

    /// <summary>The highest packet number accepted in a space (0 before any, as tshark starts it).</summary>
    public ref ulong MaxPacketNumber(bool fromServer, byte packetType) => ref _maxPacketNumber[(fromServer ? 3 : 0) + Space(packetType)];

    /// <summary>The CRYPTO stream of one sender at one encryption level (created on first use).</summary>
    public QuicCryptoStream Crypto(bool fromServer, byte packetType)
    {
        int index = (fromServer ? 4 : 0) + (packetType & 3);
        return _crypto[index] ??= new QuicCryptoStream();
    }

    public bool HasCid(ReadOnlySpan<byte> raw, bool server)
    {
        foreach (var cid in server ? ServerCids : ClientCids) if (cid.IsPrefixOf(raw)) return true;
        return false;
    }

    /// <summary>Drops the keys (the connection is forgotten).</summary>
    public void Release()
    {
        ClientInitialKeys?.Dispose();
        ServerInitialKeys?.Dispose();
        ClientInitialKeys = ServerInitialKeys = null;
    }
}

/// <summary>
/// One CRYPTO stream (RFC 9000 §19.6): how far its bytes are known without a gap, the start of a
/// handshake message that has not ended yet, and fragments that arrived ahead of a gap. Bounded:
/// at most <see cref="MaxBuffered"/> bytes are held; past that the stream gives up on what is pending.
/// </summary>
public sealed class QuicCryptoStream
{
    public const int MaxBuffered = 256 * 1024;
    private const int MaxFragments = 64;

    /// <summary>Bytes from offset 0 up to here have all been seen (tshark's max_contiguous_offset).</summary>
    public ulong Contiguous { get; private set; }

    private byte[] _pending = Array.Empty<byte>();
    private int _pendingLength;
    private readonly List<(ulong Offset, byte[] Data)> _ahead = new();

    /// <summary>The incomplete handshake message bytes carried over from earlier frames.</summary>
    public ReadOnlySpan<byte> Pending => _pending.AsSpan(0, _pendingLength);

    /// <summary>Adds in-order bytes (starting at <see cref="Contiguous"/>) after what is pending, then any fragments they join.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        AppendPending(data);
        Contiguous += (ulong)data.Length;
        bool joined = true;
        while (joined)
        {
            joined = false;
            for (int i = 0; i < _ahead.Count; i++)
            {
                var (offset, bytes) = _ahead[i];
                if (offset > Contiguous) continue;
                _ahead.RemoveAt(i);
                ulong end = offset + (ulong)bytes.Length;
                if (end > Contiguous)
                {
                    int skip = (int)(Contiguous - offset);
                    AppendPending(bytes.AsSpan(skip));
                    Contiguous = end;
                }
                joined = true;
                break;
            }
        }
    }

    /// <summary>True when joined fragments arrived ahead of a gap (tshark then dissects them in the frame that fills it).</summary>
    public bool HasAhead => _ahead.Count > 0;

    /// <summary>Keeps bytes that arrived beyond a gap.</summary>
    public void Ahead(ulong offset, ReadOnlySpan<byte> data)
    {
        if (_ahead.Count >= MaxFragments || data.Length > MaxBuffered) return;
        _ahead.Add((offset, data.ToArray()));
    }

    /// <summary>Forgets the first <paramref name="count"/> pending bytes (whole handshake messages that were dissected).</summary>
    public void Consume(int count)
    {
        count = Math.Min(count, _pendingLength);
        _pending.AsSpan(count, _pendingLength - count).CopyTo(_pending);
        _pendingLength -= count;
    }

    private void AppendPending(ReadOnlySpan<byte> data)
    {
        if (_pendingLength + data.Length > MaxBuffered)
        {
            // A handshake message that long is not a real one: drop what is pending.
            _pendingLength = 0;
            if (data.Length > MaxBuffered) return;
        }
        if (_pending.Length < _pendingLength + data.Length) Array.Resize(ref _pending, Math.Max(_pendingLength + data.Length, _pending.Length * 2));
        data.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength += data.Length;
    }
}
