using System.Globalization;
using Sniffer.Analysis.Roles;

namespace Sniffer.Analysis.Reports;

/// <summary>
/// -z roles (ours): one line per host with its role (client, server, peer, supernode, unknown), the
/// messages it relayed, the ports it accepted on, how many hosts it accepted from and connected to,
/// packets and bytes each way and the reason; then the overlays and the relay evidence.
/// </summary>
public sealed class RolesReport(HostRolesResult result)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private const string Rule = "================================================================================";

    public void Render(TextWriter w)
    {
        w.Write(Rule + "\n");
        w.Write("Host Roles\n");
        int width = 15;
        foreach (var h in result.Hosts) width = Math.Max(width, h.Address.Length);
        int listenWidth = 12;
        foreach (var h in result.Hosts) listenWidth = Math.Max(listenWidth, Math.Min(h.ListenText.Length, 40));
        w.Write($"{"Host".PadRight(width)}  {"Role",-9} {"Relays",6}  {"Listens on".PadRight(listenWidth)} {"Accepted from",13} {"Connected to",12} " +
                $"{"Pkts sent",9} {"Bytes sent",10} {"Pkts recv",9} {"Bytes recv",10}  Why\n");
        foreach (var h in result.Hosts)
        {
            string relays = h.Relays == 0 ? "-" : h.Relays.ToString(Inv);
            w.Write($"{h.Address.PadRight(width)}  {h.RoleName,-9} {relays,6}  {h.ListenText.PadRight(listenWidth)} {h.AcceptedFrom,13} {h.ConnectedTo,12} " +
                    $"{h.PacketsSent,9} {h.BytesSent,10} {h.PacketsReceived,9} {h.BytesReceived,10}  {h.Why}\n");
        }
        foreach (var o in result.Overlays)
        {
            string supernodes = o.Supernodes.Count == 0 ? "no supernode" : $"supernode{(o.Supernodes.Count == 1 ? "" : "s")} {string.Join(", ", o.Supernodes)}";
            w.Write($"Overlay {o.Number}: {o.Peers.Count} peers ({string.Join(", ", o.Peers)}), {supernodes}\n");
        }
        foreach (var r in result.Relays)
        {
            w.Write($"Relay: {r.Relay} passed on frame {r.FrameIn} from {r.From} ({r.BytesIn} bytes) as frame {r.FrameOut} to {r.To} " +
                    $"({r.BytesOut} bytes) {(r.DelayNs / 1e6).ToString("F3", Inv)} ms later, {r.Match}\n");
        }
        if (result.RelaysNotListed > 0) w.Write($"({result.RelaysNotListed} more relayed payloads not listed)\n");
        var l = result.Limits;
        if (l.Any)
        {
            w.Write($"Limits: {l.UntrackedHostPackets} packets of hosts past the host cap, {l.UntrackedLinkEvents} connections past the link cap, " +
                    $"{l.ForgottenUdpFlows} UDP flows forgotten, {l.ListenPortsNotListed} listening ports not listed.\n");
        }
        w.Write(Rule + "\n");
    }
}
