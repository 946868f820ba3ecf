using System.Buffers.Binary;
using Sniffer.Analysis.Pipeline;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Fuzz;

/// <summary>
/// Feeds the TCP analyzer (and reassembly, and the application layers above it) mutated streams:
/// a real capture's TCP frames with segments reordered, duplicated, dropped, shifted in sequence space
/// so that they overlap, with flags, acks and windows changed, and their payload mutated.
/// </summary>
public sealed class TcpStreamTarget : FuzzTarget
{
    private const int MaxFramesPerInput = 64;
    private readonly Lazy<SeedFrame[][]> _streams = new(LoadStreams);
    private readonly FieldValueSet _values = new();

    public TcpStreamTarget() => _values.WantAll();

    public override string Name => "tcpstream";

    public override long AllocationBudget => 128L << 20;

    public override bool HasSeeds => _streams.Value.Length > 0;

    /// <summary>The TCP frames of each capture, in capture order, in windows of at most 64 frames.</summary>
    private static SeedFrame[][] LoadStreams() =>
        Seeds.Frames.Where(s => s.Has("tcp") && s.Data.Length - s.OffsetOf("tcp") >= 20)
            .GroupBy(s => (s.Source, s.LinkType))
            .SelectMany(g => g.Chunk(MaxFramesPerInput))
            .Where(c => c.Length >= 2)
            .ToArray();

    public override FuzzInput Next(Random random)
    {
        var stream = _streams.Value[random.Next(_streams.Value.Length)];
        var frames = stream.Select(s => (Seed: s, Data: (byte[])s.Data.Clone())).ToList();
        var mutator = new Mutator(random);
        int edits = 1 + random.Next(12);
        for (int e = 0; e < edits && frames.Count > 0; e++)
        {
            int i = random.Next(frames.Count);
            var (seed, data) = frames[i];
            int tcp = seed.OffsetOf("tcp");
            switch (random.Next(8))
            {
                case 0: (frames[i], frames[random.Next(frames.Count)]) = (frames[random.Next(frames.Count)], frames[i]); break; // reorder
                case 1: if (frames.Count < MaxFramesPerInput * 2) frames.Insert(random.Next(frames.Count + 1), (seed, (byte[])data.Clone())); break; // retransmit
                case 2: frames.RemoveAt(i); break; // lost
                case 3: // shift the sequence number: overlaps, gaps, wraparound
                    if (tcp + 8 <= data.Length)
                    {
                        uint seq = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(tcp + 4));
                        int shift = random.Next(4) == 0 ? random.Next() : random.Next(-3000, 3000);
                        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(tcp + 4), unchecked(seq + (uint)shift));
                    }
                    break;
                case 4: // ack number
                    if (tcp + 12 <= data.Length) BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(tcp + 8), (uint)random.Next());
                    break;
                case 5: // flags
                    if (tcp + 14 <= data.Length) data[tcp + 13] = (byte)random.Next(256);
                    break;
                case 6: // window, zero now and then
                    if (tcp + 16 <= data.Length) BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(tcp + 14), random.Next(3) == 0 ? (ushort)0 : (ushort)random.Next(65536));
                    break;
                default: // the segment's header options and payload
                    frames[i] = (seed, mutator.Mutate(data, tcp + 12, seed.Lengths, frames[random.Next(frames.Count)].Data));
                    break;
            }
        }
        return new FuzzInput(frames.Select(f => new FuzzFrame(f.Seed.LinkType, f.Data, f.Data.Length)).ToList(), null);
    }

    public override void Execute(FuzzInput input)
    {
        var processor = new PacketProcessor(Sniffer.Cli.Commands.Analyzers.Create());
        foreach (var frame in input.Frames!) FrameDissection.Full(processor, frame, _values);
    }
}
