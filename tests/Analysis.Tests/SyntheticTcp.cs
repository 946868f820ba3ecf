using System.Buffers.Binary;
using Sniffer.Analysis.Tcp;
using Sniffer.Capture;
using Sniffer.Dissectors.Core;

namespace Sniffer.Tests.Analysis;

/// <summary>Feeds hand-made segments straight to the analyzer (no dissector), as the TCP dissector would.</summary>
public sealed class SyntheticTcp
{
    private readonly byte[] _addresses = new byte[8];
    private uint _frame;
    public long TimeNs = 1_700_000_000_000_000_000;

    public SyntheticTcp(TcpAnalyzer analyzer) => Analyzer = analyzer;
    public TcpAnalyzer Analyzer { get; }

    public TcpAnalysis Send(uint src, ushort srcPort, uint dst, ushort dstPort, ushort flags, uint seq, uint ack, int length = 0, ushort window = 1000, int wscale = -1)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_addresses, src);
        BinaryPrimitives.WriteUInt32BigEndian(_addresses.AsSpan(4), dst);
        var info = new FrameInfo(TimeNs, LinkType.Raw, 54 + length, 54 + length, 0, 0);
        var ctx = PacketContext.Create(++_frame, info, 0, 0);
        ctx.Layers.AddressKind = AddressKind.IPv4;
        ctx.Layers.SrcAddressOffset = 0;
        ctx.Layers.DstAddressOffset = 4;
        ctx.Layers.IpOffset = 0;
        var seg = TcpSegment.Empty;
        seg.SrcPort = srcPort; seg.DstPort = dstPort; seg.Flags = flags; seg.Seq = seq; seg.Ack = ack; seg.Window = window;
        seg.HeaderLength = 20; seg.PayloadLength = length; seg.HasPayloadLength = true; seg.PayloadOffset = 8; seg.WindowScale = wscale;
        Analyzer.AnalyzeTcp(_addresses, ref ctx, in seg, out var a);
        TimeNs += 1_000_000;
        return a;
    }

    public const ushort Syn = TcpSegment.Syn, Ack = TcpSegment.AckFlag, Fin = TcpSegment.Fin, Rst = TcpSegment.Rst, Psh = TcpSegment.Psh;
}
