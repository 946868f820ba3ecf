using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Sflow;

/// <summary>sFlow v5 fields, under Wireshark's names (most keep the historic sflow_245 prefix).</summary>
[FieldTable]
public static class SflowFields
{
    public static readonly ValueStrings AddressTypes = new((1, "IPv4"), (2, "IPv6"));

    public static readonly ValueStrings Enterprises = new((0, "standard sFlow"));

    public static readonly ValueStrings SampleTypes = new(
        (1, "Flow sample"), (2, "Counters sample"), (3, "Expanded flow sample"), (4, "Expanded counters sample"));

    public static readonly ValueStrings FlowRecordFormats = new(
        (1, "Raw packet header"), (2, "Ethernet frame data"), (3, "IPv4 data"), (4, "IPv6 data"),
        (1001, "Extended switch data"), (1002, "Extended router data"), (1003, "Extended gateway data"),
        (1004, "Extended user data"), (1005, "Extended URL data"), (1006, "Extended MPLS data"),
        (1007, "Extended NAT data"), (1008, "Extended MPLS tunnel"), (1009, "Extended MPLS VC"),
        (1010, "Extended MPLS FEC"), (1011, "Extended MPLS LVP FEC"), (1012, "Extended VLAN tunnel"));

    public static readonly ValueStrings CountersRecordFormats = new(
        (1, "Generic interface counters"), (2, "Ethernet interface counters"), (3, "Token ring counters"),
        (4, "100 Base VG interface counters"), (5, "VLAN counters"), (6, "802.11 counters"),
        (1001, "Processor information"), (1002, "Radio utilization"));

    public static readonly ValueStrings HeaderProtocols = new(
        (1, "Ethernet"), (2, "Token Bus"), (3, "Token Ring"), (4, "FDDI"), (5, "Frame Relay"), (6, "X.25"),
        (7, "PPP"), (8, "SMDS"), (9, "AAL5"), (10, "AAL5 IP"), (11, "IPv4"), (12, "IPv6"), (13, "MPLS"),
        (14, "POS"), (15, "802.11 MAC"), (16, "802.11 AMPDU"), (17, "802.11 AMSDU subframe"));

    public static readonly FieldDef Sflow = FieldDef.Protocol("sflow", "InMon sFlow");
    public static readonly FieldDef Version = new("sflow_245.version", "Datagram version", FieldType.UInt32);
    public static readonly FieldDef AgentType = new("sflow_245.agenttype", "Agent address type", FieldType.UInt32, FieldBase.Dec, strings: AddressTypes);
    public static readonly FieldDef Agent = new("sflow_245.agent", "Agent address", FieldType.IPv4);
    public static readonly FieldDef AgentV6 = new("sflow_245.agent.v6", "Agent address", FieldType.IPv6);
    public static readonly FieldDef SubAgentId = new("sflow_245.sub_agent_id", "Sub-agent ID", FieldType.UInt32);
    public static readonly FieldDef SequenceNumber = new("sflow_245.sequence_number", "Sequence number", FieldType.UInt32);
    public static readonly FieldDef SysUptime = new("sflow_245.sysuptime", "SysUptime", FieldType.UInt32);
    public static readonly FieldDef NumSamples = new("sflow_245.numsamples", "NumSamples", FieldType.UInt32);

    // Every sample and record starts with a data format word: a 20-bit enterprise and a 12-bit format.
    public static readonly FieldDef Enterprise = new("sflow.enterprise", "Enterprise", FieldType.UInt32, FieldBase.Dec, bitmask: 0xFFFFF000, strings: Enterprises);
    public static readonly FieldDef SampleType = new("sflow_245.sampletype", "sFlow sample type", FieldType.UInt32, FieldBase.Dec, bitmask: 0x00000FFF, strings: SampleTypes);
    public static readonly FieldDef SampleLength = new("sflow_5.sample_length", "Sample length (byte)", FieldType.UInt32);

    public static readonly FieldDef FlowSequence = new("sflow.flow_sample.sequence_number", "Sequence number", FieldType.UInt32);
    public static readonly FieldDef FlowSourceIdClass = new("sflow.flow_sample.source_id_class", "Source ID class", FieldType.UInt32, bitmask: 0xFF000000);
    public static readonly FieldDef FlowSourceIdIndex = new("sflow.flow_sample.index", "Index", FieldType.UInt32, bitmask: 0x00FFFFFF);
    public static readonly FieldDef FlowSourceIdType = new("sflow.flow_sample.source_id_type", "Source ID type", FieldType.UInt32);
    public static readonly FieldDef FlowSourceIdIndexExpanded = new("sflow.flow_sample.source_id_index", "Source ID index", FieldType.UInt32);
    public static readonly FieldDef SamplingRate = new("sflow.flow_sample.sampling_rate", "Sampling rate", FieldType.UInt32);
    public static readonly FieldDef SamplePool = new("sflow.flow_sample.sample_pool", "Sample pool", FieldType.UInt32);
    public static readonly FieldDef DroppedPackets = new("sflow.flow_sample.dropped_packets", "Dropped packets", FieldType.UInt32);
    public static readonly FieldDef InputInterface = new("sflow.flow_sample.input_interface", "Input interface (ifIndex)", FieldType.UInt32);
    public static readonly FieldDef OutputInterface = new("sflow.flow_sample.output_interface", "Output interface", FieldType.UInt32, FieldBase.Hex);
    public static readonly FieldDef OutputInterfaceFormat = new("sflow.flow_sample.output_interface_format", "Output interface format", FieldType.UInt32, bitmask: 0xC0000000);
    public static readonly FieldDef OutputInterfaceValue = new("sflow.flow_sample.output_interface_value", "Output interface value", FieldType.UInt32, bitmask: 0x3FFFFFFF);
    public static readonly FieldDef InputInterfaceFormatExpanded = new("sflow.flow_sample.input_interface_format", "Input interface format", FieldType.UInt32);
    public static readonly FieldDef InputInterfaceValueExpanded = new("sflow.flow_sample.input_interface_value", "Input interface value", FieldType.UInt32);
    // Wireshark 4.0 registers this one with a dot and a 31-bit mask; kept as it is for filter compatibility.
    public static readonly FieldDef OutputInterfaceFormatExpanded = new("sflow.flow_sample.output_interface.format", "Output interface format", FieldType.UInt32, bitmask: 0x7FFFFFFF);
    public static readonly FieldDef OutputInterfaceValueExpanded = new("sflow.flow_sample.output_interface_value", "Output interface value", FieldType.UInt32);
    public static readonly FieldDef FlowRecords = new("sflow.flow_sample.flow_record", "Flow record", FieldType.UInt32);

    public static readonly FieldDef CountersSequence = new("sflow.counters_sample.sequence_number", "Sequence number", FieldType.UInt32);
    public static readonly FieldDef CountersSourceIdType = new("sflow.counters_sample.source_id_type", "Source ID type", FieldType.UInt32, bitmask: 0xFF000000);
    public static readonly FieldDef CountersSourceIdIndex = new("sflow.counters_sample.source_id_index", "Source ID index", FieldType.UInt32, bitmask: 0x00FFFFFF);
    public static readonly FieldDef CountersSourceIdTypeExpanded = new("sflow.counters_sample.source_id_type", "Source ID type", FieldType.UInt32);
    public static readonly FieldDef CountersSourceIdIndexExpanded = new("sflow.counters_sample.source_id_index", "Source ID index", FieldType.UInt32);
    public static readonly FieldDef CountersRecords = new("sflow.counters_sample.counters_records", "Counters records", FieldType.UInt32);

    public static readonly FieldDef FlowRecordFormat = new("sflow_245.flow_record_format", "Format", FieldType.UInt32, FieldBase.Dec, bitmask: 0x00000FFF, strings: FlowRecordFormats);
    public static readonly FieldDef CountersRecordFormat = new("sflow_245.counters_record_format", "Format", FieldType.UInt32, FieldBase.Dec, bitmask: 0x00000FFF, strings: CountersRecordFormats);
    public static readonly FieldDef RecordLength = new("sflow_5.flow_data_length", "Flow data length (byte)", FieldType.UInt32);

    public static readonly FieldDef HeaderProtocol = new("sflow_245.header_protocol", "Header protocol", FieldType.UInt32, FieldBase.Dec, strings: HeaderProtocols);
    public static readonly FieldDef FrameLength = new("sflow_245.header.frame_length", "Frame Length", FieldType.UInt32);
    public static readonly FieldDef PayloadStripped = new("sflow_245.header.payload_stripped", "Payload stripped", FieldType.UInt32);
    public static readonly FieldDef SampledHeaderLength = new("sflow_245.header.sampled_header_length", "Sampled header length", FieldType.UInt32);
    public static readonly FieldDef Header = new("sflow_245.header", "Header of sampled packet", FieldType.Bytes);

    public static readonly FieldDef VlanIn = new("sflow_245.vlan.in", "Incoming 802.1Q VLAN", FieldType.UInt32);
    public static readonly FieldDef PriorityIn = new("sflow_245.pri.in", "Incoming 802.1p priority", FieldType.UInt32);
    public static readonly FieldDef VlanOut = new("sflow_245.vlan.out", "Outgoing 802.1Q VLAN", FieldType.UInt32);
    public static readonly FieldDef PriorityOut = new("sflow_245.pri.out", "Outgoing 802.1p priority", FieldType.UInt32);

    public static readonly FieldDef NextHop = new("sflow_245.nexthop", "Next hop", FieldType.IPv4);
    public static readonly FieldDef NextHopV6 = new("sflow_245.nexthop.v6", "Next hop", FieldType.IPv6);
    public static readonly FieldDef NextHopSrcMask = new("sflow_245.nexthop.src_mask", "Next hop source mask", FieldType.UInt32);
    public static readonly FieldDef As = new("sflow_245.as", "AS Router", FieldType.UInt32);
    public static readonly FieldDef SrcAs = new("sflow_245.srcAS", "AS Source", FieldType.UInt32);
    public static readonly FieldDef PeerAs = new("sflow_245.peerAS", "AS Peer", FieldType.UInt32);
    public static readonly FieldDef DstAsEntries = new("sflow_245.dstASentries", "AS Destinations", FieldType.UInt32);
    public static readonly FieldDef NextHopDstMask = new("sflow_245.nexthop.dst_mask", "Next hop destination mask", FieldType.UInt32);
}

[FieldTable]
public static class SflowExperts
{
    public static readonly Expert.ExpertDef LengthInvalid = new("sflow.length.invalid", Expert.ExpertGroup.Malformed, Expert.ExpertSeverity.Error, "Sample or record length runs past the datagram");
    public static readonly Expert.ExpertDef UnknownVersion = new("sflow.version.unknown", Expert.ExpertGroup.Protocol, Expert.ExpertSeverity.Warning, "Only sFlow version 5 is dissected");
}
