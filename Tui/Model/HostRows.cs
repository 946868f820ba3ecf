using System.Globalization;
using Sniffer.Analysis.Roles;

namespace Sniffer.Tui.Model;

/// <summary>The Hosts view's table: the -z roles columns, sorted by any of them.</summary>
public static class HostRows
{
    public static readonly string[] Columns =
        ["Host", "Role", "Relays", "Listens on", "Accepted from", "Connected to", "Pkts sent", "Bytes sent", "Pkts recv", "Bytes recv", "Why"];

    /// <summary>Column 0 sorts by address (numerically, IPv4 before IPv6), the numeric columns by value.</summary>
    public static List<HostRoleRow> Sort(IReadOnlyList<HostRoleRow> rows, int column, bool descending)
    {
        Comparison<HostRoleRow> byAddress = (x, y) => x.Kind != y.Kind ? x.Kind.CompareTo(y.Kind) : x.AddressValue.CompareTo(y.AddressValue);
        Comparison<HostRoleRow> compare = column switch
        {
            0 => byAddress,
            1 => (x, y) => x.Role.CompareTo(y.Role),
            2 => (x, y) => x.Relays.CompareTo(y.Relays),
            3 => (x, y) => x.ListenPorts.Count.CompareTo(y.ListenPorts.Count),
            4 => (x, y) => x.AcceptedFrom.CompareTo(y.AcceptedFrom),
            5 => (x, y) => x.ConnectedTo.CompareTo(y.ConnectedTo),
            6 => (x, y) => x.PacketsSent.CompareTo(y.PacketsSent),
            7 => (x, y) => x.BytesSent.CompareTo(y.BytesSent),
            8 => (x, y) => x.PacketsReceived.CompareTo(y.PacketsReceived),
            9 => (x, y) => x.BytesReceived.CompareTo(y.BytesReceived),
            _ => (x, y) => string.CompareOrdinal(x.Why, y.Why),
        };
        var sorted = new List<HostRoleRow>(rows);
        // Ties keep address order, so the table does not shuffle while a live capture updates it.
        sorted.Sort((x, y) =>
        {
            int c = compare(x, y);
            if (descending) c = -c;
            return c != 0 ? c : byAddress(x, y);
        });
        return sorted;
    }

    public static object Cell(HostRoleRow r, int column) => column switch
    {
        0 => r.Address,
        1 => r.RoleName,
        2 => r.Relays == 0 ? "-" : r.Relays.ToString(CultureInfo.InvariantCulture),
        3 => r.ListenText,
        4 => r.AcceptedFrom,
        5 => r.ConnectedTo,
        6 => r.PacketsSent,
        7 => r.BytesSent,
        8 => r.PacketsReceived,
        9 => r.BytesReceived,
        _ => r.Why,
    };
}
