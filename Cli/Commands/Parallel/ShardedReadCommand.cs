using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Sniffer.Analysis.Pipeline;
using Sniffer.Capture;
using Sniffer.Cli.Options;
using Sniffer.Dissectors.Core;

namespace Sniffer.Cli.Commands.Parallel;

/// <summary>
/// `-r FILE` on several cores: a reader thread copies frames into batches and numbers them; each shard
/// dissects, filters and prints the frames of its host pairs on its own thread; this thread writes the
/// shards' output of each batch in frame order. The output is the single pass's, byte for byte, for the
/// outputs <see cref="ShardPlan"/> lets through (none reads a number counted across connections).
/// </summary>
public sealed class ShardedReadCommand(CliOptions options, TextWriter stdout, TextWriter stderr, int shardCount)
{
    // Batches in flight: bounds the memory (about 512 KB each) whatever the capture's size.
    private const int Batches = 4;

    // About every 130,000 frames.
    private const int HeapCheckBatches = 64;

    private readonly CancellationTokenSource _cancel = new();
    private Exception? _failure;
    private CaptureError? _readError;

    public int Run(string path)
    {
        using var reader = CaptureFile.Open(path);
        using var bpf = CaptureFilters.ForFile(options.CaptureFilter);
        bool fromPcapng = reader.Format.StartsWith("pcapng", StringComparison.Ordinal);
        var shards = new Shard[shardCount];
        for (int i = 0; i < shardCount; i++) shards[i] = new Shard(i, shardCount, options, fromPcapng);
        stdout.Write(shards[0].Preamble.All);

        var free = new BlockingCollection<FrameBatch>();
        for (int i = 0; i < Batches; i++) free.Add(new FrameBatch(shardCount));
        var inOrder = new BlockingCollection<FrameBatch>();
        var queues = new BlockingCollection<FrameBatch>[shardCount];
        for (int i = 0; i < shardCount; i++) queues[i] = new BlockingCollection<FrameBatch>();

        var threads = new List<Thread> { Start("sniffer reader", () => Read(reader, bpf, free, inOrder, queues)) };
        for (int i = 0; i < shardCount; i++)
        {
            var (shard, queue) = (shards[i], queues[i]);
            threads.Add(Start($"sniffer shard {i}", () => Work(shard, queue)));
        }
        var heapBound = new HeapBound();
        long merged = 0;
        try
        {
            foreach (var batch in inOrder.GetConsumingEnumerable(_cancel.Token))
            {
                batch.WaitForShards(_cancel.Token);
                WriteInFrameOrder(batch);
                free.Add(batch);
                if (++merged % HeapCheckBatches == 0) heapBound.Check();
            }
        }
        catch (OperationCanceledException) when (_failure is not null)
        {
        }
        finally
        {
            // Also when writing failed (a closed pipe): the other threads must not wait for a batch forever.
            _cancel.Cancel();
            foreach (var thread in threads) thread.Join();
        }
        if (_failure is not null) ExceptionDispatchInfo.Capture(_failure).Throw();

        stdout.Flush();
        long treesCut = 0;
        var analyzers = new IPacketAnalyzer?[shardCount];
        for (int i = 0; i < shardCount; i++)
        {
            treesCut += shards[i].TreesCut;
            analyzers[i] = shards[i].Analyzer;
        }
        AnalysisCapsReport.Write(analyzers, stderr, treesCut);
        if (_readError is { } error)
        {
            stderr.WriteLine($"sniffer: {error}");
            return 2;
        }
        return 0;
    }

    private static Thread Start(string name, Action body)
    {
        var thread = new Thread(new ThreadStart(body)) { IsBackground = true, Name = name };
        thread.Start();
        return thread;
    }

    private void Fail(Exception e)
    {
        Interlocked.CompareExchange(ref _failure, e, null);
        _cancel.Cancel();
    }

    private void Read(ICaptureReader reader, OfflineBpfFilter? bpf, BlockingCollection<FrameBatch> free,
        BlockingCollection<FrameBatch> inOrder, BlockingCollection<FrameBatch>[] queues)
    {
        try
        {
            long limit = options.PacketLimit ?? long.MaxValue;
            uint number = 0;
            long firstTs = 0, previousTs = 0;
            IReadOnlyList<CaptureInterface> interfaces = Array.Empty<CaptureInterface>();
            FrameBatch? batch = null;
            while (number < limit && reader.TryRead(out var info, out var data))
            {
                if (bpf is not null && !bpf.Matches(info, data)) continue;
                number++;
                if (number == 1) firstTs = previousTs = info.TimestampNs;
                if (reader.Interfaces.Count != interfaces.Count) interfaces = reader.Interfaces.ToArray();
                if (batch is not null && (!batch.Fits(data.Length) || batch.Interfaces != interfaces))
                {
                    Publish(batch, inOrder, queues);
                    batch = null;
                }
                if (batch is null)
                {
                    batch = free.Take(_cancel.Token);
                    batch.Start(number, firstTs, previousTs, interfaces);
                }
                batch.Add(info, data, ShardKey.Of(data, info.LinkType, queues.Length));
                previousTs = info.TimestampNs;
            }
            if (batch is not null) Publish(batch, inOrder, queues);
            _readError = reader.Error;
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            Fail(e);
        }
        finally
        {
            inOrder.CompleteAdding();
            foreach (var queue in queues) queue.CompleteAdding();
        }
    }

    private static void Publish(FrameBatch batch, BlockingCollection<FrameBatch> inOrder, BlockingCollection<FrameBatch>[] queues)
    {
        inOrder.Add(batch);
        foreach (var queue in queues) queue.Add(batch);
    }

    private void Work(Shard shard, BlockingCollection<FrameBatch> queue)
    {
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable(_cancel.Token))
            {
                shard.Dissect(batch);
                batch.Finished();
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    /// <summary>Merges the shards' pieces of a batch by frame number; runs of one shard go out as one write.</summary>
    private void WriteInFrameOrder(FrameBatch batch)
    {
        var outputs = batch.Outputs;
        Span<int> next = stackalloc int[outputs.Length];
        while (true)
        {
            int best = -1;
            uint bestFrame = uint.MaxValue, runnerUp = uint.MaxValue;
            for (int s = 0; s < outputs.Length; s++)
            {
                if (next[s] == outputs[s].PieceCount) continue;
                uint frame = outputs[s].FrameOf(next[s]);
                if (frame < bestFrame)
                {
                    runnerUp = bestFrame;
                    bestFrame = frame;
                    best = s;
                }
                else if (frame < runnerUp)
                {
                    runnerUp = frame;
                }
            }
            if (best < 0) return;
            var output = outputs[best];
            int first = next[best], end = first + 1;
            while (end < output.PieceCount && output.FrameOf(end) < runnerUp) end++;
            stdout.Write(output.Pieces(first, end));
            next[best] = end;
        }
    }
}
