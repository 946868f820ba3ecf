using System.Buffers.Binary;
using Sniffer.Capture;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Frame;
using Sniffer.Dissectors.Tree;
using Sniffer.Tests;

namespace Sniffer.Fuzz;

/// <summary>
/// The seeds: frames of the bundled samples and of the shared conformance corpus (when it is there),
/// each also re-framed as Linux SLL, raw IP and BSD loopback so that every link type has IP seeds;
/// and the small capture files themselves for the reader targets.
/// </summary>
public static class Seeds
{
    private const int FramesPerFile = 120;
    private const int MaxFrameBytes = 9000;
    private const int MaxFileBytes = 48 * 1024;
    private static readonly string[] Layers = ["eth", "sll", "null", "ip", "ipv6", "tcp", "udp", "icmp", "icmpv6", "dns", "http", "tls", "quic", "sflow"];

    private static readonly Lazy<IReadOnlyList<SeedFrame>> s_frames = new(LoadFrames);
    private static readonly Lazy<IReadOnlyList<(string Path, byte[] Bytes)>> s_files = new(LoadFiles);

    public static IReadOnlyList<SeedFrame> Frames => s_frames.Value;

    public static IReadOnlyList<(string Path, byte[] Bytes)> Files => s_files.Value;

    /// <summary>Capture files of the samples first, then the corpus, in name order (deterministic).</summary>
    public static IEnumerable<string> CapturePaths()
    {
        foreach (var p in Directory.EnumerateFiles(TestPaths.Samples, "*.pcap*").OrderBy(p => p, StringComparer.Ordinal)) yield return p;
        foreach (var p in TestPaths.CorpusCaptures()) yield return p;
    }

    private static IReadOnlyList<(string, byte[])> LoadFiles()
    {
        var files = new List<(string, byte[])>();
        foreach (var path in CapturePaths())
        {
            if (new FileInfo(path).Length <= MaxFileBytes) files.Add((path, File.ReadAllBytes(path)));
        }
        return files;
    }

    private static IReadOnlyList<SeedFrame> LoadFrames()
    {
        var seeds = new List<SeedFrame>();
        foreach (var path in CapturePaths())
        {
            try
            {
                using var reader = CaptureFile.Open(path);
                int n = 0;
                while (n++ < FramesPerFile && reader.TryRead(out var info, out var data))
                {
                    if (data.Length == 0 || data.Length > MaxFrameBytes) continue;
                    var seed = Classify(Path.GetFileName(path), info.LinkType, data.ToArray());
                    seeds.Add(seed);
                    if (info.LinkType == LinkType.Ethernet && (seed.Has("ip") || seed.Has("ipv6")) && n % 4 == 1)
                        foreach (var (link, bytes) in Reframed(seed)) seeds.Add(Classify(seed.Source, link, bytes));
                }
            }
            catch (CaptureOpenException)
            {
                // Not a capture we can read at all: the reader targets still get its bytes.
            }
        }
        return seeds;
    }

    /// <summary>The IP packet of an Ethernet frame behind the other link layers' headers.</summary>
    private static (int, byte[])[] Reframed(SeedFrame ethernet)
    {
        int ipAt = Math.Min(ethernet.Has("ip") ? ethernet.OffsetOf("ip") : int.MaxValue, ethernet.Has("ipv6") ? ethernet.OffsetOf("ipv6") : int.MaxValue);
        var ip = ethernet.Data.AsSpan(ipAt).ToArray();
        bool v6 = ip.Length > 0 && ip[0] >> 4 == 6;
        var sll = new byte[16 + ip.Length];
        BinaryPrimitives.WriteUInt16BigEndian(sll.AsSpan(2), 1);   // ARPHRD_ETHER
        BinaryPrimitives.WriteUInt16BigEndian(sll.AsSpan(4), 6);   // address length
        ethernet.Data.AsSpan(6, 6).CopyTo(sll.AsSpan(6));
        BinaryPrimitives.WriteUInt16BigEndian(sll.AsSpan(14), v6 ? (ushort)0x86DD : (ushort)0x0800);
        ip.CopyTo(sll.AsSpan(16));
        var loopback = new byte[4 + ip.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(loopback, v6 ? 30u : 2u);
        ip.CopyTo(loopback.AsSpan(4));
        return [(LinkType.LinuxSll, sll), (LinkType.Raw, ip), (LinkType.Null, loopback)];
    }

    public static SeedFrame Classify(string source, int linkType, byte[] data)
    {
        var builder = new FieldTreeBuilder();
        var sink = new TreeSink(builder);
        var info = new FrameInfo(1_700_000_000_000_000_000, linkType, data.Length, data.Length, 0, 0);
        var ctx = PacketContext.Create(1, info, info.TimestampNs, info.TimestampNs);
        ctx.Protocols = new ProtocolStack();
        FrameDissector.Dissect(data, ref ctx, ref sink);
        var offsets = new Dictionary<string, int>();
        var lengths = new List<LengthField>();
        foreach (var node in builder.Root.Descendants())
        {
            if (node.SourceId != 0 || node.Field is null) continue;
            string name = node.Field.Name;
            if (Array.IndexOf(Layers, name) >= 0) offsets.TryAdd(name, node.Offset);
            switch (name)
            {
                case "ip": lengths.Add(new LengthField(node.Offset + 2, node.Offset)); break;
                case "ipv6": lengths.Add(new LengthField(node.Offset + 4, node.Offset + 40)); break;
                case "udp": lengths.Add(new LengthField(node.Offset + 4, node.Offset)); break;
            }
        }
        return new SeedFrame(source, linkType, data, ctx.Protocols!.ToString(), offsets, lengths);
    }
}
