using System.Globalization;
using Sniffer.Analysis.Flows;
using Sniffer.Dissectors.Core;

namespace Sniffer.Analysis.Roles;

/// <summary>
/// The rule (docs/roles.md): from who accepted whose connections, finds the overlays (hosts that both
/// accept and open connections to others that do too), their supernodes (what most of an overlay's
/// peers connect to, far more than to a typical peer), and gives every host one role with the reason.
/// </summary>
internal static class RoleClassifier
{
    public readonly record struct RelayHit(int Relay, int From, int To, uint FrameIn, uint FrameOut, int BytesIn, int BytesOut, long DelayNs, string Match);

    /// <summary>Link rows kept per host for the Hosts view's arrows (the busiest first).</summary>
    public const int MaxLinksPerHost = 64;
    /// <summary>Supernodes are found in overlays of at least this many peers, and need this many of them.</summary>
    public const int MinSupernodeFanIn = 3;

    private sealed class Facts
    {
        public readonly HashSet<int> AcceptedFrom = new();   // others whose connections it accepted
        public readonly HashSet<int> ConnectedTo = new();    // others that accepted its connections
        public bool AcceptedAny, OpenedAny, TalksToItself;
        public int UnansweredOut, UnansweredTcpIn, UnansweredUdpIn;
        public readonly List<HostLink> Links = new();
        public int Overlay = -1;
        /// <summary>In its overlay as a peer (accepts and connects); a supernode may be one too, or only accept.</summary>
        public bool PeerMember;
        public bool Supernode;
        public int SupernodeFanIn, SupernodeOverlaySize;
    }

    public static HostRolesResult Classify(List<HostRecord> hosts, IEnumerable<HostLink> links, List<RelayHit> relays, long relaysNotListed, RoleTrackerLimits limits)
    {
        int n = hosts.Count;
        var facts = new Facts[n];
        for (int i = 0; i < n; i++) facts[i] = new Facts();
        foreach (var link in links)
        {
            var a = facts[link.Initiator];
            var b = facts[link.Responder];
            a.Links.Add(link);
            if (link.Responder != link.Initiator) b.Links.Add(link);
            if (!link.Directed) continue;
            a.OpenedAny = true;
            int unanswered = link.Opened - link.Accepted;
            if (unanswered > 0)
            {
                a.UnansweredOut += unanswered;
                if (link.Kind == LinkKind.Udp) b.UnansweredUdpIn += unanswered; else b.UnansweredTcpIn += unanswered;
            }
            if (link.Accepted == 0) continue;
            b.AcceptedAny = true;
            if (link.Initiator == link.Responder) { a.TalksToItself = true; continue; }
            b.AcceptedFrom.Add(link.Initiator);
            a.ConnectedTo.Add(link.Responder);
        }

        var overlays = FindOverlays(facts);
        var names = new string[n]; // formatted once: links name their other host again and again
        for (int i = 0; i < n; i++) names[i] = Address(hosts[i]);
        var roles = new HostRole[n];
        for (int i = 0; i < n; i++) roles[i] = RoleOf(facts[i]);

        var rows = new List<HostRoleRow>(n);
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(order, (x, y) => hosts[x].Kind != hosts[y].Kind ? hosts[x].Kind.CompareTo(hosts[y].Kind) : hosts[x].Address.CompareTo(hosts[y].Address));
        foreach (int i in order)
        {
            var h = hosts[i];
            var f = facts[i];
            var listen = h.ListenPorts.Order().Select(PortText).ToList(); // TCP by number, then UDP
            int acceptedFrom = f.AcceptedFrom.Count + (f.TalksToItself ? 1 : 0);
            int connectedTo = f.ConnectedTo.Count + (f.TalksToItself ? 1 : 0);
            rows.Add(new HostRoleRow(names[i], h.Address, h.Kind, roles[i], h.RelayCount, listen, acceptedFrom, connectedTo,
                h.PacketsSent, h.BytesSent, h.PacketsReceived, h.BytesReceived, f.Overlay < 0 ? 0 : f.Overlay + 1,
                Why(h, f, roles[i], listen), LinkRows(i, f, names, roles), Math.Max(0, f.Links.Count - MaxLinksPerHost)));
        }

        var overlayRows = overlays.Select((members, k) => new Overlay(k + 1,
            members.Where(m => facts[m].PeerMember).OrderBy(m => hosts[m].Address).Select(m => names[m]).ToList(),
            members.Where(m => facts[m].Supernode).OrderBy(m => hosts[m].Address).Select(m => names[m]).ToList())).ToList();
        var relayRows = relays.Select(r => new RelayEvidence(names[r.Relay], names[r.From], names[r.To],
            r.FrameIn, r.FrameOut, r.BytesIn, r.BytesOut, r.DelayNs, r.Match)).ToList();
        return new HostRolesResult(rows, overlayRows, relayRows, relaysNotListed, limits);
    }

    private static HostRole RoleOf(Facts f)
    {
        if (f.Overlay >= 0) return f.Supernode ? HostRole.Supernode : HostRole.Peer;
        if (f.AcceptedAny) return HostRole.Server;
        if (f.OpenedAny) return HostRole.Client;
        return HostRole.Unknown;
    }

    /// <summary>
    /// Overlays: the hosts that accept connections and open connections to others that do too (pruned until
    /// every member opens to another member), grouped by who connects to whom; then, until nothing changes,
    /// each overlay's supernodes, and the hosts that accept from and connect to an overlay's members.
    /// </summary>
    private static List<List<int>> FindOverlays(Facts[] facts)
    {
        int n = facts.Length;
        var member = new bool[n];
        var outToMembers = new int[n];
        for (int i = 0; i < n; i++) member[i] = facts[i].AcceptedFrom.Count > 0 && facts[i].ConnectedTo.Count > 0;
        var queue = new Queue<int>();
        for (int i = 0; i < n; i++)
        {
            if (!member[i]) continue;
            foreach (int x in facts[i].ConnectedTo) if (member[x]) outToMembers[i]++;
            if (outToMembers[i] == 0) queue.Enqueue(i);
        }
        while (queue.Count > 0)
        {
            int x = queue.Dequeue();
            if (!member[x]) continue;
            member[x] = false;
            foreach (int h in facts[x].AcceptedFrom)
                if (member[h] && --outToMembers[h] == 0) queue.Enqueue(h);
        }

        var parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        for (int i = 0; i < n; i++)
        {
            if (!member[i]) continue;
            foreach (int x in facts[i].ConnectedTo) if (member[x]) parent[Find(i)] = Find(x);
        }
        var byRoot = new Dictionary<int, List<int>>();
        for (int i = 0; i < n; i++)
        {
            if (!member[i]) continue;
            int root = Find(i);
            if (!byRoot.TryGetValue(root, out var list)) byRoot[root] = list = new List<int>();
            list.Add(i);
        }
        var overlays = byRoot.Values.OrderBy(l => l.Min()).ToList();
        for (int k = 0; k < overlays.Count; k++)
            foreach (int m in overlays[k]) { facts[m].Overlay = k; facts[m].PeerMember = true; }

        for (int round = 0; round < 16; round++)
        {
            bool changed = false;
            for (int k = 0; k < overlays.Count; k++) changed |= FindSupernodes(facts, overlays[k], k);
            for (int i = 0; i < n; i++)
            {
                var f = facts[i];
                if (f.Overlay >= 0 || f.AcceptedFrom.Count == 0 || f.ConnectedTo.Count == 0) continue;
                int joins = -1;
                foreach (int x in f.ConnectedTo) if (facts[x].Overlay >= 0) { joins = facts[x].Overlay; break; }
                if (joins < 0 || !f.AcceptedFrom.Any(x => facts[x].Overlay == joins)) continue;
                f.Overlay = joins;
                f.PeerMember = true;
                overlays[joins].Add(i);
                changed = true;
            }
            if (!changed) break;
        }
        return overlays;
    }

    /// <summary>
    /// A supernode of an overlay: more than half of its other peers connect to it, at least
    /// <see cref="MinSupernodeFanIn"/>, twice the median of what the peers get from each other, and on a
    /// port above 1023 (a resolver or web server that every peer uses on its well-known port stays a server).
    /// </summary>
    private static bool FindSupernodes(Facts[] facts, List<int> overlay, int k)
    {
        var peers = overlay.Where(m => facts[m].PeerMember).ToList();
        if (peers.Count < MinSupernodeFanIn) return false;
        var fanIn = new Dictionary<int, int>();
        foreach (int p in peers)
            foreach (int x in facts[p].ConnectedTo) fanIn[x] = fanIn.GetValueOrDefault(x) + 1;
        bool changed = false;
        foreach (var (x, count) in fanIn)
        {
            var f = facts[x];
            if (f.Supernode || count < MinSupernodeFanIn || (f.Overlay >= 0 && f.Overlay != k)) continue;
            var others = peers.Where(p => p != x).Select(p => fanIn.GetValueOrDefault(p)).OrderBy(v => v).ToList();
            double median = others.Count == 0 ? 0 : others.Count % 2 == 1 ? others[others.Count / 2] : (others[others.Count / 2 - 1] + others[others.Count / 2]) / 2.0;
            if (count * 2 <= others.Count || count < 2 * median) continue;
            if (!f.Links.Any(l => l.Directed && l.Responder == x && l.Accepted > 0 && facts[l.Initiator].Overlay == k && l.Ports.Any(p => (p & 0xFFFF) >= 1024))) continue;
            f.Supernode = true;
            f.SupernodeFanIn = count;
            f.SupernodeOverlaySize = others.Count;
            if (f.Overlay < 0) { f.Overlay = k; overlay.Add(x); }
            changed = true;
        }
        return changed;
    }

    private static string Why(HostRecord h, Facts f, HostRole role, List<string> listen)
    {
        var parts = new List<string>(3);
        string ports = listen.Count == 0 ? "" : $" on {string.Join(',', listen)}";
        switch (role)
        {
            case HostRole.Supernode:
                parts.Add($"{f.SupernodeFanIn} of {f.SupernodeOverlaySize} peers of overlay {f.Overlay + 1} connect to it{ports}");
                break;
            case HostRole.Peer:
                parts.Add($"accepts{ports} from {Count(f.AcceptedFrom.Count, "host")} and connects to {Count(f.ConnectedTo.Count, "host")} that accept (overlay {f.Overlay + 1})");
                break;
            case HostRole.Server:
                parts.Add(f.AcceptedFrom.Count == 0 ? $"accepts{ports} from itself only" : $"accepts{ports} from {Count(f.AcceptedFrom.Count, "host")}");
                if (f.ConnectedTo.Count > 0) parts.Add($"also a client of {Count(f.ConnectedTo.Count, "host")}");
                break;
            case HostRole.Client:
                parts.Add(f.ConnectedTo.Count > 0 ? $"only opens connections, to {Count(f.ConnectedTo.Count, "host")}" : "only opens connections");
                break;
            default:
                if (h.Midstream > 0)
                {
                    string hint = h.MidstreamPorts is { Count: 1 } one && h.Midstream >= 2 ? $"; all on its port {one.Keys.First()}: likely a server" : "";
                    parts.Add($"{Count(h.Midstream, "TCP connection")} seen without their handshake{hint}");
                }
                else if (f.UnansweredTcpIn + f.UnansweredUdpIn > 0)
                {
                    if (f.UnansweredTcpIn > 0) parts.Add($"refused or ignored {Count(f.UnansweredTcpIn, "connection")} opened to it");
                    if (f.UnansweredUdpIn > 0) parts.Add($"never answered {Count(f.UnansweredUdpIn, "UDP flow")} sent to it");
                }
                else if (h.GroupPacketsSent > 0) parts.Add("sends only to multicast or broadcast");
                else parts.Add("no TCP or UDP seen");
                break;
        }
        if (role != HostRole.Unknown && h.Midstream > 0) parts.Add($"{Count(h.Midstream, "connection")} without handshake not counted");
        if (f.TalksToItself) parts.Add("talks to itself (its own client)");
        if (f.UnansweredOut > 0 && role != HostRole.Unknown) parts.Add($"{f.UnansweredOut} of its openings unanswered or refused");
        return string.Join("; ", parts);
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static List<HostLinkRow> LinkRows(int self, Facts f, string[] names, HostRole[] roles)
    {
        var rows = new List<HostLinkRow>(Math.Min(f.Links.Count, MaxLinksPerHost));
        var links = f.Links;
        if (links.Count > MaxLinksPerHost)
        {
            links = new List<HostLink>(links);
            links.Sort((x, y) => (y.PayloadToResponder + y.PayloadToInitiator).CompareTo(x.PayloadToResponder + x.PayloadToInitiator));
            links.RemoveRange(MaxLinksPerHost, links.Count - MaxLinksPerHost);
        }
        foreach (var link in links)
        {
            bool initiator = link.Initiator == self;
            int other = initiator ? link.Responder : link.Initiator;
            var direction = !link.Directed ? LinkDirection.Unknown : link.Initiator == link.Responder ? LinkDirection.Self : initiator ? LinkDirection.Out : LinkDirection.In;
            long sent = initiator ? link.PayloadToResponder : link.PayloadToInitiator;
            long received = initiator ? link.PayloadToInitiator : link.PayloadToResponder;
            string ports = !link.Directed ? "" : link.Ports.Count == 1 ? PortText(link.Ports[0]) : string.Join(',', link.Ports.Select(PortText));
            int connections = link.Directed ? link.Accepted : link.Opened;
            rows.Add(new HostLinkRow(names[other], roles[other], direction, ports, connections,
                link.Directed ? Math.Max(0, link.Opened - link.Accepted) : 0, sent, received));
        }
        rows.Sort((x, y) =>
        {
            if (x.Direction != y.Direction) return x.Direction.CompareTo(y.Direction);
            int c = string.CompareOrdinal(x.Other, y.Other);
            if (c != 0) return c;
            c = x.Ports.EndsWith("/udp", StringComparison.Ordinal).CompareTo(y.Ports.EndsWith("/udp", StringComparison.Ordinal)); // TCP first
            return c != 0 ? c : string.CompareOrdinal(x.Ports, y.Ports);
        });
        return rows;
    }

    private static string PortText(int port) => (port & HostRecord.UdpPortBit) != 0
        ? (port & 0xFFFF).ToString(CultureInfo.InvariantCulture) + "/udp"
        : port.ToString(CultureInfo.InvariantCulture);

    private static string Address(HostRecord h) => FlowKey.FormatAddress(h.Address, h.Kind);
}
