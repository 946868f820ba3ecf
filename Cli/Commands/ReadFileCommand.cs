using Sniffer.Analysis.Pipeline;
using Sniffer.Analysis.Tcp;
using Sniffer.Capture;
using Sniffer.Cli.Options;

namespace Sniffer.Cli.Commands;

/// <summary>
/// `-r FILE`: reads a capture once, front to back; each packet that passes -f (offline BPF) goes to the
/// printer (and to the -z statistics); with -w, the packets that pass -Y are written to a new capture file.
/// </summary>
public sealed class ReadFileCommand(CliOptions options, TextWriter stdout, TextWriter stderr)
{
    public int Run(string path)
    {
        int shards = Parallel.ShardPlan.ShardsFor(options);
        if (shards > 1) return new Parallel.ShardedReadCommand(options, stdout, stderr, shards).Run(path);
        using var firstReader = CaptureFile.Open(path);
        var reader = firstReader;
        using var bpf = CaptureFilters.ForFile(options.CaptureFilter);
        var analyzer = Analyzers.Create(rememberFrames: options.TwoPass, keepConnections: Analyzers.NeedsConnections(options.Statistics));
        var statistics = StatisticsSession.Create(options.Statistics, Analyzers.TcpOf(analyzer));
        foreach (var export in FieldTaps.Exports(options, Path.GetFileName(path))) statistics.AddTap(export);
        statistics.Attach();
        var processor = new PacketProcessor(analyzer)
        {
            FromPcapng = reader.Format.StartsWith("pcapng", StringComparison.Ordinal),
        };
        if (options.TwoPass) reader = FirstPass(path, bpf, processor, firstReader);
        using var secondReader = reader != firstReader ? reader : null;
        using var printer = new PacketPrinter(options, stdout, processor, print: options.WriteFile is null, statistics);
        ICaptureWriter? writer = null;
        try
        {
            long limit = options.PacketLimit ?? long.MaxValue;
            long read = 0;
            while (read < limit && reader.TryRead(out var info, out var data))
            {
                if (bpf is not null && !bpf.Matches(info, data)) continue;
                read++;
                processor.UseInterfaces(reader.Interfaces);
                statistics.UseInterfaces(reader.Interfaces);
                if (!printer.Handle(info, data)) continue;
                if (options.WriteFile is not null)
                {
                    writer ??= CaptureWriterFactory.Create(options.WriteFile, CaptureFilters.WriteFormat(options), reader.Interfaces);
                    writer.Write(info, data);
                }
            }
        }
        finally
        {
            writer?.Dispose();
        }
        statistics.Render(stdout);
        stdout.Flush();
        AnalysisCapsReport.Write(analyzer, stderr, printer.TreesCut);

        if (reader.Error is { } error)
        {
            stderr.WriteLine($"sniffer: {error}");
            return 2;
        }
        return 0;
    }

    /// <summary>
    /// tshark -2: dissect every frame once without output so that the analysis knows the whole
    /// capture (a request then shows the frame of its response), and reopen it for the printed pass.
    /// </summary>
    private static ICaptureReader FirstPass(string path, OfflineBpfFilter? bpf, PacketProcessor processor, ICaptureReader reader)
    {
        while (reader.TryRead(out var info, out var data))
        {
            if (bpf is not null && !bpf.Matches(info, data)) continue;
            processor.UseInterfaces(reader.Interfaces);
            var ctx = processor.Next(info, wantColumns: false, wantProtocols: false);
            var sink = new Sniffer.Dissectors.Tree.NullSink();
            PacketProcessor.Dissect(data, ref ctx, ref sink);
        }
        processor.Rewind();
        return CaptureFile.Open(path);
    }
}
