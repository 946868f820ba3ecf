using Sniffer.Analysis.Reports;
using Sniffer.Analysis.Reports.Stats;
using Sniffer.Analysis.Web;
using Sniffer.Cli.Export;
using Sniffer.Cli.Options;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Cli.Commands;

/// <summary>
/// A report fed with each packet's collected field values, as a tshark tap is fed with its dissector's tap data:
/// it names the fields it reads, sees every packet of the pass and renders (or writes its files) at the end.
/// </summary>
public interface IFieldTap
{
    void Want(FieldValueSet values);
    void Observe(ReadOnlySpan<byte> data, in PacketContext ctx, FieldValueSet values);
    void Render(TextWriter w);
}

/// <summary>The -z reports and exports built on collected fields: the page-load timeline and its exports.</summary>
/// <summary>A tap that needs the capture's interface descriptions (timestamp resolution).</summary>
public interface IInterfaceAware
{
    void UseInterfaces(IReadOnlyList<Sniffer.Capture.CaptureInterface> interfaces);
}

public static class FieldTaps
{
    public const string Usage = "pageload  http,stat  http,tree  http_req,tree  dns,tree  flow,tcp,standard|network  endpoints,eth|ip|ipv6|tcp|udp  io,stat,INTERVAL[,FILTER|CALC(field)FILTER...]";

    private sealed class IoTap : IFieldTap
    {
        private readonly IoStatReport _report;
        private readonly IPacketFilter?[] _filters;
        private readonly bool[] _passed;

        private IoTap(IoStatReport report, IPacketFilter?[] filters)
        {
            _report = report;
            _filters = filters;
            _passed = new bool[filters.Length];
        }

        public static IoTap Create(string[] parts)
        {
            IoStatReport report;
            try { report = new IoStatReport(parts[2], parts.Skip(3).Select(IoStatColumn.Parse).ToList()); }
            catch (ArgumentException e) { throw new UsageException($"-z io,stat: {e.Message}."); }
            var filters = report.Columns.Select(c => c.Filter is null ? null : PacketFilters.Compile(c.Filter)).ToArray();
            return new IoTap(report, filters);
        }

        public void Want(FieldValueSet values)
        {
            foreach (var f in _filters) if (f is not null) foreach (var field in f.Fields) values.Want(field);
            foreach (var c in _report.Columns) if (c.Field is not null) values.Want(c.Field);
        }

        public void Observe(ReadOnlySpan<byte> data, in PacketContext ctx, FieldValueSet values)
        {
            for (int i = 0; i < _filters.Length; i++) _passed[i] = _filters[i] is not { } f || f.Matches(values, data);
            _report.Add(ctx.Frame.TimestampNs - ctx.FirstTimestampNs, ctx.Frame.OriginalLength, _passed, values);
        }

        public void Render(TextWriter w) => _report.Render(w);
    }

    private static ConversationKind? ConversationKindOf(string name) => name switch
    {
        "eth" => ConversationKind.Ethernet,
        "ip" => ConversationKind.IPv4,
        "ipv6" => ConversationKind.IPv6,
        "tcp" => ConversationKind.Tcp,
        "udp" => ConversationKind.Udp,
        _ => null,
    };

    private sealed class EndpointsTap(EndpointsReport report) : IFieldTap
    {
        public void Want(FieldValueSet values) { foreach (var f in EndpointsReport.Fields) values.Want(f); }
        public void Observe(ReadOnlySpan<byte> data, in PacketContext ctx, FieldValueSet values) => report.Observe(values, ctx.Frame.OriginalLength, ctx.Untapped);
        public void Render(TextWriter w) => report.Render(w);
    }

    /// <summary>Feeds packet-dns.c's tap data (one event per DNS message) to the DNS stats tree.</summary>
    private sealed class DnsTap : IFieldTap
    {
        private readonly DnsStatsTree _tree;
        private readonly Action<DnsTapEvent> _add;
        private double _ms;

        public DnsTap(DnsStatsTree tree)
        {
            _tree = tree;
            _add = e => _tree.Add(_ms, e);
        }

        public void Want(FieldValueSet values) { foreach (var f in DnsStatsTree.Fields) values.Want(f); }

        public void Observe(ReadOnlySpan<byte> data, in PacketContext ctx, FieldValueSet values)
        {
            _ms = (ctx.Frame.TimestampNs - ctx.FirstTimestampNs) / 1e6;
            DnsStatsTree.Read(values, _add);
        }

        public void Render(TextWriter w) => _tree.Render(w);
    }

    /// <summary>Feeds packet-tcp.c's tap (one item per TCP header) to the sequence diagram, with each frame's time as tshark shows it.</summary>
    private sealed class FlowTap : IFieldTap, IInterfaceAware
    {
        private readonly TcpFlowReport _report = new();
        private IReadOnlyList<Sniffer.Capture.CaptureInterface> _interfaces = [];

        public void UseInterfaces(IReadOnlyList<Sniffer.Capture.CaptureInterface> interfaces) => _interfaces = interfaces;
        public void Want(FieldValueSet values) { foreach (var f in TcpFlowReport.Fields) values.Want(f); }

        public void Observe(ReadOnlySpan<byte> data, in PacketContext ctx, FieldValueSet values)
        {
            if (!values.Has(Sniffer.Dissectors.Transport.TcpFields.Tcp)) return;
            int id = ctx.Frame.InterfaceId;
            long units = (uint)id < (uint)_interfaces.Count ? _interfaces[id].TimestampUnitsPerSecond : 1_000_000;
            _report.Observe(values, RelativeTime.Format(ctx.Frame.TimestampNs - ctx.FirstTimestampNs, RelativeTime.DigitsFor(units)), ctx.Untapped);
        }

        public void Render(TextWriter w) => _report.Render(w);
    }

    /// <summary>The tap for a -z argument this family owns, or null.</summary>
    public static IFieldTap? TryCreate(string spec, string[] parts) => parts[0] switch
    {
        "pageload" when parts.Length == 1 => new PageLoadTap(TerminalWidth()),
        "http" when parts.Length == 2 && parts[1] == "stat" => HttpTap.For(new HttpStatReport()),
        "http" when parts.Length == 2 && parts[1] == "tree" => HttpTap.For(new HttpPacketCounter()),
        "http_req" when parts.Length == 2 && parts[1] == "tree" => HttpTap.For(new HttpRequestsTree()),
        "dns" when parts.Length == 2 && parts[1] == "tree" => new DnsTap(new DnsStatsTree()),
        "flow" when parts.Length == 3 && parts[1] == "tcp" && parts[2] is "standard" or "network" => new FlowTap(),
        "io" when parts.Length >= 3 && parts[1] == "stat" => IoTap.Create(parts),
        "endpoints" when parts.Length == 2 && ConversationKindOf(parts[1]) is { } kind => new EndpointsTap(new EndpointsReport(kind)),
        _ => null,
    };

    /// <summary>--export-har and --export-objects, as taps of the same pass.</summary>
    public static IEnumerable<IFieldTap> Exports(CliOptions options, string captureName)
    {
        if (options.ExportHar is { } har) yield return new HarTap(har, captureName);
        foreach (var spec in options.ExportObjects)
        {
            int comma = spec.IndexOf(',');
            string protocol = comma < 0 ? spec : spec[..comma];
            if (comma < 0 || comma == spec.Length - 1) throw new UsageException($"--export-objects needs PROTOCOL,DIRECTORY (for example http,objects), not \"{spec}\".");
            if (protocol != "http") throw new UsageException($"--export-objects: \"{protocol}\" isn't supported; the only protocol is http.");
            yield return new HttpObjectTap(spec[(comma + 1)..]);
        }
    }

    /// <summary>COLUMNS when set, the terminal's width on a terminal, else 80.</summary>
    public static int TerminalWidth()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out int columns) && columns > 0) return columns;
        try
        {
            if (!Console.IsOutputRedirected && Console.WindowWidth > 0) return Console.WindowWidth;
        }
        catch (IOException) { }
        return 80;
    }

    /// <summary>Collects the web activity of the pass (shared base of the page-load taps).</summary>
    public abstract class WebTap(bool keepBodies = false, Action<WebConnection, HttpMessage, uint>? onBody = null) : IFieldTap
    {
        protected WebActivity Activity { get; } = new() { KeepBodies = keepBodies, OnBody = onBody };
        public void Want(FieldValueSet values) => WebFields.WantAll(values);
        public void Observe(ReadOnlySpan<byte> data, in PacketContext ctx, FieldValueSet values) => Activity.Observe(data, ctx, values);
        public abstract void Render(TextWriter w);
    }

    private sealed class PageLoadTap(int width) : WebTap
    {
        public override void Render(TextWriter w) => new PageLoadReport(PageLoad.Build(Activity), width).Render(w);
    }

    private sealed class HarTap(string path, string captureName) : WebTap(keepBodies: true)
    {
        public override void Render(TextWriter w)
        {
            using var file = File.Create(path);
            HarWriter.Write(file, PageLoad.Build(Activity), captureName);
        }
    }

    private sealed class HttpObjectTap : IFieldTap
    {
        private readonly HttpObjectExporter _exporter;
        private readonly WebActivity _activity;

        public HttpObjectTap(string directory)
        {
            _exporter = new HttpObjectExporter(directory);
            _activity = new WebActivity { OnBody = _exporter.Add };
        }

        public void Want(FieldValueSet values) => WebFields.WantAll(values);
        public void Observe(ReadOnlySpan<byte> data, in PacketContext ctx, FieldValueSet values) => _activity.Observe(data, ctx, values);
        public void Render(TextWriter w) => _exporter.Finish();
    }

    /// <summary>Feeds packet-http.c's tap data (one event per HTTP message) to an HTTP statistic.</summary>
    private sealed class HttpTap(Action<HttpTapEvent> add, Action<TextWriter> render) : IFieldTap
    {
        private readonly WebFrame _frame = new();

        public static HttpTap For(HttpStatReport r) => new(e => r.Add(e), r.Render);
        public static HttpTap For(HttpPacketCounter r) => new(e => r.Add(e), r.Render);
        public static HttpTap For(HttpRequestsTree r) => new(e => r.Add(e), r.Render);

        public void Want(FieldValueSet values) { foreach (var f in WebFields.Http) values.Want(f); }

        public void Observe(ReadOnlySpan<byte> data, in PacketContext ctx, FieldValueSet values)
        {
            if (!values.Has(Sniffer.Dissectors.Http.HttpFields.Http)) return;
            _frame.Read(data, ctx, values);
            double ms = _frame.RelativeNs / 1e6;
            foreach (var range in _frame.Http)
            {
                if (range.IsRequest || range.IsResponse)
                {
                    var m = HttpMessage.Read(values, range, keepBody: false);
                    add(m.IsResponse ? new HttpTapEvent(ms, m.Code, null, null, null)
                        : new HttpTapEvent(ms, 0, m.Method, m.Host.Length > 0 ? m.Host : null, m.Uri.Length > 0 ? m.Uri : null));
                }
                else if (StartsPrintable(values, range))
                {
                    // Continuation data: tshark's tap sees it (as "other") unless it begins with a non-printable byte.
                    add(new HttpTapEvent(ms, 0, null, null, null));
                }
            }
        }

        private static bool StartsPrintable(FieldValueSet values, HttpMessageRange range)
        {
            for (int i = range.First; i < range.End; i++)
            {
                if (values[i].Field != Sniffer.Dissectors.Http.HttpFields.FileData) continue;
                var b = values.Bytes(i);
                return b.Length > 0 && b[0] is >= 0x20 and <= 0x7E;
            }
            return false;
        }

        public void Render(TextWriter w) => render(w);
    }
}
