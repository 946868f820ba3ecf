using Sniffer.Analysis.Pipeline;
using Sniffer.Analysis.Tcp;
using Sniffer.Capture;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;
using Xunit.Abstractions;

namespace Sniffer.Tests.Analysis;

/// <summary>Golden data from tshark 4.0.17 for tcpdump's pptp.pcap (a SYN-ACK, data, FINs and their duplicates).</summary>
public sealed class TcpGoldenTests(ITestOutputHelper output)
{
    // tshark -r pptp.pcap -n -T fields -e frame.number -e tcp.stream -e tcp.seq -e tcp.ack -e tcp.nxtseq -e tcp.window_size
    //        -e tcp.analysis.acks_frame -e tcp.analysis.duplicate_ack_num -e tcp.analysis.bytes_in_flight -e _ws.col.Info
    private static readonly string[] Golden =
    [
        "1\t0\t0\t0\t1\t16384\t\t\t\t3025 → 1723 [SYN] Seq=0 Win=16384 Len=0 MSS=1460 SACK_PERM",
        "2\t0\t0\t1\t1\t32120\t1\t\t\t1723 → 3025 [SYN, ACK] Seq=0 Ack=1 Win=32120 Len=0 MSS=1460 SACK_PERM",
        "3\t0\t0\t1\t1\t32120\t\t\t\t[TCP Retransmission] 1723 → 3025 [SYN, ACK] Seq=0 Ack=1 Win=32120 Len=0 MSS=1460 SACK_PERM",
        "4\t0\t1\t1\t1\t17520\t2\t\t\t3025 → 1723 [ACK] Seq=1 Ack=1 Win=17520 Len=0",
        "5\t0\t1\t1\t157\t17520\t\t\t156\tStart-Control-Connection-Request",
        "6\t0\t1\t157\t1\t32120\t5\t\t\t1723 → 3025 [ACK] Seq=1 Ack=157 Win=32120 Len=0",
        "7\t0\t1\t157\t1\t32120\t\t1\t\t[TCP Dup ACK 6#1] 1723 → 3025 [ACK] Seq=1 Ack=157 Win=32120 Len=0",
        "8\t0\t1\t157\t157\t32120\t\t\t156\tStart-Control-Connection-Reply",
        "9\t0\t1\t157\t157\t32120\t\t\t156\t[TCP Retransmission] 1723 → 3025 [PSH, ACK] Seq=1 Ack=157 Win=32120 Len=156",
        "10\t0\t157\t157\t325\t17364\t8\t\t168\tOutgoing-Call-Request",
        "11\t0\t157\t325\t157\t32120\t10\t\t\t1723 → 3025 [ACK] Seq=157 Ack=325 Win=32120 Len=0",
        "12\t0\t157\t325\t157\t32120\t\t1\t\t[TCP Dup ACK 11#1] 1723 → 3025 [ACK] Seq=157 Ack=325 Win=32120 Len=0",
        "13\t0\t157\t325\t189\t32120\t\t\t32\tOutgoing-Call-Reply",
        "14\t0\t157\t325\t189\t32120\t\t\t32\t[TCP Retransmission] 1723 → 3025 [PSH, ACK] Seq=157 Ack=325 Win=32120 Len=32",
        "15\t0\t325\t189\t349\t17332\t13\t\t24\tSet-Link-Info",
        "16\t\t\t\t\t\t\t\t\tConfiguration Request",
        "17\t0\t189\t349\t189\t32120\t15\t\t\t1723 → 3025 [ACK] Seq=189 Ack=349 Win=32120 Len=0",
        "18\t0\t189\t349\t189\t32120\t\t1\t\t[TCP Dup ACK 17#1] 1723 → 3025 [ACK] Seq=189 Ack=349 Win=32120 Len=0",
        "19\t0\t189\t349\t190\t32120\t\t\t\t1723 → 3025 [FIN, ACK] Seq=189 Ack=349 Win=32120 Len=0",
        "20\t0\t189\t349\t190\t32120\t\t\t\t[TCP Retransmission] 1723 → 3025 [FIN, ACK] Seq=189 Ack=349 Win=32120 Len=0",
        "21\t0\t349\t190\t350\t17332\t19\t\t\t3025 → 1723 [FIN, ACK] Seq=349 Ack=190 Win=17332 Len=0",
        "22\t0\t190\t350\t190\t32120\t21\t\t\t1723 → 3025 [ACK] Seq=190 Ack=350 Win=32120 Len=0",
        "23\t0\t190\t350\t190\t32120\t\t1\t\t[TCP Dup ACK 22#1] 1723 → 3025 [ACK] Seq=190 Ack=350 Win=32120 Len=0",
    ];

    private static readonly string[] Fields =
        ["tcp.stream", "tcp.seq", "tcp.ack", "tcp.nxtseq", "tcp.window_size", "tcp.analysis.acks_frame", "tcp.analysis.duplicate_ack_num", "tcp.analysis.bytes_in_flight"];

    [Fact]
    public void Pptp_matches_tshark_field_by_field_and_in_the_info_column()
    {
        if (Corpus.Directory_ is null) { output.WriteLine(Corpus.SkipReason); return; }
        var values = new FieldValueSet();
        var defs = new List<FieldDef>();
        foreach (var n in Fields) { var f = FieldRegistry.Find(n)!; defs.Add(f); values.Want(f); }
        using var reader = CaptureFile.Open(Corpus.PathOf("tcpdump__pptp.pcap"));
        var processor = new PacketProcessor(new TcpAnalyzer());
        int i = 0;
        while (reader.TryRead(out var info, out var data))
        {
            var ctx = processor.Next(info, wantColumns: true, wantProtocols: false);
            values.Clear();
            var sink = new CollectorSink(values);
            PacketProcessor.Dissect(data, ref ctx, ref sink);
            var expected = Golden[i++].Split('\t');
            var row = Corpus.Row(values, defs);
            if (expected[1].Length == 0) continue;   // GRE/PPP frame: no TCP
            for (int c = 0; c < Fields.Length; c++) Assert.Equal(expected[c + 1], row[Fields[c]]);
            // Frames an application dissector re-labels in tshark (PPTP) keep our TCP summary.
            if (expected[^1].Contains('→')) Assert.Equal(expected[^1], ctx.Info!.ToString());
        }
        Assert.Equal(Golden.Length, i);
    }
}
