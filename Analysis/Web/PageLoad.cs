namespace Sniffer.Analysis.Web;

public enum PhaseKind { Dns, Connect, Tls, Blocked, Send, Wait, Receive }

/// <summary>One phase of a row, measured on the wire: the frames (and times) it began and ended in.</summary>
public readonly record struct Phase(PhaseKind Kind, WireMark Start, WireMark End, int Retransmissions, WireMark Middle = default)
{
    public long DurationNs => Math.Max(0, End.TimeNs - Start.TimeNs);

    public static string Name(PhaseKind k) => k switch
    {
        PhaseKind.Dns => "dns",
        PhaseKind.Connect => "connect",
        PhaseKind.Tls => "tls",
        PhaseKind.Blocked => "blocked",
        PhaseKind.Send => "send",
        PhaseKind.Wait => "wait",
        _ => "receive",
    };
}

public enum RowKind { Http, Tls, Connection }

/// <summary>One row of the page-load timeline: an HTTP request, an encrypted connection, or a connection that failed.</summary>
public sealed class PageLoadRow
{
    public required RowKind Kind { get; init; }
    public required WebConnection Connection { get; init; }
    public HttpExchange? Exchange { get; init; }
    public required string Label { get; init; }
    public required string Status { get; init; }
    public ushort Code { get; init; }
    /// <summary>Bytes the server sent for it: the response (headers and body) or, for TLS, all its payload.</summary>
    public long Bytes { get; init; }
    public List<Phase> Phases { get; } = new();
    public DnsResolution? Dns { get; set; }
    public List<string> Problems { get; } = new();
    public int Number { get; set; }

    public long StartNs => Phases.Count > 0 ? Phases[0].Start.TimeNs : 0;
    public long EndNs
    {
        get
        {
            long end = 0;
            foreach (var p in Phases) end = Math.Max(end, p.End.TimeNs);
            return end;
        }
    }
    public WireMark EndMark
    {
        get
        {
            var end = WireMark.None;
            foreach (var p in Phases) if (!end.IsSet || p.End.TimeNs > end.TimeNs) end = p.End;
            return end;
        }
    }
    public Phase? Find(PhaseKind kind)
    {
        foreach (var p in Phases) if (p.Kind == kind) return p;
        return null;
    }
    /// <summary>The time the row's own work began (the request's first byte, the ClientHello, the SYN): the sort key.</summary>
    public long SortKeyNs { get; init; }
    public uint SortFrame { get; init; }
}

/// <summary>The rows of the page-load timeline and its totals, built from what <see cref="WebActivity"/> saw.</summary>
public sealed class PageLoad
{
    public List<PageLoadRow> Rows { get; } = new();
    public int UnusedConnections { get; private set; }
    public int OtherConnections { get; private set; }
    public WebActivity Activity { get; }

    private PageLoad(WebActivity activity) => Activity = activity;

    public long StartNs => Rows.Count == 0 ? 0 : Rows.Min(r => r.StartNs);
    public long EndNs => Rows.Count == 0 ? 0 : Rows.Max(r => r.EndNs);

    public static PageLoad Build(WebActivity activity)
    {
        var page = new PageLoad(activity);
        var dns = AttributeDns(activity);
        foreach (var c in activity.Connections)
        {
            dns.TryGetValue(c, out var resolution);
            if (c.Exchanges.Count > 0)
            {
                foreach (var x in c.Exchanges) page.Rows.Add(HttpRow(x, x.IndexOnConnection == 1 ? resolution : null, activity));
            }
            else if (c.IsTls) page.Rows.Add(TlsRow(c, resolution, activity));
            else if (c.SawSyn && (c.Refused || !c.SynAck.IsSet)) page.Rows.Add(FailedRow(c, activity));
            else if (c.Rst.IsSet && c.ToServer.PayloadBytes == 0) page.Rows.Add(FailedRow(c, activity));
            else if (c.ToServer.PayloadBytes == 0 && c.ToClient.PayloadBytes == 0) page.UnusedConnections++;
            else page.OtherConnections++;
        }
        page.Rows.Sort((a, b) => a.SortKeyNs != b.SortKeyNs ? a.SortKeyNs.CompareTo(b.SortKeyNs) : a.SortFrame.CompareTo(b.SortFrame));
        for (int i = 0; i < page.Rows.Count; i++) page.Rows[i].Number = i + 1;
        return page;
    }

    /// <summary>
    /// Each connection's DNS query: the latest answer before the connection began for the name it went to
    /// (Host or SNI) that gave the address it went to. An answer counts once, for the first connection that
    /// used it; later connections found the name already resolved (or in a cache) and have no DNS phase.
    /// </summary>
    private static Dictionary<WebConnection, DnsResolution> AttributeDns(WebActivity activity)
    {
        var byName = new Dictionary<string, List<DnsResolution>>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in activity.Resolutions)
        {
            if (!byName.TryGetValue(r.QueryName, out var list)) byName[r.QueryName] = list = new();
            list.Add(r);
        }
        var result = new Dictionary<WebConnection, DnsResolution>();
        if (byName.Count == 0) return result;
        var ordered = new List<WebConnection>(activity.Connections);
        ordered.Sort((a, b) => Start(a).Frame.CompareTo(Start(b).Frame));
        foreach (var c in ordered)
        {
            string? host = HostOf(c);
            if (host is null || !byName.TryGetValue(host, out var candidates)) continue;
            long start = Start(c).TimeNs;
            DnsResolution? best = null;
            foreach (var r in candidates)
                if (r.Response.TimeNs <= start && r.Resolves(c.ServerAddress, c.AddressKind)) best = r;
            if (best is null || best.UsedBy is not null) continue;
            best.UsedBy = c;
            result[c] = best;
        }
        return result;
    }

    private static WireMark Start(WebConnection c) => c.Syn.IsSet ? c.Syn : c.First;

    /// <summary>The name the client went to: the Host of its first request (without a port), or the SNI.</summary>
    public static string? HostOf(WebConnection c)
    {
        string? host = c.Exchanges.Count > 0 && c.Exchanges[0].Request.Host.Length > 0 ? c.Exchanges[0].Request.Host : c.Sni;
        if (host is null) return null;
        if (host.StartsWith('['))
        {
            int close = host.IndexOf(']');
            return close > 0 ? host[1..close] : host;
        }
        int colon = host.LastIndexOf(':');
        return colon > 0 && host.IndexOf(':') == colon ? host[..colon] : host;
    }

    /// <summary>DNS and the handshake (with what the connection did before its first request).</summary>
    private static void OpeningPhases(PageLoadRow row, WebConnection c, DnsResolution? resolution)
    {
        if (resolution is not null)
        {
            var q = resolution.Query.IsSet ? resolution.Query : resolution.Response;
            row.Dns = resolution;
            row.Phases.Add(new Phase(PhaseKind.Dns, q, resolution.Response, 0));
        }
        if (c.Syn.IsSet)
        {
            var end = c.HandshakeAck.IsSet ? c.HandshakeAck : c.SynAck.IsSet ? c.SynAck : c.Rst.IsSet ? c.Rst : c.Syn;
            row.Phases.Add(new Phase(PhaseKind.Connect, c.Syn, end, c.RetransmissionsBetween(c.Syn.Frame, end.Frame), c.SynAck));
            if (c.SynRetransmissions > 0) row.Problems.Add($"SYN retransmitted {c.SynRetransmissions}x");
        }
    }

    private static WireMark OpeningEnd(PageLoadRow row)
    {
        var end = WireMark.None;
        foreach (var p in row.Phases) if (!end.IsSet || p.End.TimeNs >= end.TimeNs) end = p.End;
        return end;
    }

    private static PageLoadRow HttpRow(HttpExchange x, DnsResolution? resolution, WebActivity activity)
    {
        var c = x.Connection;
        var rq = x.Request;
        var rs = x.Response;
        string status = rs is not null ? $"{rs.Code} {rs.Phrase}".Trim() : c.Rst.IsSet && c.Rst.Frame > x.RequestEnd.Frame ? "reset" : "no response";
        var row = new PageLoadRow
        {
            Kind = RowKind.Http,
            Connection = c,
            Exchange = x,
            Label = $"{rq.Method} {Url(x)}",
            Status = status,
            Code = rs?.Code ?? 0,
            Bytes = rs?.MessageLength ?? 0,
            SortKeyNs = x.RequestStart.TimeNs,
            SortFrame = x.RequestStart.Frame,
        };
        if (x.IndexOnConnection == 1)
        {
            OpeningPhases(row, c, resolution);
            var ready = OpeningEnd(row);
            if (ready.IsSet && x.RequestStart.TimeNs > ready.TimeNs)
                row.Phases.Add(new Phase(PhaseKind.Blocked, ready, x.RequestStart, 0));
        }
        row.Phases.Add(new Phase(PhaseKind.Send, x.RequestStart, x.RequestEnd, c.RetransmissionsBetween(x.RequestStart.Frame, x.RequestEnd.Frame)));
        if (rs is not null)
        {
            row.Phases.Add(new Phase(PhaseKind.Wait, x.RequestEnd, x.ResponseStart, c.RetransmissionsBetween(x.RequestEnd.Frame + 1, x.ResponseStart.Frame - 1)));
            row.Phases.Add(new Phase(PhaseKind.Receive, x.ResponseStart, x.ResponseEnd, c.RetransmissionsBetween(x.ResponseStart.Frame, x.ResponseEnd.Frame)));
        }
        else
        {
            // Waited until the connection's last frame (or the capture's end) without an answer.
            var last = c.Rst.IsSet && c.Rst.Frame > x.RequestEnd.Frame ? c.Rst : c.Last.Frame > x.RequestEnd.Frame ? c.Last : activity.LastFrame;
            row.Phases.Add(new Phase(PhaseKind.Wait, x.RequestEnd, last, c.RetransmissionsBetween(x.RequestEnd.Frame + 1, last.Frame)));
            row.Problems.Add(status == "reset" ? $"connection reset in frame {c.Rst.Frame} before the response" : "no response in the capture");
        }
        AddRetransmissionNote(row);
        return row;
    }

    private static PageLoadRow TlsRow(WebConnection c, DnsResolution? resolution, WebActivity activity)
    {
        var row = new PageLoadRow
        {
            Kind = RowKind.Tls,
            Connection = c,
            Label = $"TLS {c.Sni ?? c.Server}",
            Status = c.Rst.IsSet ? "reset" : c.FirstServerAppData.IsSet ? "encrypted" : "no data",
            Bytes = c.ToClient.PayloadBytes,
            SortKeyNs = c.ClientHello.TimeNs,
            SortFrame = c.ClientHello.Frame,
        };
        OpeningPhases(row, c, resolution);
        var ready = OpeningEnd(row);
        if (ready.IsSet && c.ClientHello.TimeNs > ready.TimeNs) row.Phases.Add(new Phase(PhaseKind.Blocked, ready, c.ClientHello, 0));
        var tlsEnd = c.FirstClientAppData.IsSet ? c.FirstClientAppData : c.Last;
        row.Phases.Add(new Phase(PhaseKind.Tls, c.ClientHello, tlsEnd, c.RetransmissionsBetween(c.ClientHello.Frame, tlsEnd.Frame)));
        if (c.FirstClientAppData.IsSet)
        {
            row.Phases.Add(new Phase(PhaseKind.Send, c.FirstClientAppData, c.FirstClientAppData, 0));
            if (c.FirstServerAppData.IsSet)
            {
                var last = c.ToClient.LastPayload.Frame >= c.FirstServerAppData.Frame ? c.ToClient.LastPayload : c.FirstServerAppData;
                row.Phases.Add(new Phase(PhaseKind.Wait, c.FirstClientAppData, c.FirstServerAppData, c.RetransmissionsBetween(c.FirstClientAppData.Frame + 1, c.FirstServerAppData.Frame - 1)));
                row.Phases.Add(new Phase(PhaseKind.Receive, c.FirstServerAppData, last, c.RetransmissionsBetween(c.FirstServerAppData.Frame, last.Frame)));
            }
        }
        if (c.Rst.IsSet) row.Problems.Add($"reset in frame {c.Rst.Frame}");
        AddRetransmissionNote(row);
        return row;
    }

    private static PageLoadRow FailedRow(WebConnection c, WebActivity activity)
    {
        string status = c.Refused ? "refused" : !c.SynAck.IsSet && c.SawSyn ? "no answer" : "reset";
        var row = new PageLoadRow
        {
            Kind = RowKind.Connection,
            Connection = c,
            Label = $"TCP {c.Server}",
            Status = status,
            SortKeyNs = Start(c).TimeNs,
            SortFrame = Start(c).Frame,
        };
        if (c.Syn.IsSet)
        {
            var end = c.Rst.IsSet ? c.Rst : c.Last;
            row.Phases.Add(new Phase(PhaseKind.Connect, c.Syn, end, c.RetransmissionsBetween(c.Syn.Frame, end.Frame), c.SynAck));
        }
        else row.Phases.Add(new Phase(PhaseKind.Connect, c.First, c.Rst.IsSet ? c.Rst : c.Last, 0));
        row.Problems.Add(status switch
        {
            "refused" => $"connection refused (RST in frame {c.Rst.Frame})",
            "no answer" => c.SynRetransmissions > 0 ? $"SYN unanswered, retransmitted {c.SynRetransmissions}x" : "SYN unanswered",
            _ => $"reset in frame {c.Rst.Frame}",
        });
        return row;
    }

    private static void AddRetransmissionNote(PageLoadRow row)
    {
        var parts = new List<string>();
        foreach (var p in row.Phases) if (p.Retransmissions > 0) parts.Add($"{p.Retransmissions} in {Phase.Name(p.Kind)}");
        if (parts.Count > 0) row.Problems.Add("retransmissions: " + string.Join(", ", parts));
    }

    /// <summary>The request's absolute URL (http.request.full_uri when the request had a Host).</summary>
    public static string Url(HttpExchange x)
    {
        var rq = x.Request;
        if (rq.FullUri is not null) return rq.FullUri;
        if (rq.Uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || rq.Uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) return rq.Uri;
        return $"http://{x.Connection.Server}{rq.Uri}";
    }
}
