namespace Sniffer.Tui.Model;

/// <summary>
/// The colouring rule a packet matched, after Wireshark's default colouring rules (first match wins,
/// in this order). Stored in one byte of the index so colouring needs no re-dissection.
/// </summary>
public enum RowColour : byte
{
    Default = 0,
    Malformed,
    BadTcp,
    TcpReset,
    IcmpError,
    SynFin,
    Http,
    Tcp,
    Dns,
    Udp,
    Icmp,
    Arp,
}
