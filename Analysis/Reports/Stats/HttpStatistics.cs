using System.Globalization;
using Sniffer.Dissectors.Http;

namespace Sniffer.Analysis.Reports.Stats;

/// <summary>What packet-http.c hands its "http" tap for one message: a response code, or a request's method, host and URI, or neither (other).</summary>
public readonly record struct HttpTapEvent(double RelativeMs, ushort Code, string? Method, string? Host, string? Uri);

/// <summary>-z http,tree (HTTP/Packet Counter), as packet-http.c's http_stats_tree_* build it.</summary>
public sealed class HttpPacketCounter
{
    private readonly StatsTree _tree = new("HTTP/Packet Counter");
    private readonly StatsTree.Node _packets, _requests, _responses, _broken, _r100, _r200, _r300, _r400, _r500;

    public HttpPacketCounter()
    {
        _packets = _tree.Create("Total HTTP Packets", null);
        _requests = _tree.Create("HTTP Request Packets", _packets);
        _responses = _tree.Create("HTTP Response Packets", _packets);
        _broken = _tree.Create("???: broken", _responses);
        _r100 = _tree.Create("1xx: Informational", _responses);
        _r200 = _tree.Create("2xx: Success", _responses);
        _r300 = _tree.Create("3xx: Redirection", _responses);
        _r400 = _tree.Create("4xx: Client Error", _responses);
        _r500 = _tree.Create("5xx: Server Error", _responses);
        _tree.Create("Other HTTP Packets", _packets, withHash: false);
    }

    public void Add(in HttpTapEvent e)
    {
        _tree.Packet(e.RelativeMs);
        _tree.Tick("Total HTTP Packets", null);
        if (e.Code != 0)
        {
            _tree.Tick("HTTP Response Packets", _packets);
            var group = e.Code < 100 || e.Code >= 600 ? _broken : e.Code < 200 ? _r100 : e.Code < 300 ? _r200 : e.Code < 400 ? _r300 : e.Code < 500 ? _r400 : _r500;
            _tree.Tick(group.Name, _responses);
            _tree.Tick($"{e.Code} {HttpStatusCodes.Descriptions.Find(e.Code) ?? $"Unknown ({e.Code})"}", group);
        }
        else if (e.Method is not null) _tree.TickPivot(_requests, e.Method);
        else _tree.Tick("Other HTTP Packets", _packets);
    }

    public void Render(TextWriter w) => _tree.Render(w);
}

/// <summary>-z http_req,tree (HTTP/Requests): requests by Host, then by URI.</summary>
public sealed class HttpRequestsTree
{
    private readonly StatsTree _tree = new("HTTP/Requests");
    private readonly StatsTree.Node _byHost;

    public HttpRequestsTree() => _byHost = _tree.Create("HTTP Requests by HTTP Host", null);

    public void Add(in HttpTapEvent e)
    {
        _tree.Packet(e.RelativeMs);
        if (e.Method is null || e.Code != 0) return;
        _tree.Tick(_byHost.Name, null);
        if (e.Host is null) return;
        var host = _tree.Tick(e.Host, _byHost, withHash: true);
        if (e.Uri is not null) _tree.Tick(e.Uri, host, withHash: true);
    }

    public void Render(TextWriter w) => _tree.Render(w);
}

/// <summary>
/// -z http,stat (ui/cli/tap-httpstat.c): packets per response code and per request method, printed in the order
/// tshark's hash tables hold them (codes the table does not know count as "Others" of their class).
/// </summary>
public sealed class HttpStatReport
{
    private readonly GHashOrder<uint> _codeOrder = new(code => code);
    private readonly Dictionary<uint, (string Name, long Packets)> _codes = new();
    private readonly GHashOrder<string> _methodOrder = new(GHashOrder<string>.StrHash);
    private readonly Dictionary<string, long> _methods = new(StringComparer.Ordinal);

    public HttpStatReport()
    {
        foreach (var (value, name) in HttpStatusCodes.Descriptions.Entries)
        {
            _codeOrder.Add((uint)value);
            _codes[(uint)value] = (name, 0);
        }
    }

    public void Add(in HttpTapEvent e)
    {
        if (e.Code != 0)
        {
            uint code = e.Code;
            if (!_codes.ContainsKey(code))
            {
                if (code < 100 || code >= 600) return;
                code = code / 100 * 100 + 99;
                if (!_codes.ContainsKey(code)) return;
            }
            var (name, packets) = _codes[code];
            _codes[code] = (name, packets + 1);
        }
        else if (e.Method is not null)
        {
            _methodOrder.Add(e.Method);
            _methods[e.Method] = _methods.GetValueOrDefault(e.Method) + 1;
        }
    }

    public void Render(TextWriter w)
    {
        const string rule = "===================================================================";
        w.Write("\n" + rule + "\nHTTP Statistics\n");
        w.Write("* HTTP Response Status Codes                Packets\n");
        foreach (var code in _codeOrder.Keys())
        {
            var (name, packets) = _codes[code];
            if (packets > 0) w.Write(string.Create(CultureInfo.InvariantCulture, $"  {code,3} {name,-35} {packets,9}\n"));
        }
        w.Write("* HTTP Request Methods                      Packets\n");
        foreach (var method in _methodOrder.Keys()) w.Write(string.Create(CultureInfo.InvariantCulture, $"  {method,-39} {_methods[method],9} \n"));
        w.Write(rule + "\n");
    }
}
