using Sniffer.Dissectors.Core;

namespace Sniffer.Tui.Model;

/// <summary>TCP flags as Wireshark writes them in the Info column: "SYN, ACK".</summary>
public static class TcpFlagText
{
    private static readonly (ushort Flag, string Name)[] Names =
    [
        (TcpSegment.Fin, "FIN"), (TcpSegment.Syn, "SYN"), (TcpSegment.Rst, "RST"), (TcpSegment.Psh, "PSH"),
        (TcpSegment.AckFlag, "ACK"), (TcpSegment.Urg, "URG"), (TcpSegment.Ece, "ECE"), (TcpSegment.Cwr, "CWR"), (TcpSegment.Ns, "NS"),
    ];

    public static string Format(ushort flags)
    {
        var parts = new List<string>(4);
        foreach (var (flag, name) in Names) if ((flags & flag) != 0) parts.Add(name);
        return parts.Count == 0 ? "<None>" : string.Join(", ", parts);
    }
}
