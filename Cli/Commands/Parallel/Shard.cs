using Sniffer.Analysis.Pipeline;
using Sniffer.Cli.Options;
using Sniffer.Dissectors.Core;

namespace Sniffer.Cli.Commands.Parallel;

/// <summary>
/// One of the independent analyses of a parallel read: its own analyzer, processor and printer, fed the
/// frames of its host pairs (<see cref="ShardKey"/>) with their capture numbers and times.
/// </summary>
public sealed class Shard
{
    private readonly int _index;
    private readonly PacketProcessor _processor;
    private readonly PacketPrinter _printer;
    private readonly ShardWriter _writer = new();

    public Shard(int index, int shards, CliOptions options, bool fromPcapng)
    {
        _index = index;
        Analyzer = Analyzers.Create(rememberFrames: false, keepConnections: false, shareOf: shards);
        _processor = new PacketProcessor(Analyzer) { FromPcapng = fromPcapng };
        // Whatever the printer writes before the first frame (a -E header=y line) is kept apart.
        _writer.Target = Preamble;
        _printer = new PacketPrinter(options, _writer, _processor, print: true);
    }

    public IPacketAnalyzer? Analyzer { get; }

    /// <summary>Text printed before any frame (the same for every shard).</summary>
    public ShardText Preamble { get; } = new();

    /// <inheritdoc cref="PacketPrinter.TreesCut"/>
    public long TreesCut => _printer.TreesCut;

    /// <summary>Dissects and prints this shard's frames of <paramref name="batch"/>, in their order.</summary>
    public void Dissect(FrameBatch batch)
    {
        var output = batch.Outputs[_index];
        _writer.Target = output;
        _processor.UseInterfaces(batch.Interfaces);
        for (int i = 0; i < batch.Count; i++)
        {
            if (batch.ShardOf(i) != _index) continue;
            uint number = batch.FirstNumber + (uint)i;
            _processor.Follow(number - 1, batch.CaptureStartNs, batch.PreviousTimestampOf(i));
            if (_printer.Handle(batch.Info(i), batch.Data(i))) output.EndPiece(number);
        }
    }
}
