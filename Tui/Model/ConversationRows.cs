using System.Globalization;

namespace Sniffer.Tui.Model;

/// <summary>Which conversations the Conversations view lists.</summary>
public enum ConversationKind { Tcp, Udp, Ip }

/// <summary>A row of the Conversations view, with the filter that selects it.</summary>
public sealed record ConversationRow(string AddressA, string PortA, string AddressB, string PortB, long Packets, long Bytes,
    long PacketsAToB, long PacketsBToA, double StartSeconds, double DurationSeconds, string Filter);

/// <summary>Builds and sorts the Conversations view's rows from the indexer's table (Wireshark's Statistics → Conversations).</summary>
public static class ConversationRows
{
    public static readonly string[] Columns = ["Address A", "Port A", "Address B", "Port B", "Packets", "Bytes", "Pkts A→B", "Pkts B→A", "Rel Start", "Duration"];

    public static List<ConversationRow> Build(IReadOnlyList<Conversation> conversations, ConversationKind kind, long firstTimestampNs)
    {
        double Rel(long ns) => (ns - firstTimestampNs) / 1e9;
        if (kind == ConversationKind.Ip)
        {
            return conversations
                .GroupBy(c => (c.Key.AddressA, c.Key.AddressB))
                .Select(g =>
                {
                    var first = g.First();
                    long start = g.Min(c => c.StartNs), end = g.Max(c => c.EndNs);
                    string v = first.Key.IsIPv6 ? "ipv6" : "ip";
                    return new ConversationRow(first.AddressA, "", first.AddressB, "", g.Sum(c => c.Packets), g.Sum(c => c.Bytes),
                        g.Sum(c => c.PacketsAToB), g.Sum(c => c.PacketsBToA), Rel(start), (end - start) / 1e9,
                        $"{v}.addr == {first.AddressA} && {v}.addr == {first.AddressB}");
                })
                .ToList();
        }
        byte protocol = kind == ConversationKind.Tcp ? TransportPeek.Tcp : TransportPeek.Udp;
        string name = kind == ConversationKind.Tcp ? "tcp" : "udp";
        return conversations
            .Where(c => c.Key.Protocol == protocol)
            .Select(c => new ConversationRow(c.AddressA, c.Key.PortA.ToString(CultureInfo.InvariantCulture), c.AddressB, c.Key.PortB.ToString(CultureInfo.InvariantCulture),
                c.Packets, c.Bytes, c.PacketsAToB, c.PacketsBToA, Rel(c.StartNs), (c.EndNs - c.StartNs) / 1e9, $"{name}.stream eq {c.StreamNumber}"))
            .ToList();
    }

    public static List<ConversationRow> Sort(List<ConversationRow> rows, int column, bool descending)
    {
        Func<ConversationRow, IComparable> key = column switch
        {
            0 => r => r.AddressA, 1 => r => PortNumber(r.PortA), 2 => r => r.AddressB, 3 => r => PortNumber(r.PortB),
            4 => r => r.Packets, 5 => r => r.Bytes, 6 => r => r.PacketsAToB, 7 => r => r.PacketsBToA,
            8 => r => r.StartSeconds, _ => r => r.DurationSeconds,
        };
        return (descending ? rows.OrderByDescending(key) : rows.OrderBy(key)).ToList();
    }

    private static int PortNumber(string port) => int.TryParse(port, out int p) ? p : -1;

    public static object Cell(ConversationRow r, int column) => column switch
    {
        0 => r.AddressA, 1 => r.PortA, 2 => r.AddressB, 3 => r.PortB, 4 => r.Packets, 5 => r.Bytes,
        6 => r.PacketsAToB, 7 => r.PacketsBToA,
        8 => r.StartSeconds.ToString("0.000000", CultureInfo.InvariantCulture),
        _ => r.DurationSeconds.ToString("0.0000", CultureInfo.InvariantCulture),
    };
}
