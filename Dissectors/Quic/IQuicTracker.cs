using Sniffer.Dissectors.Core;

namespace Sniffer.Dissectors.Quic;

/// <summary>
/// The QUIC connection table the dissector consults (implemented in Analysis/Quic): which UDP
/// conversations are QUIC, which connection a datagram belongs to (packet-quic.c's
/// quic_connection_find and quic_connection_create_or_update, run once per datagram on the first
/// visit), and what each packet decrypted to, so a revisit shows the same without changing state.
/// </summary>
public interface IQuicTracker
{
    /// <summary>A QUIC packet was seen on this 5-tuple: later datagrams on it are QUIC whatever they look like (tshark's conversation dissector).</summary>
    bool IsQuicConversation(in ConversationKey conversation);
    void ClaimConversation(in ConversationKey conversation);

    /// <summary>Some connection ID is known (tshark skips its short-header heuristic until one is).</summary>
    bool KnowsConnectionIds { get; }

    /// <summary>The connection a short-header packet with these leading bytes belongs to, if any (the heuristic's test).</summary>
    QuicConnection? FindShortHeader(in QuicEndpoints endpoints, ReadOnlySpan<byte> dcid, out bool fromServer);

    /// <summary>The connection of a datagram, from its first packet's header; created or updated on the first visit.</summary>
    QuicDatagram Datagram(uint frame, in QuicEndpoints endpoints, in QuicHeaderIds first, long visit = 0);

    /// <summary>A blank record for a packet's first visit (reused when frames are not remembered: no allocation per packet).</summary>
    QuicPacketRecord NewRecord();

    /// <summary>Keeps what a packet decrypted to (when the analysis remembers frames).</summary>
    void Remember(uint frame, int packet, QuicPacketRecord record);
    bool Recall(uint frame, int packet, out QuicPacketRecord? record);
}

/// <summary>The addresses of a datagram: the 5-tuple, and which end sent it.</summary>
public readonly record struct QuicEndpoints(ConversationKey Conversation, UInt128 Source, ushort SourcePort, UInt128 Destination, ushort DestinationPort);

/// <summary>What quic_extract_header reads from a packet's first bytes.</summary>
public struct QuicHeaderIds
{
    /// <summary>v1-numbered long packet type, <see cref="QuicVersion.VersionNegotiationPacket"/> or <see cref="QuicVersion.ShortHeader"/>.</summary>
    public byte PacketType;
    public uint Version;
    public QuicCid Dcid;
    public QuicCid Scid;
    /// <summary>For a short header: up to 20 bytes after the first, as the DCID's length is not known.</summary>
    public QuicCid ShortDcid;
}

/// <summary>Which connection a datagram belongs to, and whether its packets change state now.</summary>
public struct QuicDatagram
{
    public QuicConnection? Connection;
    public bool FromServer;
    /// <summary>The frame is seen for the first time: keys, packet numbers and CRYPTO streams move on.</summary>
    public bool FirstVisit;
    /// <summary>For a Retry: the client's original Destination Connection ID (to check the integrity tag).</summary>
    public QuicCid RetryOdcid;
    public bool HasRetryOdcid;
}

/// <summary>One packet's first-visit results (tshark's quic_packet_info_t), replayed on revisits.</summary>
public sealed class QuicPacketRecord
{
    public ulong PacketNumber;
    /// <summary>0 when the header protection was not removed.</summary>
    public int PacketNumberLength;
    public byte FirstByte;
    /// <summary>Why no keys or no packet number (tshark: "Failed to create decryption context: ...").</summary>
    public QuicDecryptError HeaderError;
    /// <summary>Why the payload did not decrypt (tshark: "Decryption failed: ...").</summary>
    public QuicDecryptError PayloadError;
    public byte[]? Plaintext;
    public bool RetryChecked;
    public bool RetryVerified;
    /// <summary>Per CRYPTO frame of the packet, in order.</summary>
    public List<QuicCryptoRecord>? Crypto;

    public void Reset()
    {
        PacketNumber = 0;
        PacketNumberLength = 0;
        FirstByte = 0;
        HeaderError = PayloadError = QuicDecryptError.None;
        Plaintext = null;
        RetryChecked = RetryVerified = false;
        Crypto?.Clear();
    }
}

/// <summary>What one CRYPTO frame did to its stream, and the handshake bytes it handed to TLS.</summary>
public struct QuicCryptoRecord
{
    public QuicCryptoOutcome Outcome;
    /// <summary>Whole handshake messages that end in this frame; null when none do.</summary>
    public byte[]? Handshake;
    /// <summary>The messages began in earlier frames (shown from a reassembled buffer).</summary>
    public bool Reassembled;
    /// <summary>Leading bytes of the frame already seen (an overlap).</summary>
    public int Skip;
    /// <summary>Bytes of the first message that came in earlier frames.</summary>
    public int PendingBefore;
    /// <summary>Type of the message left unfinished at the end of the frame, when it began earlier.</summary>
    public byte FragmentType;
}

public enum QuicCryptoOutcome : byte
{
    /// <summary>New bytes at the stream's end.</summary>
    InOrder,
    /// <summary>Bytes already seen ("This QUIC frame has a reused stream offset (retransmission?)").</summary>
    Retransmission,
    /// <summary>Partly seen: the new part is used ("This QUIC frame overlaps a previous frame in the stream").</summary>
    Overlap,
    /// <summary>Beyond a gap: kept until the gap is filled.</summary>
    Ahead,
}
