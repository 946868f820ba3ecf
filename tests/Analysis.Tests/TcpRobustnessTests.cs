using Sniffer.Analysis.Tcp;
using Sniffer.Capture;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Transport;
using Sniffer.Dissectors.Tree;
using Xunit.Abstractions;

namespace Sniffer.Tests.Analysis;

/// <summary>Every prefix and thousands of random mutations of real TCP headers: the dissector never throws.</summary>
public sealed class TcpRobustnessTests(ITestOutputHelper output)
{
    private static IEnumerable<byte[]> TcpHeadersFromCorpus(int max)
    {
        int found = 0;
        foreach (var name in new[] { "ppa__activeosfingerprinting.pcapng", "tcpdump__ssh.pcap", "tcpdump__accecn_handshake.pcap", "ppa__http_espn_fail.pcapng" })
        {
            using var reader = CaptureFile.Open(Corpus.PathOf(name));
            while (reader.TryRead(out var info, out var data) && found < max)
            {
                // Ethernet + IPv4 + TCP only: the TCP header starts after the IPv4 header.
                if (info.LinkType != LinkType.Ethernet || data.Length < 54 || data[12] != 8 || data[13] != 0 || data[23] != 6) continue;
                int ip = 14, ihl = (data[ip] & 15) * 4;
                yield return data[(ip + ihl)..].ToArray();
                found++;
            }
        }
    }

    [Fact]
    public void Prefixes_and_mutations_never_throw()
    {
        if (Corpus.Directory_ is null) { output.WriteLine(Corpus.SkipReason); return; }
        var rng = new Random(20261125);
        int runs = 0;
        foreach (var tcp in TcpHeadersFromCorpus(200))
        {
            for (int len = 0; len <= tcp.Length; len++) { Run(tcp.AsSpan(0, len), tcp.Length); runs++; }
            for (int m = 0; m < 50; m++)
            {
                var copy = (byte[])tcp.Clone();
                int flips = rng.Next(1, 6);
                for (int f = 0; f < flips; f++) copy[rng.Next(Math.Min(copy.Length, 60))] = (byte)rng.Next(256);
                Run(copy, copy.Length);
                Run(copy.AsSpan(0, rng.Next(copy.Length + 1)), copy.Length);
                runs += 2;
            }
        }
        output.WriteLine($"{runs} dissections");
        Assert.True(runs > 1000);
    }

    [Fact]
    public void Zero_length_and_overlong_options_end_the_walk()
    {
        // Header length 32: MSS, then an option of length 0, then garbage; and one claiming 40 bytes.
        byte[] zero = [0, 80, 0, 81, 0, 0, 0, 1, 0, 0, 0, 0, 0x80, 0x02, 0xFF, 0xFF, 0, 0, 0, 0, 2, 4, 5, 0xB4, 0x04, 0x00, 9, 9, 9, 9, 9, 9];
        byte[] longer = [0, 80, 0, 81, 0, 0, 0, 1, 0, 0, 0, 0, 0x60, 0x02, 0xFF, 0xFF, 0, 0, 0, 0, 30, 40, 1, 1];
        foreach (var h in new[] { zero, longer })
        {
            var builder = new FieldTreeBuilder();
            var sink = new TreeSink(builder);
            var ctx = PacketContext.Create(1, new FrameInfo(0, LinkType.Raw, h.Length, h.Length, 0, 0), 0, 0);
            ctx.Info = new InfoColumn();
            TcpDissector.Dissect(h, 0, h.Length, ref ctx, ref sink, out _);
            Assert.Contains(builder.Experts, e => e.Def == TcpFields.OptionLenInvalid);
        }
    }

    private static void Run(ReadOnlySpan<byte> tcp, int wireLength)
    {
        byte[] frame = new byte[8 + tcp.Length];
        frame[0] = 10; frame[3] = 1; frame[4] = 10; frame[7] = 2;
        tcp.CopyTo(frame.AsSpan(8));
        var analyzer = new TcpAnalyzer();
        for (int pass = 0; pass < 2; pass++)
        {
            var ctx = PacketContext.Create(1, new FrameInfo(0, LinkType.Raw, frame.Length, 8 + wireLength, 0, 0), 0, 0);
            ctx.Layers.AddressKind = AddressKind.IPv4;
            ctx.Layers.SrcAddressOffset = 0;
            ctx.Layers.DstAddressOffset = 4;
            ctx.Analyzer = analyzer;
            ctx.Info = new InfoColumn();
            if (pass == 0)
            {
                var sink = new NullSink();
                TcpDissector.Dissect(frame, 8, 8 + wireLength, ref ctx, ref sink, out _);
            }
            else
            {
                var sink = new TreeSink(new FieldTreeBuilder());
                TcpDissector.Dissect(frame, 8, 8 + wireLength, ref ctx, ref sink, out _);
            }
        }
    }
}
