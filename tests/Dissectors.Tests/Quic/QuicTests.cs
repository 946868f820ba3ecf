using Sniffer.Analysis.Pipeline;
using Sniffer.Capture;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Frame;
using Sniffer.Dissectors.Tree;
using static Sniffer.Tests.Dissectors.Quic.QuicTestPackets;

namespace Sniffer.Tests.Dissectors.Quic;

public class QuicTests
{
    private const int HeadersLength = 14 + 20 + 8;

    private sealed class Capture
    {
        private readonly PacketProcessor _processor = new(new AnalyzerSet());
        private long _ts = 1_000_000_000;

        public (FieldNode Root, string Info, string Protocol, string Protocols, DissectStatus Status) Send(byte[] datagram, bool fromServer = false)
        {
            var frame = fromServer
                ? AppPackets.Udp(443, 50000, datagram, AppPackets.Server, AppPackets.Client)
                : AppPackets.Udp(50000, 443, datagram);
            var info = new FrameInfo(_ts += 1_000_000, LinkType.Ethernet, frame.Length, frame.Length, 0, 0);
            var ctx = _processor.Next(info, wantColumns: true, wantProtocols: true);
            ctx.Sources = new DataSources();
            var builder = new FieldTreeBuilder();
            var sink = new TreeSink(builder);
            var status = PacketProcessor.Dissect(frame, ref ctx, ref sink);
            return (builder.Root, ctx.Info!.ToString(), ctx.Protocol, ctx.Protocols!.ToString(), status);
        }
    }

    private static byte[] ServerHello()
    {
        // Server Hello: legacy version, random, empty session id, TLS_AES_128_GCM_SHA256, no compression, supported_versions = TLS 1.3
        var body = Convert.FromHexString("0303" + new string('a', 64) + "00" + "1301" + "00" + "0006" + "002b00020304");
        return new byte[] { 2, 0, 0, (byte)body.Length }.Concat(body).ToArray();
    }

    [Fact]
    public void A_client_initial_is_decrypted_with_the_rfc_9001_keys_and_its_client_hello_shown_as_tshark_does()
    {
        var r = new Capture().Send(ClientInitial(2, Crypto(0, ClientHello)));
        Assert.Equal(DissectStatus.Complete, r.Status);
        Assert.Equal("QUIC", r.Protocol);
        Assert.Equal("Initial, DCID=8394c8f03e515708, PKN: 2, CRYPTO, PADDING", r.Info);
        Assert.EndsWith("udp:quic:tls", r.Protocols);
        Assert.Equal("1", Dissect.Value(r.Root, "tls.handshake.type"));
        Assert.Equal("test.example.com", Dissect.Value(r.Root, "tls.handshake.extensions_server_name"));
        Assert.Equal(["h2", "http/1.1"], Dissect.Values(r.Root, "tls.handshake.extensions_alpn_str"));
        Assert.Null(Dissect.Value(r.Root, "tls.record.version"));
        Assert.Equal("0", Dissect.Value(r.Root, "quic.connection.number"));
        var labels = Dissect.Labels(r.Root);
        Assert.Contains("..00 .... = Packet Type: Initial (0)", labels);
        Assert.Contains(".... ..11 = Packet Number Length: 4 bytes (3)", labels);
        Assert.Contains("Version: 1 (0x00000001)", labels);
        Assert.Contains("Frame Type: CRYPTO (0x0000000000000006)", labels);
        Assert.Contains("TLSv1.3 Record Layer: Handshake Protocol: Client Hello", labels);
        Assert.Contains(labels, l => l.StartsWith("PADDING Length: "));
    }

    [Fact]
    public void Quic_v2_initials_use_its_salt_labels_and_packet_types()
    {
        var r = new Capture().Send(ClientInitial(0, Crypto(0, ClientHello), v2: true));
        Assert.Equal("Initial, DCID=8394c8f03e515708, PKN: 0, CRYPTO, PADDING", r.Info);
        Assert.Contains("..01 .... = Packet Type: Initial (1)", Dissect.Labels(r.Root));
        Assert.Equal("test.example.com", Dissect.Value(r.Root, "tls.handshake.extensions_server_name"));
    }

    [Fact]
    public void The_server_initial_is_decrypted_and_short_headers_then_say_once_that_secrets_are_missing()
    {
        var c = new Capture();
        c.Send(ClientInitial(0, Crypto(0, ClientHello)));
        var server = c.Send(ServerInitial(0, Crypto(0, ServerHello())), fromServer: true);
        Assert.Equal("Initial, SCID=f067a5502a4262b5, PKN: 0, CRYPTO", server.Info);
        Assert.Equal("2", Dissect.Value(server.Root, "tls.handshake.type"));
        var shortPacket = Convert.FromHexString("41" + "f067a5502a4262b5" + new string('7', 60));
        var first = c.Send(shortPacket);
        Assert.Equal("Protected Payload (KP0), DCID=f067a5502a4262b5", first.Info);
        Assert.Contains("[Expert Info (Warning/Decryption): Failed to create decryption context: Secrets are not available]", Dissect.Labels(first.Root));
        var second = c.Send(shortPacket);
        Assert.DoesNotContain(Dissect.Labels(second.Root), l => l.Contains("Secrets are not available"));
        Assert.NotNull(Dissect.Value(second.Root, "quic.remaining_payload"));
    }

    [Fact]
    public void A_client_hello_split_over_two_initials_is_a_fragment_then_shown_whole()
    {
        var c = new Capture();
        var first = c.Send(ClientInitial(0, Crypto(0, ClientHello.AsSpan(0, 100))));
        Assert.Contains("TLSv1.3 Record Layer: Handshake Protocol: Client Hello (fragment)", Dissect.Labels(first.Root));
        Assert.Null(Dissect.Value(first.Root, "tls.handshake.type"));
        var second = c.Send(ClientInitial(1, Crypto(100, ClientHello.AsSpan(100))));
        Assert.Equal("1", Dissect.Value(second.Root, "tls.handshake.type"));
        Assert.Equal("test.example.com", Dissect.Value(second.Root, "tls.handshake.extensions_server_name"));
    }

    [Fact]
    public void Crypto_data_after_a_gap_waits_for_it_and_a_repeat_is_a_retransmission()
    {
        var c = new Capture();
        var ahead = c.Send(ClientInitial(0, Crypto(100, ClientHello.AsSpan(100))));
        Assert.Null(Dissect.Value(ahead.Root, "tls"));
        var filled = c.Send(ClientInitial(1, Crypto(0, ClientHello.AsSpan(0, 100))));
        Assert.Equal("test.example.com", Dissect.Value(filled.Root, "tls.handshake.extensions_server_name"));
        var again = c.Send(ClientInitial(2, Crypto(0, ClientHello)));
        Assert.Null(Dissect.Value(again.Root, "tls.handshake.type"));
        Assert.Contains("This QUIC frame has a reused stream offset (retransmission?)", Dissect.Labels(again.Root));
    }

    [Fact]
    public void A_datagram_that_is_not_quic_stays_udp_and_version_negotiation_is_read()
    {
        Assert.Equal("UDP", new Capture().Send(new byte[40]).Protocol);
        var c = new Capture();
        c.Send(ClientInitial(0, Crypto(0, ClientHello)));
        var vn = c.Send(VersionNegotiation(), fromServer: true);
        Assert.Equal("Version Negotiation, SCID=8394c8f03e515708", vn.Info);
        Assert.Contains("Supported Version: Unknown (0x1a2a3a4a) (GREASE)", Dissect.Labels(vn.Root));
    }

    [CorpusFact]
    public void The_corpus_handshakes_show_tshark_s_tls_fields()
    {
        foreach (var (file, frames) in new[] { ("tcpdump__quic_handshake.pcap", "1,2"), ("tcpdump__quic_retry.pcap", "1,4"), ("tcpdump__quic_vn.pcap", "4"), ("tcpdump__quic_handshake_truncated.pcap", "2") })
        {
            var processor = new PacketProcessor(new AnalyzerSet());
            var withTls = new List<uint>();
            uint n = 0;
            foreach (var (info, data) in Corpus.Frames(file))
            {
                n++;
                var ctx = processor.Next(info, wantColumns: false, wantProtocols: false);
                var builder = new FieldTreeBuilder();
                var sink = new TreeSink(builder);
                PacketProcessor.Dissect(data, ref ctx, ref sink);
                if (Dissect.Value(builder.Root, "tls") is not null) withTls.Add(n);
            }
            Assert.Equal(frames, string.Join(',', withTls));
        }
    }

    [Fact]
    public void Every_prefix_of_a_protected_initial_is_safe()
    {
        long before = FrameDissector.InternalErrors;
        var datagram = ClientInitial(0, Crypto(0, ClientHello));
        for (int n = 1; n <= datagram.Length; n += 3)
        {
            var c = new Capture();
            c.Send(datagram[..n]);
        }
        Assert.Equal(before, FrameDissector.InternalErrors);
    }

    [Fact]
    public void Random_mutations_of_headers_and_of_decrypted_frames_never_throw()
    {
        long before = FrameDissector.InternalErrors;
        var random = new Random(443);
        var plain = Crypto(0, ClientHello).Concat(Convert.FromHexString("0200000000" + "01" + "1c0a0003616263" + "18010008" + "0102030405060708" + new string('e', 32) + "0f0001ff")).ToArray();
        for (int round = 0; round < 400; round++)
        {
            // Mutated frames, correctly protected: they reach the frame parser and the TLS code.
            var frames = (byte[])plain.Clone();
            for (int f = 1 + random.Next(6); f > 0; f--) frames[random.Next(frames.Length)] = random.Next(3) switch { 0 => (byte)random.Next(256), 1 => 0xC0, _ => 0xFF };
            var c = new Capture();
            c.Send(ClientInitial((uint)round, frames));
            // Mutated protected bytes: headers, lengths and tags.
            var packet = ClientInitial(0, Crypto(0, ClientHello));
            for (int f = 1 + random.Next(4); f > 0; f--) packet[random.Next(Math.Min(packet.Length, 64))] = (byte)random.Next(256);
            c.Send(packet);
            c.Send(packet, fromServer: true);
        }
        Assert.Equal(before, FrameDissector.InternalErrors);
    }

    [Fact]
    public void Crypto_frames_far_ahead_of_the_stream_are_bounded()
    {
        var c = new Capture();
        for (uint i = 0; i < 200; i++)
        {
            var r = c.Send(ClientInitial(i, Crypto(1_000_000 + i * 1000, new byte[900]), padTo: 0));
            Assert.Equal(DissectStatus.Complete, r.Status);
        }
    }
}
