using Sniffer.Analysis.Pipeline;
using Sniffer.Capture;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Tests.Dissectors.Tls;

public class TlsTests
{
    private const int HeadersLength = 14 + 20 + 20;

    /// <summary>
    /// openssl s_client's TLS 1.3 ClientHello (SNI test.example.com, ALPN h2,http/1.1), from
    /// tls12-tls13-handshakes.pcap frame 4. tshark 4.0: JA3 9dffdb8b608a430b774a2ff7d36c1a0c.
    /// </summary>
    private static readonly byte[] ClientHello = Convert.FromHexString(
        "16030101070100010303038f4f2108504886996bd5bf5998cdf2fd97e412c3ec7686a7f1330ffa8e1c166d206387ec20dde1b2055185356ea79614dbfe8ab0cbf5f297ac146a13de79af9245000813021303130100ff010000b2000000150013000010746573742e6578616d706c652e636f6d000b000403000102000a00160014001d0017001e0019001801000101010201030104002300000010000e000c02683208687474702f312e310016000000170000000d001e001c040305030603080708080809080a080b080408050806040105010601002b0003020304002d00020101003300260024001d0020201ee4ab971eab28ccbaa5143f185f16a589087a00922f266fb6b1a821e5c92a");

    private static byte[] Frame(byte[] payload) => AppPackets.Tcp(36154, 443, 1, 1, payload);

    [Fact]
    public void Client_hello_fields_and_fingerprints_match_tshark()
    {
        var r = Dissect.Tree(Frame(ClientHello));
        Assert.Equal(DissectStatus.Complete, r.Status);
        Assert.Equal("TLSv1", r.Protocol);
        Assert.Equal("Client Hello", r.Info);
        Assert.Equal("test.example.com", Dissect.Value(r.Root, "tls.handshake.extensions_server_name"));
        Assert.Equal(new[] { "h2", "http/1.1" }, Dissect.Values(r.Root, "tls.handshake.extensions_alpn_str"));
        Assert.Equal("0x0301", Dissect.Value(r.Root, "tls.record.version"));
        Assert.Equal("1", Dissect.Value(r.Root, "tls.handshake.type"));
        Assert.Equal("771,4866-4867-4865-255,0-11-10-35-16-22-23-13-43-45-51,29-23-30-25-24-256-257-258-259-260,0-1-2",
            Dissect.Value(r.Root, "tls.handshake.ja3_full"));
        Assert.Equal("9dffdb8b608a430b774a2ff7d36c1a0c", Dissect.Value(r.Root, "tls.handshake.ja3"));
        Assert.StartsWith("t13d0411h2_", Dissect.Value(r.Root, "tls.handshake.ja4"));
        var labels = Dissect.Labels(r.Root);
        Assert.Contains("TLSv1 Record Layer: Handshake Protocol: Client Hello", labels);
        Assert.Contains("Cipher Suite: TLS_AES_256_GCM_SHA384 (0x1302)", labels);
        Assert.Contains("Extension: server_name (len=21)", labels);
        Assert.Contains("Supported Version: TLS 1.3 (0x0304)", labels);
        Assert.Contains("Key Share Entry: Group: x25519, Key Exchange length: 32", labels);
    }

    [Fact]
    public void Client_hello_on_another_port_is_found_by_the_heuristic()
    {
        var r = Dissect.Tree(AppPackets.Tcp(36154, 4443, 1, 1, ClientHello));
        Assert.Equal("TLSv1", r.Protocol);
        Assert.Equal("test.example.com", Dissect.Value(r.Root, "tls.handshake.extensions_server_name"));
    }

    [Fact]
    public void Grease_values_are_recognised()
    {
        Assert.True(global::Sniffer.Dissectors.Tls.TlsExtensions.IsGrease(0x0a0a));
        Assert.True(global::Sniffer.Dissectors.Tls.TlsExtensions.IsGrease(0xfafa));
        Assert.False(global::Sniffer.Dissectors.Tls.TlsExtensions.IsGrease(0x0a1a));
    }

    [Fact]
    public void Handshakes_match_tshark_summary_lines()
    {
        string path = Path.Combine(TestPaths.RepoRoot, "tests", "Dissectors.Tests", "Tls", "tls12-tls13-handshakes.pcap");
        var expected = File.ReadAllLines(Path.ChangeExtension(path, ".tshark.txt"));
        var processor = new PacketProcessor(new AnalyzerSet(new global::Sniffer.Analysis.Tcp.TcpAnalyzer()));
        int i = 0;
        foreach (var f in CorpusFrames.Load(path))
        {
            var ctx = processor.Next(f.Info, wantColumns: true, wantProtocols: false);
            var sink = new NullSink();
            PacketProcessor.Dissect(f.Data, ref ctx, ref sink);
            // tshark: "    4   0.000308    127.0.0.1 → 127.0.0.1    TLSv1 334 Client Hello"
            var line = expected[i++];
            var tail = line[(line.IndexOf("127.0.0.1    ", line.IndexOf('→'), StringComparison.Ordinal) + 13)..];
            Assert.Equal(tail, $"{ctx.Protocol} {f.Info.OriginalLength} {processor.Info}");
        }
        Assert.Equal(expected.Length, i);
    }

    /// <summary>An SSLv2-format ClientHello: three cipher specs, no session id, a 16-byte challenge (checked against tshark 4.0).</summary>
    private static readonly byte[] Ssl2ClientHello = Convert.FromHexString("8022010002000900000010010080" + "0700c0030080" + "000102030405060708090a0b0c0d0e0f");

    [Fact]
    public void Sslv2_client_hello_is_read_while_the_version_is_unknown()
    {
        var r = Dissect.Tree(Frame(Ssl2ClientHello));
        Assert.Equal(DissectStatus.Complete, r.Status);
        Assert.Equal("SSLv2", r.Protocol);
        Assert.Equal("Client Hello", r.Info);
        Assert.Equal("0x0002", Dissect.Value(r.Root, "tls.record.version"));
        Assert.Equal("34", Dissect.Value(r.Root, "tls.record.length"));
        var labels = Dissect.Labels(r.Root);
        Assert.Contains("SSLv2 Record Layer: Client Hello", labels);
        Assert.Contains("Cipher Specs (3 specs)", labels);
        Assert.Contains("Cipher Spec: SSL2_DES_192_EDE3_CBC_WITH_MD5 (0x0700c0)", labels);
    }

    [Fact]
    public void A_stream_on_a_tls_port_starting_with_a_high_byte_is_sslv2_encrypted_data_as_in_tshark()
    {
        // NFS over port 993 (imaps) in tcpdump's nfs-write-verf-cookie: 80 00 00 90 ... is an empty SSLv2 record, then continuation.
        var r = Dissect.Tree(AppPackets.Tcp(993, 2049, 1, 1, Convert.FromHexString("800000900564956900000000000000020001")));
        Assert.Equal("SSLv2", r.Protocol);
        Assert.Equal("Encrypted Data, Continuation Data", r.Info);
        Assert.Equal("0x0002", Dissect.Value(r.Root, "tls.record.version"));
        Assert.Contains("SSLv2 Record Layer: Encrypted Data", Dissect.Labels(r.Root));
    }

    [Fact]
    public void Every_prefix_and_random_mutations_are_safe()
    {
        Mutations.EveryPrefixIsSafe(Frame(ClientHello), HeadersLength);
        Mutations.RandomMutationsAreSafe(Frame(ClientHello), HeadersLength, seed: 443);
        Mutations.EveryPrefixIsSafe(Frame(Ssl2ClientHello), HeadersLength);
        Mutations.RandomMutationsAreSafe(Frame(Ssl2ClientHello), HeadersLength, seed: 2);
    }
}
