using System.IO.Compression;
using Sniffer.Analysis.Pipeline;
using Sniffer.Analysis.Roles;
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

    public CaptureIndexer(string path)
    {
        Path = path;
        // No -z conn here: keeping a summary of every released stream would grow with the capture for nothing.
        Analyzer = new AnalyzerSet(new TcpAnalyzer(new TcpAnalyzerOptions { KeepConnections = false }) { Observer = Hosts });
    }

    /// <summary>What the UI shows about a running live capture.</summary>
    public sealed class LiveState(string interfaceName, bool keepSpool)
    {
        public string InterfaceName { get; } = interfaceName;
        /// <summary>True when the spool is the user's -w file (nothing to save on quit).</summary>
        public bool KeepSpool { get; } = keepSpool;
        public bool Saved { get; set; }
        public LiveCapture? Capture { get; internal set; }
        public string? Stopped { get; internal set; }
    }

    public string Path { get; }
    public PacketIndex Index { get; } = new();
    public ConversationTable Conversations { get; } = new();
    public ExpertLog Experts { get; } = new();

    /// <summary>
    /// The stateful analyses (TCP, reassembly, DNS/HTTP matching, TLS), as the CLI builds them: filled by
    /// the indexing pass, read by every later re-dissection.
    /// </summary>
    public IPacketAnalyzer Analyzer { get; }

    /// <summary>Who connects to whom, for the Hosts view: fed by the indexing pass (TCP through the analyzer).</summary>
    public HostRoleTracker Hosts { get; } = new();

    /// <summary>
    /// Held around every dissection that uses <see cref="Analyzer"/>: the first pass (indexer thread)
    /// grows its tables while revisits (UI, filter threads) read them, and the dissectors keep using
    /// reassembly state after the analyzer call returns, so the whole dissection is the unit.
    /// Uncontended almost always; one packet's dissection takes microseconds.
    /// </summary>
    public AnalysisGate AnalysisGate { get; } = new();

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

    /// <summary>
    /// Set by the UI once its first screen is drawn. Until then the indexer stops after a first
    /// screenful of packets, so the two do not compete for the CPU while the user waits to see rows.
    /// </summary>
    public ManualResetEventSlim FirstScreenShown { get; } = new(false);

    /// <summary>Drop first-pass-only analysis state once the file is read (tests turn it off to compare).</summary>
    public bool ReleaseStateWhenDone { get; init; } = true;

    /// <summary>Packets indexed before waiting for <see cref="FirstScreenShown"/> (0: never wait).</summary>
    public int PauseForFirstScreenAfter { get; set; }

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
            if (!_cancel.IsCancellationRequested && ReleaseStateWhenDone) ReleaseFirstPassState();
        }
        catch (CaptureOpenException e) { Error = e.Message; }
        catch (IOException e) { Error = e.Message; }
        catch (UnauthorizedAccessException e) { Error = e.Message; }
        catch (OperationCanceledException) { } // closed while waiting for the first screen
        finally
        {
            _clock.Stop();
            Completed = true;
            Finished?.Invoke();
        }
    }

    private PacketProcessor? _processor;
    private readonly HeapBound _heapBound = new();
    private readonly List<ExpertDef> _notes = new();

    private void IndexFrames(ICaptureReader reader, FrameStore store)
    {
        _processor = new PacketProcessor(Analyzer) { FromPcapng = FromPcapng };
        int interfacesSeen = reader.Interfaces.Count;
        _processor.UseInterfaces(reader.Interfaces);
        var token = _cancel.Token;
        while (!token.IsCancellationRequested && reader.TryRead(out var info, out var data))
        {
            if (reader.Interfaces.Count != interfacesSeen)
            {
                interfacesSeen = reader.Interfaces.Count;
                store.UpdateInterfaces(reader.Interfaces);
                _processor.UseInterfaces(reader.Interfaces);
            }
            IndexFrame(info, data);
            Volatile.Write(ref _bytesRead, info.FileOffset + data.Length);
            if (Index.Count == PauseForFirstScreenAfter) FirstScreenShown.Wait(TimeSpan.FromSeconds(3), token);
            if ((Index.Count & 0xFFFF) == 0) _heapBound.Check();
        }
        Volatile.Write(ref _bytesRead, TotalBytes);
    }

    /// <summary>
    /// The file has been read to its end: the analyses drop what only the first pass needed, and one
    /// compacting collection returns it (and the garbage of the pass) to the system, so the TUI holds
    /// what revisits read and little more. A single pause of a fraction of a second, once.
    /// </summary>
    private void ReleaseFirstPassState()
    {
        using (AnalysisGate.Background())
        {
            (Analyzer as AnalyzerSet)?.ReleaseFirstPassState();
            Hosts.ReleaseFirstPassState();
        }
        HeapBound.Compact();
    }

    /// <summary>Dissects one frame on the fast path and appends its entry, conversation, colour and notes.</summary>
    private void IndexFrame(in FrameInfo info, ReadOnlySpan<byte> data)
    {
        var ctx = _processor!.Next(info, wantColumns: false, wantProtocols: false);
        _notes.Clear();
        var sink = new ExpertSink(_notes);
        try
        {
            using var turn = AnalysisGate.Background();
            PacketProcessor.Dissect(data, ref ctx, ref sink);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or InvalidOperationException)
        {
            ctx.Malformed = true; // a dissector bug must not stop indexing; the row shows as malformed
        }
        int frameIndex = Index.Count;
        Hosts.ObserveFrame(data, ctx);
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
        Index.Add(new IndexEntry(info.FileOffset, info.TimestampNs, conversationId, colour));
        foreach (var note in _notes) Experts.Add(frameIndex, note);
        if (ctx.Malformed && _notes.Count == 0) Experts.Add(frameIndex, null);
    }

    /// <summary>
    /// Live mode: captures from an interface (CaptureSession), spools every frame to a pcap file and
    /// indexes it as it arrives; the UI then treats the spool like any capture file.
    /// </summary>
    public static CaptureIndexer StartLive(LiveCaptureOptions capture, string spoolPath, bool keepSpool)
    {
        var indexer = new CaptureIndexer(spoolPath) { Live = new LiveState(capture.Interface, keepSpool) };
        indexer._clock.Start();
        indexer._task = Task.Factory.StartNew(() => indexer.RunLive(capture), TaskCreationOptions.LongRunning);
        return indexer;
    }

    /// <summary>Set for a live capture: interface, statistics, and whether the spool is already the user's file.</summary>
    public LiveState? Live { get; private init; }

    private void RunLive(LiveCaptureOptions capture)
    {
        PcapSpool? spool = null;
        try
        {
            Format = "pcap";
            var session = new CaptureSession(new CaptureSessionOptions
            {
                Capture = capture,
                HandleSignals = false, // the UI owns Ctrl+C
                OnStarted = started =>
                {
                    spool = new PcapSpool(Path, started.LinkType, started.SnapLength);
                    var store = new FrameStore(Path, isPcapng: false) { DefaultLinkType = started.LinkType };
                    _processor = new PacketProcessor(Analyzer);
                    Store = store;
                    Live!.Capture = started;
                },
                OnFrame = (long _, in FrameInfo info, ReadOnlySpan<byte> data) =>
                {
                    long offset = spool!.Append(info, data);
                    IndexFrame(info with { FileOffset = offset }, data);
                    TotalBytes = spool.Length;
                    Volatile.Write(ref _bytesRead, spool.Length);
                },
            });
            var result = session.RunAsync(_cancel.Token).GetAwaiter().GetResult();
            Live!.Stopped = result.Reason.ToString();
        }
        catch (LiveCaptureException e) { Error = e.Message; }
        catch (BpfFilterException e) { Error = e.Message; }
        catch (OperationCanceledException) { }
        finally
        {
            spool?.Dispose();
            _clock.Stop();
            Completed = true;
            Finished?.Invoke();
        }
    }

    /// <summary>Stops a live capture (the frames so far stay indexed).</summary>
    public void Stop() => _cancel.Cancel();

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
        if (Live is { KeepSpool: false }) try { File.Delete(Path); } catch (IOException) { } // saved copies live on
        if (_tempFile is not null) try { File.Delete(_tempFile); } catch (IOException) { }
    }
}
