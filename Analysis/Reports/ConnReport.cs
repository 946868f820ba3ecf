using System.Globalization;
using Sniffer.Analysis.Tcp;

namespace Sniffer.Analysis.Reports;

/// <summary>
/// -z conn (ours, after Zeek's conn.log): one line per TCP connection with its endpoints, start,
/// duration, packets and bytes each way, handshake RTT, retransmissions, Zeek history and conn_state.
/// </summary>
public sealed class ConnReport(IReadOnlyList<ConnectionSummary> connections, long firstFrameNs, TcpAnalyzer? analyzer = null)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private const string Rule = "================================================================================";

    public void Render(TextWriter w)
    {
        w.Write(Rule + "\n");
        w.Write("TCP Connections\n");
        w.Write($"{"Stream",6}  {"Originator",-28} {"Responder",-28} {"Start",12} {"Duration",10} {"Orig pkts",9} {"Orig bytes",10} {"Resp pkts",9} {"Resp bytes",10} {"RTT ms",8} {"Retr",4}  {"History",-12} State\n");
        foreach (var c in connections)
        {
            string orig = Endpoint(c.OriginatorAddress, c.OriginatorPort), resp = Endpoint(c.ResponderAddress, c.ResponderPort);
            double start = (c.StartNs - firstFrameNs) / 1e9, duration = (c.EndNs - c.StartNs) / 1e9;
            string rtt = c.HandshakeRttNs > 0 ? (c.HandshakeRttNs / 1e6).ToString("F3", Inv) : "-";
            w.Write($"{c.Stream,6}  {orig,-28} {resp,-28} {start.ToString("F6", Inv),12} {duration.ToString("F4", Inv),10} " +
                    $"{c.OriginatorPackets,9} {c.OriginatorBytes,10} {c.ResponderPackets,9} {c.ResponderBytes,10} {rtt,8} {c.Retransmissions,4}  {c.History,-12} {c.State}\n");
        }
        if (analyzer is not null && (analyzer.ReleasedStreams > 0 || analyzer.DroppedConnectionSummaries > 0))
        {
            w.Write($"Released {analyzer.ReleasedStreams} streams at the tracking cap ({analyzer.ReleasedOpenStreams} still open); " +
                    $"{analyzer.DroppedConnectionSummaries} connection summaries not kept.\n");
        }
        w.Write(Rule + "\n");
    }

    private static string Endpoint(string address, ushort port) => address.Contains(':') ? $"[{address}]:{port}" : $"{address}:{port}";
}
