using System.Buffers.Binary;
using Sniffer.Analysis.Flows;
using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Reports;

public enum ConversationKind { Ethernet, IPv4, IPv6, Tcp, Udp }

/// <summary>One row of -z conv: A is the source of the first frame; "tx" is A→B, "rx" is B→A.</summary>
public sealed class Conversation
{
    public required ConversationKind Kind { get; init; }
    public required AddressKind AddressKind { get; init; }
    public required UInt128 AddressA { get; init; }
    public required UInt128 AddressB { get; init; }
    public ushort PortA { get; init; }
    public ushort PortB { get; init; }
    public long TxFrames, TxBytes, RxFrames, RxBytes;
    public long StartNs, StopNs;

    public string EndpointA => Format(AddressA, PortA);
    public string EndpointB => Format(AddressB, PortB);

    private string Format(UInt128 address, ushort port)
    {
        string a = FlowKey.FormatAddress(address, AddressKind);
        return Kind is ConversationKind.Tcp or ConversationKind.Udp ? $"{a}:{port}" : a;
    }
}

/// <summary>
/// Counts frames and bytes per conversation for one -z conv type, fed once per frame on the first pass.
/// TCP rows are per tcp.stream (a reused 4-tuple is a new row, as in tshark); the others per address/port pair.
/// </summary>
public sealed class ConversationTable(ConversationKind kind)
{
    private readonly Dictionary<(UInt128, UInt128, ushort, ushort, uint), Conversation> _byKey = new();

    public ConversationKind Kind { get; } = kind;
    public List<Conversation> Items { get; } = new();
    public long FirstFrameNs { get; private set; } = long.MinValue;

    /// <summary>Adds one frame. <paramref name="tcpStream"/> is the frame's tcp.stream when it has one.</summary>
    public void Add(ReadOnlySpan<byte> frame, in PacketContext ctx, uint? tcpStream)
    {
        if (FirstFrameNs == long.MinValue) FirstFrameNs = ctx.FirstTimestampNs;
        ref readonly var l = ref ctx.Layers;
        UInt128 src, dst;
        ushort sport = 0, dport = 0;
        uint id = 0;
        AddressKind ak;
        switch (Kind)
        {
            case ConversationKind.Ethernet:
                if (ctx.Frame.LinkType != Capture.LinkType.Ethernet || frame.Length < 12) return;
                dst = Mac(frame);
                src = Mac(frame[6..]);
                ak = AddressKind.Ether;
                break;
            case ConversationKind.IPv4 or ConversationKind.IPv6:
                ak = Kind == ConversationKind.IPv4 ? AddressKind.IPv4 : AddressKind.IPv6;
                if (l.IpOffset < 0 || l.AddressKind != ak) return;
                src = FlowKey.ReadAddress(frame, l.SrcAddressOffset, ak);
                dst = FlowKey.ReadAddress(frame, l.DstAddressOffset, ak);
                break;
            default:
                var want = Kind == ConversationKind.Tcp ? TransportKind.Tcp : TransportKind.Udp;
                if (l.Transport != want || l.AddressKind is not (AddressKind.IPv4 or AddressKind.IPv6)) return;
                if (Kind == ConversationKind.Tcp && tcpStream is null) return;
                ak = l.AddressKind;
                src = FlowKey.ReadAddress(frame, l.SrcAddressOffset, ak);
                dst = FlowKey.ReadAddress(frame, l.DstAddressOffset, ak);
                sport = l.SrcPort;
                dport = l.DstPort;
                id = tcpStream ?? 0;
                break;
        }
        long len = ctx.Frame.OriginalLength, ts = ctx.Frame.TimestampNs;
        if (_byKey.TryGetValue((src, dst, sport, dport, id), out var c))
        {
            if (c.AddressA == src && c.PortA == sport) { c.TxFrames++; c.TxBytes += len; }
            else { c.RxFrames++; c.RxBytes += len; }
        }
        else if (_byKey.TryGetValue((dst, src, dport, sport, id), out c))
        {
            c.RxFrames++; c.RxBytes += len;
        }
        else
        {
            c = new Conversation { Kind = Kind, AddressKind = ak, AddressA = src, AddressB = dst, PortA = sport, PortB = dport, StartNs = ts };
            c.TxFrames = 1; c.TxBytes = len;
            _byKey[(src, dst, sport, dport, id)] = c;
            Items.Add(c);
        }
        if (ts > c.StopNs) c.StopNs = ts;
        if (ts < c.StartNs) c.StartNs = ts;
    }

    private static UInt128 Mac(ReadOnlySpan<byte> b) =>
        ((UInt128)BinaryPrimitives.ReadUInt32BigEndian(b) << 16) | BinaryPrimitives.ReadUInt16BigEndian(b[4..]);
}
