using System.Buffers.Binary;
using System.Net;
using Sniffer.Analysis.Pipeline;
using Sniffer.Analysis.Roles;
using Sniffer.Analysis.Tcp;
using Sniffer.Capture;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Tests.Analysis;

/// <summary>
/// Hand-made raw IPv4 packets through the real dissectors and analysis, into a <see cref="HostRoleTracker"/>
/// wired as the CLI and the TUI wire it (TCP through the analyzer's observer, every frame through ObserveFrame).
/// </summary>
internal sealed class SyntheticWire
{
    private readonly PacketProcessor _processor;
    private readonly Dictionary<(string, ushort, string, ushort), uint> _nextSeq = new();
    public long TimeNs = 1_700_000_000_000_000_000;

    public SyntheticWire(RoleTrackerOptions? options = null)
    {
        Tracker = new HostRoleTracker(options);
        _processor = new PacketProcessor(new AnalyzerSet(new TcpAnalyzer { Observer = Tracker }));
    }

    public HostRoleTracker Tracker { get; }

    public const ushort Syn = TcpSegment.Syn, Ack = TcpSegment.AckFlag, Fin = TcpSegment.Fin, Rst = TcpSegment.Rst, Psh = TcpSegment.Psh;

    /// <summary>SYN, SYN/ACK, ACK from <paramref name="client"/> to <paramref name="server"/>.</summary>
    public void Handshake(string client, ushort clientPort, string server, ushort serverPort)
    {
        Tcp(client, clientPort, server, serverPort, Syn);
        Tcp(server, serverPort, client, clientPort, Syn | Ack);
        Tcp(client, clientPort, server, serverPort, Ack);
    }

    /// <summary>A whole exchange: handshake, a request and its answer.</summary>
    public void Exchange(string client, ushort clientPort, string server, ushort serverPort, string request = "hello there, server", string answer = "hello there, client")
    {
        Handshake(client, clientPort, server, serverPort);
        Data(client, clientPort, server, serverPort, request);
        Data(server, serverPort, client, clientPort, answer);
    }

    public void Data(string src, ushort srcPort, string dst, ushort dstPort, string text) =>
        Tcp(src, srcPort, dst, dstPort, Psh | Ack, System.Text.Encoding.ASCII.GetBytes(text));

    public void Tcp(string src, ushort srcPort, string dst, ushort dstPort, ushort flags, byte[]? payload = null)
    {
        payload ??= Array.Empty<byte>();
        var key = (src, srcPort, dst, dstPort);
        uint seq = _nextSeq.GetValueOrDefault(key, 1000u);
        uint ack = _nextSeq.GetValueOrDefault((dst, dstPort, src, srcPort), 0u);
        var tcp = new byte[20 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, srcPort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), dstPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(4), seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(8), (flags & Ack) != 0 ? ack : 0);
        tcp[12] = 5 << 4;
        tcp[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(14), 65535);
        payload.CopyTo(tcp, 20);
        _nextSeq[key] = seq + (uint)payload.Length + ((flags & (Syn | Fin)) != 0 ? 1u : 0u);
        Send(src, dst, 6, tcp);
    }

    public void Udp(string src, ushort srcPort, string dst, ushort dstPort, string text = "question or answer")
    {
        var payload = System.Text.Encoding.ASCII.GetBytes(text);
        var udp = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, srcPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), dstPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        payload.CopyTo(udp, 8);
        Send(src, dst, 17, udp);
    }

    /// <summary>An ICMP echo request: traffic without TCP or UDP.</summary>
    public void Ping(string src, string dst) => Send(src, dst, 1, [8, 0, 0, 0, 0, 1, 0, 1]);

    private void Send(string src, string dst, byte protocol, byte[] transport)
    {
        var frame = new byte[20 + transport.Length];
        frame[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)frame.Length);
        frame[8] = 64;
        frame[9] = protocol;
        IPAddress.Parse(src).GetAddressBytes().CopyTo(frame, 12);
        IPAddress.Parse(dst).GetAddressBytes().CopyTo(frame, 16);
        transport.CopyTo(frame, 20);
        var info = new FrameInfo(TimeNs, LinkType.Raw, frame.Length, frame.Length, 0, 0);
        var ctx = _processor.Next(info, wantColumns: false, wantProtocols: false);
        var sink = new NullSink();
        PacketProcessor.Dissect(frame, ref ctx, ref sink);
        Tracker.ObserveFrame(frame, ctx);
        TimeNs += 100_000; // 0.1 ms between packets
    }

    public HostRolesResult Classify() => Tracker.Classify();

    public HostRoleRow Host(string address) => Classify().Hosts.Single(h => h.Address == address);
}
