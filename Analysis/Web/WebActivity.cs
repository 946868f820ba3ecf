using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Dns;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Analysis.Web;

/// <summary>
/// Builds the page-load picture in one pass over a capture, frame by frame from the collected fields: TCP
/// connections with their handshakes, DNS answers, TLS handshakes and HTTP exchanges with the frames that start
/// and end each phase. Tables are capped (and what a cap cuts is counted), so a huge capture cannot exhaust memory.
/// </summary>
public sealed class WebActivity
{
    public const int MaxConnections = 200_000;
    public const int MaxExchanges = 200_000;
    public const int MaxResolutions = 100_000;
    /// <summary>Bodies kept for the HAR's content.text: each up to this size, all together up to <see cref="MaxKeptBodyBytes"/>.</summary>
    public const int MaxKeptBody = 1 << 20;
    public const long MaxKeptBodyBytes = 64L << 20;

    private readonly Dictionary<uint, WebConnection> _byStream = new();
    private readonly WebFrame _frame = new();

    /// <summary>Keep decoded bodies (up to the caps) on the exchanges, for the HAR.</summary>
    public bool KeepBodies { get; init; }

    /// <summary>Called with every HTTP message that carried a body, its connection and frame (object export).</summary>
    public Action<WebConnection, HttpMessage, uint>? OnBody { get; init; }

    public List<WebConnection> Connections { get; } = new();
    public List<HttpExchange> Exchanges { get; } = new();
    public List<DnsResolution> Resolutions { get; } = new();
    public long DroppedConnections { get; private set; }
    public long DroppedExchanges { get; private set; }
    public long DroppedResolutions { get; private set; }
    public long BodiesNotKept { get; private set; }
    public long ResponsesWithoutRequest { get; private set; }
    private long _keptBodyBytes;

    public long FirstFrameNs { get; private set; } = long.MinValue;
    public WireMark LastFrame { get; private set; }
    public long Frames { get; private set; }

    public void Observe(ReadOnlySpan<byte> data, in PacketContext ctx, FieldValueSet values)
    {
        if (FirstFrameNs == long.MinValue) FirstFrameNs = ctx.FirstTimestampNs;
        _frame.Read(data, ctx, values);
        Frames++;
        LastFrame = new WireMark(_frame.Number, _frame.RelativeNs);
        if (_frame.IsDnsResponse) ObserveDns(values);
        if (!_frame.IsTcp) return;
        var c = ConnectionOf(_frame);
        if (c is null) return;
        ObserveTcp(c, _frame);
        foreach (var range in _frame.Http) ObserveHttp(c, _frame, range);
    }

    private WebConnection? ConnectionOf(WebFrame f)
    {
        if (_byStream.TryGetValue(f.Stream, out var c)) return c;
        if (_byStream.Count >= MaxConnections) { DroppedConnections++; return null; }
        // The SYN's sender is the client; without a handshake, the side talking to the lower (well-known) port.
        bool srcIsClient = f.Has(WebFrame.Syn) ? !f.Has(WebFrame.AckFlag) : f.SrcPort >= f.DstPort;
        c = new WebConnection { Stream = f.Stream, AddressKind = f.AddressKind, First = Mark(f) };
        if (srcIsClient) { c.ClientAddress = f.Src; c.ClientPort = f.SrcPort; c.ServerAddress = f.Dst; c.ServerPort = f.DstPort; }
        else { c.ClientAddress = f.Dst; c.ClientPort = f.DstPort; c.ServerAddress = f.Src; c.ServerPort = f.SrcPort; }
        _byStream.Add(f.Stream, c);
        Connections.Add(c);
        return c;
    }

    private static WireMark Mark(WebFrame f) => new(f.Number, f.RelativeNs);

    private void ObserveTcp(WebConnection c, WebFrame f)
    {
        bool toServer = f.Src == c.ClientAddress && f.SrcPort == c.ClientPort;
        var mark = Mark(f);
        c.Last = mark;
        var dir = toServer ? c.ToServer : c.ToClient;
        dir.Frames++;
        dir.Bytes += f.Length;
        if (f.Retransmission)
        {
            if (c.Retransmissions.Count < WebConnection.MaxRetransmissionsKept) c.Retransmissions.Add(f.Number);
            else c.RetransmissionsNotKept++;
        }
        if (f.Has(WebFrame.Syn))
        {
            if (!f.Has(WebFrame.AckFlag) && toServer)
            {
                if (!c.Syn.IsSet) c.Syn = mark; else c.SynRetransmissions++;
                c.SawSyn = true;
            }
            else if (f.Has(WebFrame.AckFlag) && !toServer && !c.SynAck.IsSet) c.SynAck = mark;
        }
        else if (f.Has(WebFrame.AckFlag) && toServer && c.SynAck.IsSet && !c.HandshakeAck.IsSet && f.TcpLength == 0) c.HandshakeAck = mark;
        else if (f.Has(WebFrame.AckFlag) && toServer && c.SynAck.IsSet && !c.HandshakeAck.IsSet) c.HandshakeAck = mark; // ACK carrying data
        if (f.Has(WebFrame.Rst) && !c.Rst.IsSet) { c.Rst = mark; c.ResetByServer = !toServer; }
        if (f.Has(WebFrame.Fin) && !c.Fin.IsSet) c.Fin = mark;

        if (f.TcpLength > 0 && !f.Retransmission)
        {
            if (!dir.FirstPayload.IsSet) dir.FirstPayload = mark;
            dir.LastPayload = mark;
            dir.PayloadBytes += f.TcpLength;
            if (dir.NextMessageSeq < 0) dir.NextMessageSeq = f.Seq;
            // The frame that carries the next message's first byte (or the first new data after a gap).
            if (!dir.NextMessageStart.IsSet && f.Seq + (long)f.TcpLength > dir.NextMessageSeq) dir.NextMessageStart = mark;
        }

        if (f.HasClientHello && toServer && !c.ClientHello.IsSet) { c.ClientHello = mark; c.Sni ??= f.Sni; }
        if (f.HasAppData && c.ClientHello.IsSet)
        {
            if (toServer && !c.FirstClientAppData.IsSet) c.FirstClientAppData = mark;
            // The server's answer: its first application data after the client's (TLS 1.3 sends its own
            // encrypted handshake as application data records before the client speaks).
            else if (!toServer && c.FirstClientAppData.IsSet && !c.FirstServerAppData.IsSet) c.FirstServerAppData = mark;
        }
    }

    /// <summary>
    /// A message completes in this frame: it began where the direction's previous message ended. Its end is
    /// that start plus its length, kept inside this frame's segment; when the segment goes on past it, the
    /// next message begins in this same frame.
    /// </summary>
    private static WireMark CompleteMessage(StreamDirection dir, WebFrame f, int length, out WireMark start)
    {
        var mark = Mark(f);
        start = dir.NextMessageStart.IsSet ? dir.NextMessageStart : mark;
        long segmentStart = f.Seq, segmentEnd = f.Seq + (long)f.TcpLength;
        long end = (dir.NextMessageSeq < 0 ? segmentStart : dir.NextMessageSeq) + length;
        if (end > segmentEnd || end < segmentStart) end = segmentEnd;
        dir.NextMessageSeq = end;
        dir.NextMessageStart = segmentEnd > end ? mark : WireMark.None;
        return mark;
    }

    private void ObserveHttp(WebConnection c, WebFrame f, HttpMessageRange range)
    {
        if (!range.IsRequest && !range.IsResponse) return; // continuation data
        bool wantBody = OnBody is not null || KeepBodies;
        var message = HttpMessage.Read(f.Values, range, wantBody);
        bool toServer = f.Src == c.ClientAddress && f.SrcPort == c.ClientPort;
        var dir = toServer ? c.ToServer : c.ToClient;
        var end = CompleteMessage(dir, f, message.MessageLength, out var start);

        if (message.IsRequest)
        {
            c.LastRequestUri = message.Uri;
            if (message.Host.Length > 0) c.LastHost = message.Host;
        }
        if (message.HasBody && OnBody is not null) OnBody(c, message, f.Number);
        if (message.Body is not null)
        {
            if (!KeepBodies || message.Body.Length > MaxKeptBody || _keptBodyBytes + message.Body.Length > MaxKeptBodyBytes)
            {
                if (KeepBodies) BodiesNotKept++;
                message.Body = null;
            }
            else _keptBodyBytes += message.Body.Length;
        }

        if (message.IsRequest)
        {
            if (Exchanges.Count >= MaxExchanges) { DroppedExchanges++; return; }
            var x = new HttpExchange { Connection = c, IndexOnConnection = c.Exchanges.Count + 1, Request = message, RequestStart = start, RequestEnd = end };
            c.Exchanges.Add(x);
            Exchanges.Add(x);
            return;
        }
        // A response answers the request tshark pairs it with (http.request_in); several requests in one frame go in order.
        HttpExchange? answered = null;
        foreach (var x in c.Exchanges)
        {
            if (x.Response is null && (message.RequestIn == 0 || x.RequestEnd.Frame == message.RequestIn)) { answered = x; if (message.RequestIn != 0) break; }
        }
        if (answered is null) { ResponsesWithoutRequest++; return; }
        answered.Response = message;
        answered.ResponseStart = start;
        answered.ResponseEnd = end;
    }

    private void ObserveDns(FieldValueSet values)
    {
        // dns.response_to and dns.time follow the answers: read them first.
        uint requestFrame = 0;
        long timeNs = -1;
        int at = values.First(DnsFields.ResponseTo);
        if (at >= 0) requestFrame = (uint)values[at].Bits;
        at = values.First(DnsFields.Time);
        if (at >= 0) timeNs = values[at].Signed;
        string? query = null;
        DnsResolution? r = null;
        for (int i = 0; i < values.Count; i++)
        {
            var v = values[i];
            if (v.Field == DnsFields.QryName && query is null) query = FieldText.Latin1(values.Bytes(i));
            else if (v.Field == DnsFields.A || v.Field == DnsFields.Aaaa)
            {
                if (query is null) continue;
                r ??= NewResolution(query, requestFrame, timeNs);
                if (r is null) return;
                var b = values.Bytes(i);
                UInt128 a = 0;
                foreach (byte x in b) a = (a << 8) | x;
                r.Addresses.Add(new DnsAddress(a, b.Length == 4 ? AddressKind.IPv4 : AddressKind.IPv6));
            }
            else if (v.Field == DnsFields.Cname && query is not null)
            {
                r ??= NewResolution(query, requestFrame, timeNs);
                if (r is null) return;
                r.Names.Add(FieldText.Latin1(values.Bytes(i)));
            }
        }
    }

    private DnsResolution? NewResolution(string query, uint requestFrame, long timeNs)
    {
        if (Resolutions.Count >= MaxResolutions) { DroppedResolutions++; return null; }
        var response = new WireMark(_frame.Number, _frame.RelativeNs);
        var r = new DnsResolution
        {
            QueryName = query,
            Response = response,
            Query = requestFrame != 0 ? new WireMark(requestFrame, timeNs >= 0 ? response.TimeNs - timeNs : response.TimeNs) : WireMark.None,
        };
        r.Names.Add(query);
        Resolutions.Add(r);
        return r;
    }
}
