using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Ip;

namespace Sniffer.Dissectors.Transport;

/// <summary>TCP fields and expert items, with tshark 4.0's names and labels.</summary>
[FieldTable]
public static class TcpFields
{
    public static readonly FieldDef Tcp = FieldDef.Protocol("tcp", "Transmission Control Protocol");
    public static readonly FieldDef SrcPort = new("tcp.srcport", "Source Port", FieldType.UInt16);
    public static readonly FieldDef DstPort = new("tcp.dstport", "Destination Port", FieldType.UInt16);
    public static readonly FieldDef Port = new("tcp.port", "Source or Destination Port", FieldType.UInt16);
    public static readonly FieldDef Stream = new("tcp.stream", "Stream index", FieldType.UInt32);
    public static readonly FieldDef Completeness = new("tcp.completeness", "Conversation completeness", FieldType.UInt8);
    public static readonly FieldDef Len = new("tcp.len", "TCP Segment Len", FieldType.UInt32);
    public static readonly FieldDef Seq = new("tcp.seq", "Sequence Number", FieldType.UInt32);
    public static readonly FieldDef SeqRaw = new("tcp.seq_raw", "Sequence Number (raw)", FieldType.UInt32);
    public static readonly FieldDef NextSeq = new("tcp.nxtseq", "Next Sequence Number", FieldType.UInt32);
    public static readonly FieldDef Ack = new("tcp.ack", "Acknowledgment Number", FieldType.UInt32);
    public static readonly FieldDef AckRaw = new("tcp.ack_raw", "Acknowledgment number (raw)", FieldType.UInt32);
    public static readonly FieldDef HdrLen = new("tcp.hdr_len", "Header Length", FieldType.UInt8);
    public static readonly FieldDef Flags = new("tcp.flags", "Flags", FieldType.UInt16, FieldBase.Hex, bitmask: 0xFFF);
    public static readonly FieldDef FlagRes = new("tcp.flags.res", "Reserved", FieldType.Boolean, bitmask: 0xE00, bitWidth: 12);
    public static readonly FieldDef FlagAe = new("tcp.flags.ae", "Accurate ECN", FieldType.Boolean, bitmask: 0x100, bitWidth: 12);
    /// <summary>AE, CWR and ECE read as the AccECN counter, once the connection negotiated it.</summary>
    public static readonly FieldDef FlagAce = new("tcp.flags.ace", "ACE", FieldType.UInt8);
    public static readonly FieldDef FlagCwr = new("tcp.flags.cwr", "Congestion Window Reduced", FieldType.Boolean, bitmask: 0x80, bitWidth: 12);
    public static readonly FieldDef FlagEce = new("tcp.flags.ece", "ECN-Echo", FieldType.Boolean, bitmask: 0x40, bitWidth: 12);
    public static readonly FieldDef FlagUrg = new("tcp.flags.urg", "Urgent", FieldType.Boolean, bitmask: 0x20, bitWidth: 12);
    public static readonly FieldDef FlagAck = new("tcp.flags.ack", "Acknowledgment", FieldType.Boolean, bitmask: 0x10, bitWidth: 12);
    public static readonly FieldDef FlagPush = new("tcp.flags.push", "Push", FieldType.Boolean, bitmask: 0x08, bitWidth: 12);
    public static readonly FieldDef FlagReset = new("tcp.flags.reset", "Reset", FieldType.Boolean, bitmask: 0x04, bitWidth: 12);
    public static readonly FieldDef FlagSyn = new("tcp.flags.syn", "Syn", FieldType.Boolean, bitmask: 0x02, bitWidth: 12);
    public static readonly FieldDef FlagFin = new("tcp.flags.fin", "Fin", FieldType.Boolean, bitmask: 0x01, bitWidth: 12);
    public static readonly FieldDef FlagsStr = new("tcp.flags.str", "TCP Flags", FieldType.String);
    public static readonly FieldDef WindowSizeValue = new("tcp.window_size_value", "Window", FieldType.UInt16);
    public static readonly FieldDef WindowSize = new("tcp.window_size", "Calculated window size", FieldType.UInt32);
    public static readonly FieldDef WindowScaleFactor = new("tcp.window_size_scalefactor", "Window size scaling factor", FieldType.Int32);
    public static readonly FieldDef Checksum = new("tcp.checksum", "Checksum", FieldType.UInt16, FieldBase.Hex);
    public static readonly FieldDef ChecksumStatus = new("tcp.checksum.status", "Checksum Status", FieldType.UInt8, strings: ChecksumStatusNames.Names);
    public static readonly FieldDef UrgentPointer = new("tcp.urgent_pointer", "Urgent Pointer", FieldType.UInt16);
    public static readonly FieldDef Payload = new("tcp.payload", "TCP payload", FieldType.Bytes);
    public static readonly FieldDef PduSize = new("tcp.pdu.size", "PDU Size", FieldType.UInt32);
    public static readonly FieldDef SegmentData = new("tcp.segment_data", "TCP segment data", FieldType.Bytes);
    public static readonly FieldDef ResetCause = new("tcp.reset_cause", "Reset cause", FieldType.String);

    // [Timestamps]
    public static readonly FieldDef TimeRelative = new("tcp.time_relative", "Time since first frame in this TCP stream", FieldType.RelativeTime);
    public static readonly FieldDef TimeDelta = new("tcp.time_delta", "Time since previous frame in this TCP stream", FieldType.RelativeTime);

    // [SEQ/ACK analysis]
    public static readonly FieldDef Analysis = new("tcp.analysis", "SEQ/ACK analysis", FieldType.None);
    public static readonly FieldDef AnalysisFlags = new("tcp.analysis.flags", "TCP Analysis Flags", FieldType.None);
    public static readonly FieldDef AcksFrame = new("tcp.analysis.acks_frame", "This is an ACK to the segment in frame", FieldType.FrameNum);
    public static readonly FieldDef AckRtt = new("tcp.analysis.ack_rtt", "The RTT to ACK the segment was", FieldType.RelativeTime);
    public static readonly FieldDef InitialRtt = new("tcp.analysis.initial_rtt", "iRTT", FieldType.RelativeTime);
    public static readonly FieldDef BytesInFlight = new("tcp.analysis.bytes_in_flight", "Bytes in flight", FieldType.UInt32);
    public static readonly FieldDef PushBytesSent = new("tcp.analysis.push_bytes_sent", "Bytes sent since last PSH flag", FieldType.UInt32);
    /// <summary>"This is a TCP duplicate ack"; the same name as the <see cref="DuplicateAck"/> expert, as in Wireshark.</summary>
    public static FieldDef DuplicateAckText => DuplicateAck.Field;
    public static readonly FieldDef DuplicateAckNum = new("tcp.analysis.duplicate_ack_num", "Duplicate ACK #", FieldType.UInt32);
    public static readonly FieldDef DuplicateAckFrame = new("tcp.analysis.duplicate_ack_frame", "Duplicate to the ACK in frame", FieldType.FrameNum);
    public static readonly FieldDef Rto = new("tcp.analysis.rto", "The RTO for this segment was", FieldType.RelativeTime);
    public static readonly FieldDef RtoFrame = new("tcp.analysis.rto_frame", "RTO based on delta from frame", FieldType.FrameNum);

    // Options
    public static readonly FieldDef Options = new("tcp.options", "TCP Options", FieldType.Bytes);
    public static readonly FieldDef OptionKind = new("tcp.option_kind", "Kind", FieldType.UInt8, strings: TcpOptionNames.Kinds);
    public static readonly FieldDef OptionLen = new("tcp.option_len", "Length", FieldType.UInt8);
    public static readonly FieldDef OptionNop = new("tcp.options.nop", "TCP Option - No-Operation (NOP)", FieldType.Bytes);
    public static readonly FieldDef OptionEol = new("tcp.options.eol", "TCP Option - End of Option List (EOL)", FieldType.Bytes);
    public static readonly FieldDef OptionMss = new("tcp.options.mss", "TCP Option - Maximum segment size", FieldType.None);
    public static readonly FieldDef OptionMssVal = new("tcp.options.mss_val", "MSS Value", FieldType.UInt16);
    public static readonly FieldDef OptionWscale = new("tcp.options.wscale", "TCP Option - Window scale", FieldType.None);
    public static readonly FieldDef OptionWscaleShift = new("tcp.options.wscale.shift", "Shift count", FieldType.UInt8);
    public static readonly FieldDef OptionWscaleMultiplier = new("tcp.options.wscale.multiplier", "Multiplier", FieldType.UInt16);
    public static readonly FieldDef OptionSackPerm = new("tcp.options.sack_perm", "TCP Option - SACK permitted", FieldType.None);
    public static readonly FieldDef OptionSack = new("tcp.options.sack", "TCP Option - SACK", FieldType.None);
    public static readonly FieldDef OptionSackLe = new("tcp.options.sack_le", "left edge", FieldType.UInt32);
    public static readonly FieldDef OptionSackRe = new("tcp.options.sack_re", "right edge", FieldType.UInt32);
    public static readonly FieldDef OptionSackCount = new("tcp.options.sack.count", "TCP SACK Count", FieldType.UInt8);
    public static readonly FieldDef OptionTimestamp = new("tcp.options.timestamp", "TCP Option - Timestamps", FieldType.None);
    public static readonly FieldDef OptionTsVal = new("tcp.options.timestamp.tsval", "Timestamp value", FieldType.UInt32);
    public static readonly FieldDef OptionTsEcr = new("tcp.options.timestamp.tsecr", "Timestamp echo reply", FieldType.UInt32);
    public static readonly FieldDef OptionUnknown = new("tcp.options.unknown", "TCP Option - Unknown", FieldType.None);
    public static readonly FieldDef OptionUnknownPayload = new("tcp.options.unknown.payload", "Payload", FieldType.Bytes);

    // Expert items (ei_tcp_*)
    public static readonly ExpertDef Retransmission = new("tcp.analysis.retransmission", ExpertGroup.Sequence, ExpertSeverity.Note, "This frame is a (suspected) retransmission");
    public static readonly ExpertDef FastRetransmission = new("tcp.analysis.fast_retransmission", ExpertGroup.Sequence, ExpertSeverity.Note, "This frame is a (suspected) fast retransmission");
    public static readonly ExpertDef SpuriousRetransmission = new("tcp.analysis.spurious_retransmission", ExpertGroup.Sequence, ExpertSeverity.Note, "This frame is a (suspected) spurious retransmission");
    public static readonly ExpertDef OutOfOrder = new("tcp.analysis.out_of_order", ExpertGroup.Sequence, ExpertSeverity.Warning, "This frame is a (suspected) out-of-order segment");
    public static readonly ExpertDef ReusedPorts = new("tcp.analysis.reused_ports", ExpertGroup.Sequence, ExpertSeverity.Note, "A new tcp session is started with the same ports as an earlier session in this trace");
    public static readonly ExpertDef LostSegment = new("tcp.analysis.lost_segment", ExpertGroup.Sequence, ExpertSeverity.Warning, "Previous segment(s) not captured (common at capture start)");
    public static readonly ExpertDef AckLostSegment = new("tcp.analysis.ack_lost_segment", ExpertGroup.Sequence, ExpertSeverity.Warning, "ACKed segment that wasn't captured (common at capture start)");
    public static readonly ExpertDef WindowUpdate = new("tcp.analysis.window_update", ExpertGroup.Sequence, ExpertSeverity.Chat, "TCP window update");
    public static readonly ExpertDef WindowFull = new("tcp.analysis.window_full", ExpertGroup.Sequence, ExpertSeverity.Warning, "TCP window specified by the receiver is now completely full");
    public static readonly ExpertDef KeepAlive = new("tcp.analysis.keep_alive", ExpertGroup.Sequence, ExpertSeverity.Note, "TCP keep-alive segment");
    public static readonly ExpertDef KeepAliveAck = new("tcp.analysis.keep_alive_ack", ExpertGroup.Sequence, ExpertSeverity.Note, "ACK to a TCP keep-alive segment");
    public static readonly ExpertDef DuplicateAck = new(new FieldDef("tcp.analysis.duplicate_ack", "Duplicate ACK", FieldType.None), ExpertGroup.Sequence, ExpertSeverity.Note, "Duplicate ACK");
    public static readonly ExpertDef ZeroWindowProbe = new("tcp.analysis.zero_window_probe", ExpertGroup.Sequence, ExpertSeverity.Note, "TCP Zero Window Probe");
    public static readonly ExpertDef ZeroWindow = new("tcp.analysis.zero_window", ExpertGroup.Sequence, ExpertSeverity.Warning, "TCP Zero Window segment");
    public static readonly ExpertDef ZeroWindowProbeAck = new("tcp.analysis.zero_window_probe_ack", ExpertGroup.Sequence, ExpertSeverity.Note, "ACK to a TCP Zero Window Probe");
    public static readonly ExpertDef ConnectionSyn = new("tcp.connection.syn", ExpertGroup.Sequence, ExpertSeverity.Chat, "Connection establish request (SYN)");
    public static readonly ExpertDef ConnectionSynAck = new("tcp.connection.synack", ExpertGroup.Sequence, ExpertSeverity.Chat, "Connection establish acknowledge (SYN+ACK)");
    public static readonly ExpertDef ConnectionFin = new("tcp.connection.fin", ExpertGroup.Sequence, ExpertSeverity.Chat, "Connection finish (FIN)");
    public static readonly ExpertDef ConnectionFinActive = new("tcp.connection.fin_active", ExpertGroup.Sequence, ExpertSeverity.Note, "This frame initiates the connection closing");
    public static readonly ExpertDef ConnectionFinPassive = new("tcp.connection.fin_passive", ExpertGroup.Sequence, ExpertSeverity.Note, "This frame undergoes the connection closing");
    public static readonly ExpertDef ConnectionRst = new("tcp.connection.rst", ExpertGroup.Sequence, ExpertSeverity.Warning, "Connection reset (RST)");
    public static readonly ExpertDef AckNonZero = new("tcp.ack.nonzero", ExpertGroup.Protocol, ExpertSeverity.Note, "The acknowledgment number field is nonzero while the ACK flag is not set");
    public static readonly ExpertDef UrgentPointerNonZero = new("tcp.urgent_pointer.non_zero", ExpertGroup.Protocol, ExpertSeverity.Note, "The urgent pointer field is nonzero while the URG flag is not set");
    public static readonly ExpertDef BogusHeaderLength = new("tcp.bogus_header_length", ExpertGroup.Protocol, ExpertSeverity.Error, "Bogus TCP Header length");
    public static readonly ExpertDef ShortSegment = new("tcp.short_segment", ExpertGroup.Malformed, ExpertSeverity.Warning, "Short segment");
    public static readonly ExpertDef OptionLenInvalid = new("tcp.option.len.invalid", ExpertGroup.Protocol, ExpertSeverity.Error, "Invalid length for option");
    public static readonly ExpertDef NonZeroBytesAfterEol = new("tcp.non_zero_bytes_after_eol", ExpertGroup.Protocol, ExpertSeverity.Error, "Non zero bytes in option space after EOL option");
    public static readonly ExpertDef FourNops = new("tcp.nop", ExpertGroup.Protocol, ExpertSeverity.Warning, "4 NOP in a row - a router may have removed some options");
    public static readonly ExpertDef WscaleShiftInvalid = new("tcp.options.wscale.shift.invalid", ExpertGroup.Protocol, ExpertSeverity.Warning, "Window scale shift exceeds 14");
    public static readonly ExpertDef MssAbsent = new("tcp.options.mss.absent", ExpertGroup.Protocol, ExpertSeverity.Note, "The SYN packet does not contain a MSS option");
    public static readonly ExpertDef MssPresent = new("tcp.options.mss.present", ExpertGroup.Protocol, ExpertSeverity.Warning, "The non-SYN packet does contain a MSS option");
}

/// <summary>TCP option kinds (tcp_option_kind_vs).</summary>
public static class TcpOptionNames
{
    public const byte Eol = 0, Nop = 1, Mss = 2, WindowScale = 3, SackPermitted = 4, Sack = 5, Echo = 6, EchoReply = 7, Timestamp = 8, Mptcp = 30;
    /// <summary>The Multipath TCP subtype of a Data Sequence Signal option (RFC 8684).</summary>
    public const int MptcpDss = 2;

    public static readonly ValueStrings Kinds = new(
        (0, "End of Option List"), (1, "No-Operation"), (2, "Maximum Segment Size"), (3, "Window Scale"), (4, "SACK Permitted"),
        (5, "SACK"), (6, "Echo"), (7, "Echo Reply"), (8, "Time Stamp Option"), (9, "Partial Order Connection Permitted"),
        (10, "Partial Order Service Profile"), (11, "CC"), (12, "CC.NEW"), (13, "CC.ECHO"), (14, "TCP Alternate Checksum Request"),
        (15, "TCP Alternate Checksum Data"), (16, "Skeeter"), (17, "Bubba"), (18, "Trailer Checksum Option"), (19, "MD5 Signature Option"),
        (20, "SCPS Capabilities"), (21, "Selective Negative Acknowledgements"), (22, "Record Boundaries"), (23, "Corruption experienced"),
        (24, "SNAP"), (25, "Unassigned"), (26, "TCP Compression Filter"), (27, "Quick-Start Response"), (28, "User Timeout Option"),
        (29, "TCP Authentication Option"), (30, "Multipath TCP"), (34, "TCP Fast Open Cookie"), (69, "Encryption Negotiation"),
        (172, "Accurate ECN Order 0 (AccECN0)"), (174, "Accurate ECN Order 1 (AccECN1)"),
        (253, "RFC3692-style Experiment 1"), (254, "RFC3692-style Experiment 2"));

    /// <summary>The short names used in the "Options: (N bytes), ..." summary and option subtrees.</summary>
    public static string Summary(byte kind) => kind switch
    {
        Eol => "End of Option List (EOL)",
        Nop => "No-Operation (NOP)",
        Mss => "Maximum segment size",
        WindowScale => "Window scale",
        SackPermitted => "SACK permitted",
        Sack => "SACK",
        Echo => "Echo",
        EchoReply => "Echo reply",
        Timestamp => "Timestamps",
        11 => "CC",
        12 => "CC.NEW",
        13 => "CC.ECHO",
        19 => "TCP MD5 signature",
        27 => "Quick-Start",
        28 => "User Timeout",
        29 => "TCP Authentication Option",
        30 => "Multipath TCP",
        34 => "TCP Fast Open",
        253 => "RFC3692-style Experiment 1",
        254 => "RFC3692-style Experiment 2",
        _ => "Unknown",
    };
}
