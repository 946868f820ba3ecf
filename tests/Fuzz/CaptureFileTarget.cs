using System.IO.Compression;
using Sniffer.Analysis.Pipeline;
using Sniffer.Capture;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Fuzz;

/// <summary>
/// Mutates whole small capture files (pcap, pcapng, or gzip: either its compressed bytes or the file
/// inside, compressed again) and reads them to the end through <see cref="CaptureFile.OpenStream"/>,
/// dissecting each frame's fields. A file Sniffer refuses (<see cref="CaptureOpenException"/>) or stops
/// reading at its damage (<see cref="ICaptureReader.Error"/>) is fine; any other exception is not.
/// </summary>
public sealed class CaptureFileTarget : FuzzTarget
{
    public enum Kind { Pcap, Pcapng, Gzip }

    private readonly Kind _kind;
    private readonly Lazy<byte[][]> _seeds;
    private readonly FieldValueSet _values = new();

    public CaptureFileTarget(Kind kind)
    {
        _kind = kind;
        _seeds = new(() => LoadSeeds(kind));
        _values.WantAll();
    }

    public override string Name => _kind.ToString().ToLowerInvariant();

    public override long AllocationBudget => 256L << 20;

    public override bool HasSeeds => _seeds.Value.Length > 0;

    private static byte[][] LoadSeeds(Kind kind)
    {
        var plain = Seeds.Files.Select(f => f.Bytes).Where(b => b.Length >= 4 && !IsGzip(b)).ToList();
        return kind switch
        {
            Kind.Pcapng => plain.Where(b => b[0] == 0x0A && b[1] == 0x0D && b[2] == 0x0D && b[3] == 0x0A).ToArray(),
            Kind.Pcap => plain.Where(b => !(b[0] == 0x0A && b[1] == 0x0D)).ToArray(),
            _ => Seeds.Files.Select(f => f.Bytes).Where(IsGzip).Concat(plain.Take(40).Select(Gzip)).ToArray(),
        };
    }

    private static bool IsGzip(byte[] b) => b.Length >= 2 && b[0] == 0x1F && b[1] == 0x8B;

    public override FuzzInput Next(Random random)
    {
        var seeds = _seeds.Value;
        var seed = seeds[random.Next(seeds.Length)];
        var other = seeds[random.Next(seeds.Length)];
        var mutator = new Mutator(random);
        if (_kind == Kind.Gzip && random.Next(2) == 0)
        {
            // A well-formed gzip stream of a damaged capture: the reader sees the damage through GZipStream.
            var inside = Gunzip(seed);
            if (inside is not null) return FuzzInput.OfFile(Gzip(mutator.Mutate(inside, 0, [], other)));
        }
        return FuzzInput.OfFile(mutator.Mutate(seed, 0, [], other));
    }

    public override void Execute(FuzzInput input)
    {
        try
        {
            using var reader = CaptureFile.OpenStream(new MemoryStream(input.File!, writable: false), "fuzz-input");
            _ = reader.Format; _ = reader.Interfaces.Count; _ = reader.Comments.Count;
            var processor = new PacketProcessor();
            processor.UseInterfaces(reader.Interfaces);
            while (reader.TryRead(out var info, out var data))
            {
                _ = reader.FrameComment;
                FrameDissection.Fields(info, data, _values);
            }
            _ = reader.Error?.ToString();
        }
        catch (CaptureOpenException)
        {
            // Refused with a message for the user: the expected outcome for most damaged headers.
        }
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(bytes);
        return output.ToArray();
    }

    private static byte[]? Gunzip(byte[] bytes)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
