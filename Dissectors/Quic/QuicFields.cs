using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Quic;

/// <summary>The QUIC fields, named and typed as tshark 4.0 registers them (packet-quic.c).</summary>
[FieldTable]
public static class QuicFields
{
    public static readonly FieldDef Quic = FieldDef.Protocol("quic", "QUIC IETF");
    public static readonly FieldDef ConnectionNumber = new("quic.connection.number", "Connection Number", FieldType.UInt32);
    public static readonly FieldDef PacketLength = new("quic.packet_length", "Packet Length", FieldType.UInt32);
    public static readonly FieldDef HeaderForm = new("quic.header_form", "Header Form", FieldType.UInt8, FieldBase.Dec, bitmask: 0x80, bitWidth: 8,
        strings: new((0, "Short Header"), (1, "Long Header")));
    public static readonly FieldDef LongPacketType = new("quic.long.packet_type", "Packet Type", FieldType.UInt8, FieldBase.Dec, bitmask: 0x30, bitWidth: 8,
        strings: new((0, "Initial"), (1, "0-RTT"), (2, "Handshake"), (3, "Retry")));
    public static readonly FieldDef LongPacketTypeV2 = new("quic.long.packet_type_v2", "Packet Type", FieldType.UInt8, FieldBase.Dec, bitmask: 0x30, bitWidth: 8,
        strings: new((0, "Retry"), (1, "Initial"), (2, "0-RTT"), (3, "Handshake")));
    public static readonly FieldDef LongReserved = new("quic.long.reserved", "Reserved", FieldType.UInt8, FieldBase.Dec, bitmask: 0x0C, bitWidth: 8);
    public static readonly FieldDef PacketNumberLength = new("quic.packet_number_length", "Packet Number Length", FieldType.UInt8, FieldBase.Dec, bitmask: 0x03, bitWidth: 8,
        strings: new((0, "1 bytes"), (1, "2 bytes"), (2, "3 bytes"), (3, "4 bytes")));
    public static readonly FieldDef Dcid = new("quic.dcid", "Destination Connection ID", FieldType.Bytes);
    public static readonly FieldDef Scid = new("quic.scid", "Source Connection ID", FieldType.Bytes);
    public static readonly FieldDef Dcil = new("quic.dcil", "Destination Connection ID Length", FieldType.UInt8);
    public static readonly FieldDef Scil = new("quic.scil", "Source Connection ID Length", FieldType.UInt8);
    public static readonly FieldDef TokenLength = new("quic.token_length", "Token Length", FieldType.UInt64);
    public static readonly FieldDef Token = new("quic.token", "Token", FieldType.Bytes);
    public static readonly FieldDef Length = new("quic.length", "Length", FieldType.UInt64);
    public static readonly FieldDef PacketNumber = new("quic.packet_number", "Packet Number", FieldType.UInt64);
    public static readonly FieldDef Version = new("quic.version", "Version", FieldType.UInt32, FieldBase.Hex);
    public static readonly FieldDef SupportedVersion = new("quic.supported_version", "Supported Version", FieldType.UInt32, FieldBase.Hex);
    public static readonly FieldDef VnUnused = new("quic.vn.unused", "Unused", FieldType.UInt8, FieldBase.Hex, bitmask: 0x7F, bitWidth: 8);
    public static readonly FieldDef Short = new("quic.short", "QUIC Short Header", FieldType.None);
    public static readonly FieldDef FixedBit = new("quic.fixed_bit", "Fixed Bit", FieldType.Boolean, bitmask: 0x40, bitWidth: 8, trueFalse: TrueFalse.TrueFalseText);
    public static readonly FieldDef SpinBit = new("quic.spin_bit", "Spin Bit", FieldType.Boolean, bitmask: 0x20, bitWidth: 8, trueFalse: TrueFalse.TrueFalseText);
    public static readonly FieldDef ShortReserved = new("quic.short.reserved", "Reserved", FieldType.UInt8, FieldBase.Dec, bitmask: 0x18, bitWidth: 8);
    public static readonly FieldDef KeyPhase = new("quic.key_phase", "Key Phase Bit", FieldType.Boolean, bitmask: 0x04, bitWidth: 8, trueFalse: TrueFalse.TrueFalseText);
    public static readonly FieldDef Payload = new("quic.payload", "Payload", FieldType.Bytes);
    public static readonly FieldDef ProtectedPayload = new("quic.protected_payload", "Protected Payload", FieldType.Bytes);
    public static readonly FieldDef RemainingPayload = new("quic.remaining_payload", "Remaining Payload", FieldType.Bytes);
    public static readonly FieldDef Odcil = new("quic.odcil", "Original Destination Connection ID Length", FieldType.UInt8);
    public static readonly FieldDef Odcid = new("quic.odcid", "Original Destination Connection ID", FieldType.Bytes);
    public static readonly FieldDef RetryToken = new("quic.retry_token", "Retry Token", FieldType.Bytes);
    public static readonly FieldDef RetryIntegrityTag = new("quic.retry_integrity_tag", "Retry Integrity Tag", FieldType.Bytes);

    public static readonly FieldDef Frame = new("quic.frame", "Frame", FieldType.None);
    public static readonly FieldDef FrameType = new("quic.frame_type", "Frame Type", FieldType.UInt64, FieldBase.Hex);
    public static readonly FieldDef PaddingLength = new("quic.padding_length", "Padding Length", FieldType.UInt32);
    public static readonly FieldDef AckLargest = new("quic.ack.largest_acknowledged", "Largest Acknowledged", FieldType.UInt64);
    public static readonly FieldDef AckDelay = new("quic.ack.ack_delay", "ACK Delay", FieldType.UInt64);
    public static readonly FieldDef AckRangeCount = new("quic.ack.ack_range_count", "ACK Range Count", FieldType.UInt64);
    public static readonly FieldDef AckFirstRange = new("quic.ack.first_ack_range", "First ACK Range", FieldType.UInt64);
    public static readonly FieldDef AckGap = new("quic.ack.gap", "Gap", FieldType.UInt64);
    public static readonly FieldDef AckRange = new("quic.ack.ack_range", "ACK Range", FieldType.UInt64);
    public static readonly FieldDef AckEct0 = new("quic.ack.ect0_count", "ECT(0) Count", FieldType.UInt64);
    public static readonly FieldDef AckEct1 = new("quic.ack.ect1_count", "ECT(1) Count", FieldType.UInt64);
    public static readonly FieldDef AckEcnCe = new("quic.ack.ecn_ce_count", "ECN-CE Count", FieldType.UInt64);
    public static readonly FieldDef RstsStreamId = new("quic.rsts.stream_id", "Stream ID", FieldType.UInt64);
    public static readonly FieldDef RstsError = new("quic.rsts.application_error_code", "Application Error code", FieldType.UInt64);
    public static readonly FieldDef RstsFinalSize = new("quic.rsts.final_size", "Final Size", FieldType.UInt64);
    public static readonly FieldDef SsStreamId = new("quic.ss.stream_id", "Stream ID", FieldType.UInt64);
    public static readonly FieldDef SsError = new("quic.ss.application_error_code", "Application Error code", FieldType.UInt64);
    public static readonly FieldDef CryptoOffset = new("quic.crypto.offset", "Offset", FieldType.UInt64);
    public static readonly FieldDef CryptoLength = new("quic.crypto.length", "Length", FieldType.UInt64);
    public static readonly FieldDef CryptoData = new("quic.crypto.crypto_data", "Crypto Data", FieldType.None);
    public static readonly FieldDef NtLength = new("quic.nt.length", "(Token) Length", FieldType.UInt64);
    public static readonly FieldDef NtToken = new("quic.nt.token", "Token", FieldType.Bytes);
    public static readonly FieldDef StreamFin = new("quic.stream.fin", "Fin", FieldType.Boolean, bitmask: 0x01, bitWidth: 8, trueFalse: TrueFalse.TrueFalseText);
    public static readonly FieldDef StreamLen = new("quic.stream.len", "Len(gth)", FieldType.Boolean, bitmask: 0x02, bitWidth: 8, trueFalse: TrueFalse.TrueFalseText);
    public static readonly FieldDef StreamOff = new("quic.stream.off", "Off(set)", FieldType.Boolean, bitmask: 0x04, bitWidth: 8, trueFalse: TrueFalse.TrueFalseText);
    public static readonly FieldDef StreamId = new("quic.stream.stream_id", "Stream ID", FieldType.UInt64);
    public static readonly FieldDef StreamOffset = new("quic.stream.offset", "Offset", FieldType.UInt64);
    public static readonly FieldDef StreamLength = new("quic.stream.length", "Length", FieldType.UInt64);
    public static readonly FieldDef StreamData = new("quic.stream_data", "Stream Data", FieldType.Bytes);
    public static readonly FieldDef MaxData = new("quic.md.maximum_data", "Maximum Data", FieldType.UInt64);
    public static readonly FieldDef MsdStreamId = new("quic.msd.stream_id", "Stream ID", FieldType.UInt64);
    public static readonly FieldDef MsdMaxStreamData = new("quic.msd.maximum_stream_data", "Maximum Stream Data", FieldType.UInt64);
    public static readonly FieldDef MaxStreams = new("quic.ms.max_streams", "Max Streams", FieldType.UInt64);
    public static readonly FieldDef DataBlockedLimit = new("quic.sb.stream_data_limit", "Stream Data Limit", FieldType.UInt64);
    public static readonly FieldDef SdbStreamId = new("quic.sdb.stream_id", "Stream ID", FieldType.UInt64);
    public static readonly FieldDef StreamsBlockedLimit = new("quic.sib.stream_limit", "Stream Limit", FieldType.UInt64);
    public static readonly FieldDef NciRetirePriorTo = new("quic.nci.retire_prior_to", "Retire Prior To", FieldType.UInt64);
    public static readonly FieldDef NciSequence = new("quic.nci.sequence", "Sequence", FieldType.UInt64);
    public static readonly FieldDef NciCidLength = new("quic.nci.connection_id.length", "Connection ID Length", FieldType.UInt8);
    public static readonly FieldDef NciCid = new("quic.nci.connection_id", "Connection ID", FieldType.Bytes);
    public static readonly FieldDef NciResetToken = new("quic.nci.stateless_reset_token", "Stateless Reset Token", FieldType.Bytes);
    public static readonly FieldDef RciSequence = new("quic.rci.sequence", "Sequence", FieldType.UInt64);
    public static readonly FieldDef PathChallenge = new("quic.path_challenge.data", "Data", FieldType.Bytes);
    public static readonly FieldDef PathResponse = new("quic.path_response.data", "Data", FieldType.Bytes);
    public static readonly FieldDef CcErrorCode = new("quic.cc.error_code", "Error code", FieldType.UInt64);
    public static readonly FieldDef CcErrorCodeApp = new("quic.cc.error_code.app", "Application Error code", FieldType.UInt64);
    public static readonly FieldDef CcTlsAlert = new("quic.cc.error_code.tls_alert", "TLS Alert Description", FieldType.UInt8, FieldBase.Dec, strings: Tls.TlsNames.AlertDescriptions);
    public static readonly FieldDef CcFrameType = new("quic.cc.frame_type", "Frame Type", FieldType.UInt64);
    public static readonly FieldDef CcReasonLength = new("quic.cc.reason_phrase.length", "Reason phrase Length", FieldType.UInt64);
    public static readonly FieldDef CcReason = new("quic.cc.reason_phrase", "Reason phrase", FieldType.String);
    public static readonly FieldDef DatagramLength = new("quic.dg.length", "Datagram Length", FieldType.UInt64);
    public static readonly FieldDef Datagram = new("quic.dg", "Datagram", FieldType.Bytes);

    public static readonly ExpertDef UnknownConnection = new("quic.connection.unknown", ExpertGroup.Protocol, ExpertSeverity.Note,
        "Unknown QUIC connection. Missing Initial Packet or migrated connection?");
    public static readonly ExpertDef UnknownFrameType = new("quic.ft.unknown", ExpertGroup.Undecoded, ExpertSeverity.Note, "Unknown Frame Type");
    public static readonly ExpertDef DecryptionFailed = new("quic.decryption_failed", ExpertGroup.Decryption, ExpertSeverity.Warning, "Failed to decrypt handshake");
    public static readonly ExpertDef ProtocolViolation = new("quic.protocol_violation", ExpertGroup.Protocol, ExpertSeverity.Warning, "Invalid data according to the protocol");
    public static readonly ExpertDef BadRetry = new("quic.bad_retry", ExpertGroup.Protocol, ExpertSeverity.Warning, "Retry Integrity Tag verification failure");
    public static readonly ExpertDef CoalescedPadding = new("quic.coalesced_padding_data", ExpertGroup.Protocol, ExpertSeverity.Note, "Coalesced Padding Data");
    public static readonly ExpertDef Retransmission = new("quic.retransmission", ExpertGroup.Sequence, ExpertSeverity.Note,
        "This QUIC frame has a reused stream offset (retransmission?)");
    public static readonly ExpertDef Overlap = new("quic.overlap", ExpertGroup.Sequence, ExpertSeverity.Note, "This QUIC frame overlaps a previous frame in the stream");
}
