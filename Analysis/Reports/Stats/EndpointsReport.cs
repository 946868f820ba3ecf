using System.Globalization;
using Sniffer.Analysis.Flows;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Ip;
using Sniffer.Dissectors.Link;
using Sniffer.Dissectors.Transport;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Analysis.Reports.Stats;

/// <summary>
/// -z endpoints,eth|ip|ipv6|tcp|udp (ui/cli/tap-endpoints.c): per address (and port), packets and bytes sent and
/// received. Every header of the kind in a frame counts (tunnels have several), headers quoted inside ICMP errors
/// do not (tshark keeps error packets from its taps); a frame from an address to itself counts both ways.
/// Rows by total packets, most first; equal totals in the order the endpoints appeared.
/// </summary>
public sealed class EndpointsReport(ConversationKind kind)
{
    public const int MaxEndpoints = 1_000_000;

    private sealed class Endpoint
    {
        public required UInt128 Address;
        public required AddressKind AddressKind;
        public ushort Port;
        public long TxFrames, TxBytes, RxFrames, RxBytes;
    }

    private readonly Dictionary<(UInt128, AddressKind, ushort), Endpoint> _byKey = new();
    private readonly List<Endpoint> _order = new();

    public ConversationKind Kind { get; } = kind;
    public long Dropped { get; private set; }

    /// <summary>
    /// The fields the report reads: every address and port header with its protocol item (which names the header
    /// for <see cref="UntappedHeaders"/>), and ICMP (after which headers are quoted).
    /// </summary>
    public static readonly FieldDef[] Fields =
    [
        EthernetFields.Src, EthernetFields.Dst, IPv4Fields.Ip, IPv4Fields.Src, IPv4Fields.Dst, IPv6Fields.Ipv6, IPv6Fields.Src, IPv6Fields.Dst,
        TcpFields.Tcp, TcpFields.SrcPort, TcpFields.DstPort, UdpFields.Udp, UdpFields.SrcPort, UdpFields.DstPort, ..ErrorPacketStart.Fields,
        IPv6Fields.RoutingSegLeft, IPv6Fields.RoutingSrcAddr, IPv6Fields.RoutingMipv6Home, IPv6Fields.RoutingSrhAddr,
    ];

    // The Ethernet headers of the frame being observed: source, destination, whether inside an error packet.
    private readonly List<(UInt128 Src, UInt128 Dst, bool InError)> _ethernet = new();

    /// <summary>
    /// Counts the headers of this report's kind in one frame's values (dissection order: a port pairs with the IP
    /// header before it), leaving out those tshark's dissector stopped at before queueing its tap.
    /// </summary>
    public void Observe(FieldValueSet values, long frameLength, UntappedHeaders? untapped = null)
    {
        if (Kind == ConversationKind.Ethernet) { ObserveEthernet(values, frameLength); return; }
        UInt128 src = 0, dst = 0, ipSrc = 0, ipDst = 0;
        AddressKind ipKind = AddressKind.None;
        ushort srcPort = 0;
        bool haveSrc = false, haveSrcPort = false, srhFirst = false, ipTapped = true, portTapped = true;
        int segmentsLeft = 0;
        for (int i = 0; i < values.Count; i++)
        {
            var f = values[i].Field;
            if (ErrorPacketStart.Is(f)) return; // what follows is an ICMP error's quote or an sFlow sample
            if (f == IPv4Fields.Ip || f == IPv6Fields.Ipv6)
            {
                ipTapped = untapped is null || !untapped.Contains(f == IPv4Fields.Ip ? TapKind.IPv4 : TapKind.IPv6, values[i].Offset);
                continue;
            }
            if (f == TcpFields.Tcp || f == UdpFields.Udp)
            {
                portTapped = untapped is null || !untapped.Contains(f == TcpFields.Tcp ? TapKind.Tcp : TapKind.Udp, values[i].Offset);
                haveSrcPort = false;
                continue;
            }
            if (f == IPv4Fields.Src || f == IPv6Fields.Src) { src = Read(values, i); haveSrc = true; continue; }
            if (f == IPv4Fields.Dst || f == IPv6Fields.Dst)
            {
                dst = Read(values, i);
                ipKind = f == IPv4Fields.Dst ? AddressKind.IPv4 : AddressKind.IPv6;
                ipSrc = src; ipDst = dst;
                if (haveSrc && ipTapped && (Kind == ConversationKind.IPv4 && ipKind == AddressKind.IPv4 || Kind == ConversationKind.IPv6 && ipKind == AddressKind.IPv6))
                    Add(src, dst, ipKind, 0, 0, frameLength);
                haveSrc = false;
                continue;
            }
            // A routing header with segments left makes its final address the destination the transport taps see
            // (packet-ipv6.c sets pinfo->dst): type 0's last address, type 2's home address, the SRH's first segment.
            if (f == IPv6Fields.RoutingSegLeft) { segmentsLeft = (int)values[i].Bits; srhFirst = true; continue; }
            if (f == IPv6Fields.RoutingSrcAddr || f == IPv6Fields.RoutingMipv6Home) { if (segmentsLeft > 0) ipDst = Read(values, i); continue; }
            if (f == IPv6Fields.RoutingSrhAddr) { if (segmentsLeft > 0 && srhFirst) ipDst = Read(values, i); srhFirst = false; continue; }
            bool tcp = f == TcpFields.SrcPort || f == TcpFields.DstPort, udp = f == UdpFields.SrcPort || f == UdpFields.DstPort;
            if (!tcp && !udp) continue;
            if (f == TcpFields.SrcPort || f == UdpFields.SrcPort) { srcPort = (ushort)values[i].Bits; haveSrcPort = true; continue; }
            if (haveSrcPort && portTapped && ipKind != AddressKind.None && (tcp && Kind == ConversationKind.Tcp || udp && Kind == ConversationKind.Udp))
                Add(ipSrc, ipDst, ipKind, srcPort, (ushort)values[i].Bits, frameLength);
            haveSrcPort = false;
        }
    }

    /// <summary>
    /// packet-eth.c hands its tap one of four static header structs in turn (ehdrs[4]), and the taps run when the
    /// frame is done: with five or more Ethernet headers in a frame (an sFlow datagram sampling several), a tap
    /// reads the addresses of the last header that reused its struct. Headers inside error packets take their
    /// turn but are not counted.
    /// </summary>
    private void ObserveEthernet(FieldValueSet values, long frameLength)
    {
        _ethernet.Clear();
        UInt128 ethDst = 0;
        bool haveEthDst = false, inError = false;
        for (int i = 0; i < values.Count; i++)
        {
            var f = values[i].Field;
            if (ErrorPacketStart.Is(f)) { inError = true; continue; }
            // Ethernet puts the destination first.
            if (f == EthernetFields.Dst) { ethDst = Read(values, i); haveEthDst = true; continue; }
            if (f == EthernetFields.Src)
            {
                if (haveEthDst) _ethernet.Add((Read(values, i), ethDst, inError));
                haveEthDst = false;
            }
        }
        for (int i = 0; i < _ethernet.Count; i++)
        {
            if (_ethernet[i].InError) continue;
            int last = i;
            while (last + 4 < _ethernet.Count) last += 4;
            Add(_ethernet[last].Src, _ethernet[last].Dst, AddressKind.Ether, 0, 0, frameLength);
        }
    }

    private static UInt128 Read(FieldValueSet values, int i)
    {
        UInt128 a = 0;
        foreach (byte b in values.Bytes(i)) a = (a << 8) | b;
        return a;
    }

    /// <summary>One header of this report's kind: its source and destination (ports for TCP/UDP), and the frame's length.</summary>
    public void Add(UInt128 src, UInt128 dst, AddressKind addressKind, ushort srcPort, ushort dstPort, long frameLength)
    {
        Count(src, addressKind, srcPort, frameLength, sender: true);
        Count(dst, addressKind, dstPort, frameLength, sender: false);
    }

    private void Count(UInt128 address, AddressKind addressKind, ushort port, long bytes, bool sender)
    {
        if (!_byKey.TryGetValue((address, addressKind, port), out var e))
        {
            if (_byKey.Count >= MaxEndpoints) { Dropped++; return; }
            e = new Endpoint { Address = address, AddressKind = addressKind, Port = port };
            _byKey.Add((address, addressKind, port), e);
            _order.Add(e);
        }
        if (sender) { e.TxFrames++; e.TxBytes += bytes; }
        else { e.RxFrames++; e.RxBytes += bytes; }
    }

    public void Render(TextWriter w)
    {
        bool ports = Kind is ConversationKind.Tcp or ConversationKind.Udp;
        const string rule = "================================================================================";
        w.Write(rule + "\n");
        w.Write($"{Title(Kind)} Endpoints\n");
        w.Write("Filter:<No Filter>\n");
        w.Write(ports
            ? "                       |  Port  ||  Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n"
            : "                       |  Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n");
        var rows = new List<(Endpoint E, int Order)>(_order.Count);
        for (int i = 0; i < _order.Count; i++) rows.Add((_order[i], i));
        rows.Sort((a, b) =>
        {
            int c = (b.E.TxFrames + b.E.RxFrames).CompareTo(a.E.TxFrames + a.E.RxFrames);
            return c != 0 ? c : a.Order.CompareTo(b.Order);
        });
        foreach (var (e, _) in rows)
        {
            string address = FlowKey.FormatAddress(e.Address, e.AddressKind);
            string port = ports ? $"      {e.Port.ToString(CultureInfo.InvariantCulture),5}" : "";
            w.Write(string.Create(CultureInfo.InvariantCulture,
                $"{address,-20}{port}      {e.TxFrames + e.RxFrames,6}     {e.TxBytes + e.RxBytes,9}     {e.TxFrames,6}       {e.TxBytes,9}     {e.RxFrames,6}       {e.RxBytes,9}   \n"));
        }
        w.Write(rule + "\n");
    }

    private static string Title(ConversationKind k) => k switch
    {
        ConversationKind.Ethernet => "Ethernet",
        ConversationKind.IPv4 => "IPv4",
        ConversationKind.IPv6 => "IPv6",
        ConversationKind.Tcp => "TCP",
        _ => "UDP",
    };
}
