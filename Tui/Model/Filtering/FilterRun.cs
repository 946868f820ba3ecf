using Sniffer.Dissectors.Tree;

namespace Sniffer.Tui.Model.Filtering;

/// <summary>
/// Applies a filter to every indexed packet in the background (re-reading through a sequential
/// <see cref="FrameCursor"/> and dissecting with a CollectorSink), keeping up with the index while it
/// still grows. Matches appear in <see cref="Matches"/> as they are found, so the list fills in while the run goes on.
/// </summary>
public sealed class FilterRun : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PacketFilter _filter;
    private readonly CaptureIndexer _indexer;
    private Task? _task;
    private int _examined;

    public FilterRun(CaptureIndexer indexer, PacketFilter filter)
    {
        _indexer = indexer;
        _filter = filter;
    }

    public PacketFilter Filter => _filter;
    public FrameList Matches { get; } = new();
    public int Examined => Volatile.Read(ref _examined);
    public bool Completed { get; private set; }
    public event Action? Finished;

    public void Start() => _task = Task.Factory.StartNew(Run, TaskCreationOptions.LongRunning);

    public void RunToCompletion() => Run();

    public void WaitForCompletion(TimeSpan timeout) => _task?.Wait(timeout);

    private void Run()
    {
        // A private session: the UI's session (and its PacketProcessor buffers) belongs to the UI thread.
        var session = new PacketSession(_indexer, foreground: false);
        // The interim evaluator also reads the packet's protocol name and payload, so it gets a full dissection.
        if (_filter is DisplayFilterAdapter) session.DissectOnlyFor(_filter.Fields);
        var values = new FieldValueSet();
        foreach (var f in _filter.Fields) values.Want(f);
        var token = _cancel.Token;
        var conversations = _indexer.Conversations;
        FrameCursor? cursor = null; // indices go up one by one, so the frames come in file order
        try
        {
            while (!token.IsCancellationRequested)
            {
                int available = _indexer.Index.Count;
                bool indexingDone = _indexer.Completed;
                while (_examined < available && !token.IsCancellationRequested)
                {
                    int i = _examined;
                    cursor ??= _indexer.Store!.OpenCursor(); // the store is open once anything is indexed
                    var entry = _indexer.Index[i];
                    if (cursor.TryRead(entry, out var info, out var data))
                    {
                        session.Collect(i, info, data, values, out var ctx);
                        var conversation = entry.Conversation >= 0 ? conversations[entry.Conversation] : null;
                        if (_filter.Matches(new FilterInput(values, ctx, data, entry, conversation))) Matches.Add(i);
                    }
                    Volatile.Write(ref _examined, i + 1);
                }
                if (indexingDone && _examined >= _indexer.Index.Count) break;
                Thread.Sleep(20); // the index is still growing (large file or live capture)
            }
        }
        finally
        {
            Completed = true;
            Finished?.Invoke();
        }
    }

    public void Dispose()
    {
        _cancel.Cancel();
        try { _task?.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
    }
}
