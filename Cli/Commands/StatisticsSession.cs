using Sniffer.Analysis.Reports;
using Sniffer.Analysis.Roles;
using Sniffer.Analysis.Tcp;
using Sniffer.Cli.Options;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Cli.Commands;

/// <summary>
/// The -z statistics of one run: builds a collector per request, feeds it every frame of the pass and
/// renders the reports at the end (in reverse order of the options, as tshark does).
/// </summary>
public sealed class StatisticsSession
{
    private readonly List<Action<TextWriter>> _renderers = new();
    private readonly List<ConversationTable> _conversations = new();
    private readonly List<FollowStreamCollector> _follows = new();
    private readonly List<IFieldTap> _taps = new();
    private readonly TcpAnalyzer? _analyzer;
    private ExpertSummary? _experts;
    private HostRoleTracker? _roles;
    private long _firstFrameNs = long.MinValue;

    private StatisticsSession(TcpAnalyzer? analyzer) => _analyzer = analyzer;

    /// <summary>True when a report needs each packet's full tree (expert messages are formatted only there).</summary>
    public bool NeedsTree => _experts is not null;
    public bool IsEmpty => _renderers.Count == 0 && _taps.Count == 0;

    /// <summary>True when a report reads collected field values (the printer then collects them for every packet).</summary>
    public bool WantsFields => _taps.Count > 0;

    /// <summary>Asks the printer's value set for the fields the reports read.</summary>
    public void WantFields(FieldValueSet values)
    {
        foreach (var t in _taps) t.Want(values);
    }

    /// <summary>Adds a report that reads collected fields; it renders with the -z reports (or writes files at the end).</summary>
    public void AddTap(IFieldTap tap)
    {
        _taps.Add(tap);
        _renderers.Add(tap.Render);
    }

    public static StatisticsSession Create(IReadOnlyList<string> specs, TcpAnalyzer? analyzer)
    {
        var s = new StatisticsSession(analyzer);
        foreach (var spec in specs) s.AddRequest(spec);
        return s;
    }

    private void AddRequest(string spec)
    {
        string[] parts = spec.Split(',');
        switch (parts[0])
        {
            case "conv" when parts.Length == 2 && ConversationKindOf(parts[1]) is { } kind:
            {
                var table = new ConversationTable(kind);
                _conversations.Add(table);
                _renderers.Add(w => new ConversationReport(table).Render(w));
                return;
            }
            case "follow" when parts.Length >= 4 && parts[1] == "tcp" && ModeOf(parts[2]) is { } mode:
            {
                string targetText = string.Join(',', parts, 3, parts.Length - 3);
                if (!FollowTarget.TryParse(targetText, out var target) || _analyzer is null)
                    throw new UsageException($"Invalid -z follow argument \"{spec}\".");
                var collector = new FollowStreamCollector(target);
                _follows.Add(collector);
                string filter = target.StreamIndex is uint index
                    ? FollowReport.StreamFilter(index)
                    : FollowReport.EndpointFilter(target.EndpointA!.Address.ToString(), target.EndpointA.Port, target.EndpointB!.Address.ToString(), target.EndpointB.Port);
                _renderers.Add(w => new FollowReport(collector.Finish(), mode, filter).Render(w));
                return;
            }
            case "expert" when parts.Length == 1:
                _experts = new ExpertSummary();
                _renderers.Add(w => new ExpertReport(_experts).Render(w));
                return;
            case "conn" when parts.Length == 1 && _analyzer is not null:
                _renderers.Add(w => new ConnReport(_analyzer.Connections(), _firstFrameNs == long.MinValue ? 0 : _firstFrameNs, _analyzer).Render(w));
                return;
            case "roles" when parts.Length == 1 && _analyzer is not null:
            {
                var roles = _roles ??= new HostRoleTracker();
                _renderers.Add(w => new RolesReport(roles.Classify()).Render(w));
                return;
            }
        }
        if (FieldTaps.TryCreate(spec, parts) is { } tap)
        {
            AddTap(tap);
            return;
        }
        throw new UsageException($"invalid -z argument \"{spec}\"; it must be one of: conv,eth|ip|ipv6|tcp|udp  follow,tcp,ascii|hex|raw,STREAM|ADDR:PORT,ADDR:PORT  expert  conn  roles  " + FieldTaps.Usage);
    }

    /// <summary>Attaches what must see segments as they are analysed (follow, roles). Call before the pass.</summary>
    public void Attach()
    {
        var observers = new List<ITcpSegmentObserver>(_follows);
        if (_roles is not null) observers.Add(_roles);
        if (_analyzer is null || observers.Count == 0) return;
        _analyzer.Observer = observers.Count == 1 ? observers[0] : new ObserverFanOut(observers);
    }

    /// <summary>Tells the taps that need them the interfaces read so far (cheap: called for every frame).</summary>
    public void UseInterfaces(IReadOnlyList<Sniffer.Capture.CaptureInterface> interfaces)
    {
        foreach (var t in _taps) if (t is IInterfaceAware a) a.UseInterfaces(interfaces);
    }

    public void Observe(ReadOnlySpan<byte> data, in PacketContext ctx, FieldTreeBuilder? tree, FieldValueSet? values = null)
    {
        if (values is not null) foreach (var t in _taps) t.Observe(data, ctx, values);
        if (_firstFrameNs == long.MinValue) _firstFrameNs = ctx.FirstTimestampNs;
        if (_conversations.Count > 0)
        {
            uint? stream = _analyzer is not null && _analyzer.TryGetStreamOf(ctx.FrameNumber, out uint s) ? s : null;
            foreach (var t in _conversations) t.Add(data, ctx, stream);
        }
        if (_experts is not null && tree is not null) _experts.Add(tree.Experts);
        _roles?.ObserveFrame(data, ctx);
    }

    public void Render(TextWriter w)
    {
        for (int i = _renderers.Count - 1; i >= 0; i--) _renderers[i](w);
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

    private static FollowMode? ModeOf(string name) => name switch
    {
        "ascii" => FollowMode.Ascii,
        "hex" => FollowMode.Hex,
        "raw" => FollowMode.Raw,
        _ => null,
    };

    private sealed class ObserverFanOut(List<ITcpSegmentObserver> targets) : ITcpSegmentObserver
    {
        public void OnSegment(TcpStreamState stream, bool fromA, uint frame, long timeNs, in TcpSegment seg, ReadOnlySpan<byte> payload)
        {
            foreach (var t in targets) t.OnSegment(stream, fromA, frame, timeNs, in seg, payload);
        }
    }
}
