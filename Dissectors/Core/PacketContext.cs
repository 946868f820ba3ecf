using Sniffer.Capture;
using Sniffer.Dissectors.Expert;

namespace Sniffer.Dissectors.Core;

/// <summary>
/// Everything a dissector may know about the packet besides its bytes, and what it reports back
/// besides fields: the layer offsets, the Protocol and Info columns and the worst expert severity.
/// </summary>
public struct PacketContext
{
    public uint FrameNumber;
    public FrameInfo Frame;
    /// <summary>Timestamp of the first frame of the capture (frame.time_relative).</summary>
    public long FirstTimestampNs;
    /// <summary>Timestamp of the previous captured frame (frame.time_delta); equal to this frame's for the first.</summary>
    public long PreviousTimestampNs;
    /// <summary>Timestamp of the previous frame that passed the display filter (frame.time_delta_displayed).</summary>
    public long PreviousDisplayedTimestampNs;

    /// <summary>Set for frames read from pcapng: the tree then names the interface and section, as tshark does.</summary>
    public bool FromPcapng;
    public string? InterfaceName;

    public LayerInfo Layers;
    /// <summary>The Protocol column: the name of the highest layer decoded.</summary>
    public string Protocol;
    /// <summary>The Info column; null when nobody will read it (filters, -T fields).</summary>
    public InfoColumn? Info;
    /// <summary>frame.protocols, e.g. "eth:ethertype:ip:tcp"; null when not wanted.</summary>
    public ProtocolStack? Protocols;
    /// <summary>Buffers besides the frame that fields may point into (reassembled data); null when nobody shows them.</summary>
    public DataSources? Sources;
    /// <summary>Stateful analysis (TCP streams); null for a stateless decode.</summary>
    public IPacketAnalyzer? Analyzer;
    /// <summary>Headers at which tshark's dissector would stop before queueing its tap; null when no statistic reads them.</summary>
    public UntappedHeaders? Untapped;
    /// <summary>Set while decoding the packet quoted inside an ICMP error: no analysis, no columns.</summary>
    public bool InErrorPacket;
    /// <summary>
    /// pinfo->fragmented: the payload being dissected is the first fragment of an IP datagram that was not
    /// reassembled (cut short by the snaplen), so its transport header cannot know the segment's length.
    /// Set by IPv4/IPv6 before they hand on their payload.
    /// </summary>
    public bool Fragmented;
    /// <summary>
    /// Set (with <see cref="InErrorPacket"/>) while decoding a packet header sampled by sFlow: tshark still gives
    /// its TCP segment a stream number and timestamps there, though no sequence analysis.
    /// </summary>
    public bool SampledHeader;
    /// <summary>TCP headers of this frame handed to the analyzer so far: tells apart several in one frame on revisits.</summary>
    public int TcpHeadersAnalyzed;
    /// <summary>
    /// Tells one dissection of a frame from the next (0: unknown). The analyses number a frame's messages per
    /// dissection, so a second look at a frame right after its first, or at the capture's last frame, counts
    /// from its first message again instead of taking them for more messages of the same frame.
    /// </summary>
    public long Visit;
    /// <summary>
    /// Offset of the IP header enclosing the layer being dissected (-1 before any), set by IPv4/IPv6 even inside
    /// ICMP error packets: ICMPv6, TCP and UDP read their checksum pseudo-header and ICMP its TTL from it.
    /// </summary>
    public int CurrentIpOffset;
    /// <summary>Nesting depth of tunnels, to stop hostile recursion.</summary>
    public int Depth;

    /// <summary>
    /// Set when nothing will read the bytes a dissector marks opaque (an HTTP body past what the columns
    /// look at): no tree, no body field, no export. The stream layer then counts those bytes instead of
    /// copying them, and the dissector must not read them.
    /// </summary>
    public bool SkipOpaqueBytes;

    /// <summary>
    /// Set when the output reads nothing but the frame pseudo-protocol's own fields (frame.number, frame.len,
    /// times): the link layer and everything above are not dissected, and no analysis runs.
    /// </summary>
    public bool FrameFieldsOnly;

    /// <summary>
    /// Set when the output reads nothing an application protocol over TCP adds (a TUI filter on TCP flags
    /// or analysis): a TCP payload is not handed on (no reassembly, no DNS, HTTP or TLS), the TCP header
    /// and its analysis still are. UDP payloads are dissected as usual: tunnels over UDP carry inner TCP.
    /// </summary>
    public bool SkipTcpApplications;

    public ExpertSeverity WorstSeverity;
    public TcpAnalysisFlags TcpFlags;
    public bool Malformed;
    public bool ShortFrame;

    public readonly int OriginalLength => Frame.OriginalLength;

    public static PacketContext Create(uint frameNumber, in FrameInfo frame, long firstTs, long previousTs) => new()
    {
        FrameNumber = frameNumber,
        Frame = frame,
        FirstTimestampNs = firstTs,
        PreviousTimestampNs = previousTs,
        PreviousDisplayedTimestampNs = previousTs,
        Layers = LayerInfo.Empty,
        Protocol = "",
        CurrentIpOffset = -1,
    };

    public void NoteSeverity(ExpertSeverity s)
    {
        if (s > WorstSeverity) WorstSeverity = s;
    }
}

/// <summary>The chain of protocol names for frame.protocols, without allocation per packet.</summary>
public sealed class ProtocolStack
{
    private readonly List<string> _names = new(16);
    public void Clear() => _names.Clear();
    public void Add(string name) { if (_names.Count < 64) _names.Add(name); }
    public IReadOnlyList<string> Names => _names;
    public override string ToString() => string.Join(':', _names);
}
