using Sniffer.Analysis.Pipeline;
using Sniffer.Capture;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Fuzz;

/// <summary>
/// Mutates real frames from one layer on (the link layer, IP, a transport or an application protocol)
/// and dissects each one fully: the tree with every label made, and every field value as -T fields collects them,
/// with the stateful analysis (TCP, DNS/HTTP matching, QUIC) as the CLI runs it.
/// </summary>
public sealed class FrameTarget : FuzzTarget
{
    private const int FramesPerAnalysisSession = 512;
    private readonly string _layer;
    private readonly Func<SeedFrame, bool> _accepts;
    private readonly Lazy<SeedFrame[]> _seeds;
    private readonly FieldValueSet _values = new();
    private PacketProcessor? _processor;
    private int _framesInSession;

    public FrameTarget(string name, string layer, Func<SeedFrame, bool>? accepts = null)
    {
        Name = name;
        _layer = layer;
        _accepts = accepts ?? (s => s.Has(layer));
        _seeds = new(() => Seeds.Frames.Where(_accepts).ToArray());
        _values.WantAll();
    }

    public override string Name { get; }

    public override bool HasSeeds => _seeds.Value.Length > 0;

    public int SeedCount => _seeds.Value.Length;

    public override FuzzInput Next(Random random)
    {
        var seeds = _seeds.Value;
        var seed = seeds[random.Next(seeds.Length)];
        var other = seeds[random.Next(seeds.Length)].Data;
        // Mostly from the layer under test on; sometimes anywhere, so that the layers below vary too.
        int from = random.Next(8) == 0 ? 0 : seed.OffsetOf(_layer);
        var data = new Mutator(random).Mutate(seed.Data, from, seed.Lengths, other);
        // Now and then cut by the capture (snaplen) rather than short on the wire.
        int original = random.Next(6) == 0 ? data.Length + 1 + random.Next(1500) : data.Length;
        return FuzzInput.OfFrame(new FuzzFrame(seed.LinkType, data, original));
    }

    public override void Execute(FuzzInput input)
    {
        if (_processor is null || ++_framesInSession > FramesPerAnalysisSession)
        {
            _processor = new PacketProcessor(Sniffer.Cli.Commands.Analyzers.Create());
            _framesInSession = 0;
        }
        foreach (var frame in input.Frames!) FrameDissection.Full(_processor, frame, _values);
    }
}
