using Sniffer.Analysis.Pipeline;
using Sniffer.Analysis.Tcp;
using Sniffer.Analysis.Web;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Tui.Model;

/// <summary>
/// The page-load timeline of the capture on screen, built by a pass of its own (its own analysis, so the indexer's
/// is never touched) that starts when the Timeline view first opens and follows the index as it grows: during a
/// live capture new requests appear as their frames arrive. Snapshots are taken under a lock.
/// </summary>
public sealed class TimelineModel : IDisposable
{
    private readonly PacketSession _session;
    private readonly CancellationTokenSource _cancel = new();
    private readonly object _lock = new();
    private readonly WebActivity _activity = new();
    private Task? _task;
    private int _processed;

    public TimelineModel(PacketSession session) => _session = session;

    /// <summary>Frames fed to the timeline so far; it grows while the capture is indexed.</summary>
    public int Processed => Volatile.Read(ref _processed);
    public bool Finished { get; private set; }
    /// <summary>Changes whenever new frames were fed (the view redraws when it does).</summary>
    public int Version { get; private set; }

    public void Start() => _task ??= Task.Factory.StartNew(Run, TaskCreationOptions.LongRunning);

    /// <summary>Feeds every frame indexed so far on the calling thread (tests).</summary>
    public void RunToCurrent() => Feed(CancellationToken.None, untilIndexed: true);

    private void Run()
    {
        try { Feed(_cancel.Token, untilIndexed: false); }
        catch (OperationCanceledException) { }
    }

    private void Feed(CancellationToken token, bool untilIndexed)
    {
        var processor = new PacketProcessor(new AnalyzerSet(new TcpAnalyzer(new TcpAnalyzerOptions { RememberFrames = false }), rememberFrames: false));
        var values = new FieldValueSet();
        WebFields.WantAll(values);
        while (!token.IsCancellationRequested)
        {
            int available = _session.Count;
            if (_processed >= available)
            {
                if (untilIndexed || _session.Indexer.Completed && _processed >= _session.Count) break;
                Thread.Sleep(200);
                continue;
            }
            for (int i = _processed; i < available && !token.IsCancellationRequested; i++)
            {
                if (!_session.TryReadFrame(i, out var info, out var data)) continue;
                processor.UseInterfaces(_session.Indexer.Store?.Interfaces ?? Array.Empty<Sniffer.Capture.CaptureInterface>());
                var ctx = processor.Next(info, wantColumns: false, wantProtocols: false);
                values.Clear();
                var sink = new CollectorSink(values);
                try { PacketProcessor.Dissect(data, ref ctx, ref sink); }
                catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or InvalidOperationException) { continue; }
                lock (_lock)
                {
                    _activity.Observe(data, ctx, values);
                    Volatile.Write(ref _processed, i + 1);
                    Version++;
                }
            }
        }
        Finished = _session.Indexer.Completed;
    }

    /// <summary>The rows as they stand.</summary>
    public PageLoad Snapshot()
    {
        lock (_lock) return PageLoad.Build(_activity);
    }

    public void Dispose()
    {
        _cancel.Cancel();
        try { _task?.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
        _cancel.Dispose();
    }

    /// <summary>A display filter for the frames of one row: its connection's frames in the row's span, and its DNS query and answer.</summary>
    public static string FilterFor(PageLoadRow row)
    {
        uint first = uint.MaxValue, last = 0;
        foreach (var p in row.Phases)
        {
            if (p.Kind == PhaseKind.Dns) continue;
            first = Math.Min(first, p.Start.Frame);
            last = Math.Max(last, p.End.Frame);
        }
        string tcp = first <= last
            ? $"(tcp.stream == {row.Connection.Stream} && frame.number >= {first} && frame.number <= {last})"
            : $"tcp.stream == {row.Connection.Stream}";
        if (row.Find(PhaseKind.Dns) is { } dns) tcp += $" || frame.number == {dns.Start.Frame} || frame.number == {dns.End.Frame}";
        return tcp;
    }
}
