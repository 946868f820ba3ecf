using System.IO.Compression;
using Sniffer.Analysis.Ip;
using Sniffer.Analysis.Pipeline;
using Sniffer.Analysis.Tcp;
using Sniffer.Capture;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Tui.Model;

/// <summary>
/// The one sequential pass over a capture: reads every frame in the background, dissects it on the
/// fast path (no tree, no columns) and appends its index entry, conversation and colour. The UI shows
/// rows as soon as they are indexed. Sequential order matters: TCP analysis is only right in a first pass.
/// </summary>
public sealed class CaptureIndexer : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private Task? _task;
    private long _bytesRead;
    private string? _tempFile;

    public CaptureIndexer(string path) => Path = path;

    public string Path { get; }
    public PacketIndex Index { get; } = new();
    public ConversationTable Conversations { get; } = new();
    public ExpertLog Experts { get; } = new();

    /// <summary>TCP analysis: filled by the indexing pass, read by every later re-dissection.</summary>
    public SynchronizedAnalyzer Analyzer { get; } = new(new CombinedAnalyzer(new TcpAnalyzer(), new FragmentTable()));

    /// <summary>Set once the file is open (the first frames may not be indexed yet).</summary>
    public FrameStore? Store { get; private set; }
    public string Format { get; private set; } = "";
    public bool FromPcapng { get; private set; }
    public long TotalBytes { get; private set; }
    public long BytesRead => Volatile.Read(ref _bytesRead);
    public bool Completed { get; private set; }
    public string? Error { get; private set; }
    public TimeSpan Elapsed => _clock.Elapsed;
    private readonly System.Diagnostics.Stopwatch _clock = new();

    /// <summary>Fires on the indexer thread when indexing stops (done, failed or cancelled).</summary>
    public event Action? Finished;

    public void Start()
    {
        _clock.Start();
        _task = Task.Factory.StartNew(Run, TaskCreationOptions.LongRunning);
    }

    /// <summary>Indexes on the calling thread (tests, small files).</summary>
    public void RunToCompletion()
    {
        _clock.Start();
        Run();
    }

    public void WaitForCompletion(TimeSpan timeout) => _task?.Wait(timeout);

    private void Run()
    {
        try
        {
            string path = PrepareSeekableFile(Path);
            TotalBytes = new FileInfo(path).Length;
            using var reader = CaptureFile.Open(path);
            Format = reader.Format;
            FromPcapng = reader.Format.StartsWith("pcapng", StringComparison.Ordinal);
            var store = new FrameStore(path, FromPcapng) { DefaultLinkType = reader.LinkType };
            store.UpdateInterfaces(reader.Interfaces);
            Store = store;
            IndexFrames(reader, store);
            if (reader.Error is { } error) Error = error.Message;
        }
        catch (CaptureOpenException e) { Error = e.Message; }
        catch (IOException e) { Error = e.Message; }
        catch (UnauthorizedAccessException e) { Error = e.Message; }
        finally
        {
            _clock.Stop();
            Completed = true;
            Finished?.Invoke();
        }
    }

    private void IndexFrames(ICaptureReader reader, FrameStore store)
    {
        var processor = new PacketProcessor(Analyzer) { FromPcapng = FromPcapng };
        int interfacesSeen = reader.Interfaces.Count;
        processor.UseInterfaces(reader.Interfaces);
        var notes = new List<ExpertDef>();
        var token = _cancel.Token;
        while (!token.IsCancellationRequested && reader.TryRead(out var info, out var data))
        {
            if (reader.Interfaces.Count != interfacesSeen)
            {
                interfacesSeen = reader.Interfaces.Count;
                store.UpdateInterfaces(reader.Interfaces);
                processor.UseInterfaces(reader.Interfaces);
            }
            var ctx = processor.Next(info, wantColumns: false, wantProtocols: false);
            notes.Clear();
            var sink = new ExpertSink(notes);
            try { PacketProcessor.Dissect(data, ref ctx, ref sink); }
            catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or InvalidOperationException)
            {
                ctx.Malformed = true; // a dissector bug must not stop indexing; the row shows as malformed
            }
            int frameIndex = Index.Count;
            var transport = TransportPeek.Read(data, ctx.Layers);
            int conversationId = -1;
            if (FlowKey.TryCreate(data, ctx.Layers, transport, out var key, out bool fromA))
            {
                var conversation = Conversations.Observe(key, fromA, frameIndex, info.TimestampNs, info.OriginalLength);
                conversationId = conversation.Id;
                // The side sending the first SYN (without ACK) is the client, whoever spoke first in the capture.
                if (transport.IsTcp && transport.Has(TcpSegment.Syn) && !transport.Has(TcpSegment.AckFlag)) conversation.ClientIsA = fromA;
            }
            var colour = RowColours.Classify(ctx, transport, data);
            Index.Add(new IndexEntry(info.FileOffset, info.TimestampNs, info.OriginalLength, conversationId, colour));
            foreach (var note in notes) Experts.Add(new ExpertEntry(frameIndex, note.Severity, ExpertDef.GroupName(note.Group), note.Message));
            if (ctx.Malformed && notes.Count == 0) Experts.Add(new ExpertEntry(frameIndex, ExpertSeverity.Error, "Malformed", $"Malformed packet ({ctx.Protocol})"));
            Volatile.Write(ref _bytesRead, info.FileOffset + data.Length);
        }
        Volatile.Write(ref _bytesRead, TotalBytes);
    }

    /// <summary>Gzip files are decompressed once to a temporary file: random access needs a seekable file.</summary>
    private string PrepareSeekableFile(string path)
    {
        using (var probe = File.OpenRead(path))
        {
            if (probe.ReadByte() != 0x1F || probe.ReadByte() != 0x8B) return path;
        }
        _tempFile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sniffer-{Environment.ProcessId}-{Guid.NewGuid():N}.pcap");
        using var input = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var output = File.Create(_tempFile);
        try { input.CopyTo(output); }
        catch (InvalidDataException) { /* keep what decompressed; the reader reports the cut */ }
        return _tempFile;
    }

    public void Dispose()
    {
        _cancel.Cancel();
        try { _task?.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
        Store?.Dispose();
        if (_tempFile is not null) try { File.Delete(_tempFile); } catch (IOException) { }
    }
}
