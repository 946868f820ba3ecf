using System.IO.Compression;
using Sniffer.Analysis.Pipeline;
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
        var processor = new PacketProcessor(analyzer: null) { FromPcapng = FromPcapng };
        int interfacesSeen = reader.Interfaces.Count;
        processor.UseInterfaces(reader.Interfaces);
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
            var sink = new NullSink();
            try { PacketProcessor.Dissect(data, ref ctx, ref sink); }
            catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or InvalidOperationException)
            {
                ctx.Malformed = true; // a dissector bug must not stop indexing; the row shows as malformed
            }
            int frameIndex = Index.Count;
            var transport = TransportPeek.Read(data, ctx.Layers);
            int conversationId = -1;
            bool retransmission = false;
            if (FlowKey.TryCreate(data, ctx.Layers, transport, out var key, out bool fromA))
            {
                var conversation = Conversations.Observe(key, fromA, frameIndex, info.TimestampNs, info.OriginalLength);
                conversationId = conversation.Id;
                if (transport.IsTcp) retransmission = InterimTcpAnalysis.Observe(conversation, transport, fromA);
            }
            var colour = RowColours.Classify(ctx, transport, data, retransmission);
            Index.Add(new IndexEntry(info.FileOffset, info.TimestampNs, info.OriginalLength, conversationId, colour));
            NoteExperts(frameIndex, ctx, transport, retransmission);
            Volatile.Write(ref _bytesRead, info.FileOffset + data.Length);
        }
        Volatile.Write(ref _bytesRead, TotalBytes);
    }

    private void NoteExperts(int frameIndex, in PacketContext ctx, in TransportPeek transport, bool retransmission)
    {
        if (ctx.Malformed) Experts.Add(new ExpertEntry(frameIndex, ExpertSeverity.Error, "Malformed", $"Malformed packet ({ctx.Protocol})"));
        if (retransmission) Experts.Add(new ExpertEntry(frameIndex, ExpertSeverity.Note, "Sequence", "This frame is a (suspected) retransmission"));
        if (transport.IsTcp && transport.Has(TcpSegment.Rst)) Experts.Add(new ExpertEntry(frameIndex, ExpertSeverity.Warning, "Sequence", "Connection reset (RST)"));
        if (transport.IsTcp && transport.Has(TcpSegment.Syn) && !transport.Has(TcpSegment.AckFlag))
            Experts.Add(new ExpertEntry(frameIndex, ExpertSeverity.Chat, "Sequence", "Connection establish request (SYN)"));
        if (transport.IsTcp && transport.Has(TcpSegment.Syn) && transport.Has(TcpSegment.AckFlag))
            Experts.Add(new ExpertEntry(frameIndex, ExpertSeverity.Chat, "Sequence", "Connection establish acknowledge (SYN+ACK)"));
        if (transport.IsTcp && transport.Has(TcpSegment.Fin))
            Experts.Add(new ExpertEntry(frameIndex, ExpertSeverity.Chat, "Sequence", "Connection finish (FIN)"));
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
