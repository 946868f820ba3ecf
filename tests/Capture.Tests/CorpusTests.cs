using Sniffer.Capture;

namespace Sniffer.Tests.Capture;

/// <summary>Every real capture in the shared corpus must read to the end exactly as tshark read it.</summary>
public sealed class CorpusTests
{
    [CorpusFact]
    public void EveryCorpusCaptureReadsToTheEndWithTsharksPacketCount()
    {
        var failures = new List<string>();
        var manifest = CorpusLocator.Manifest();
        Assert.True(manifest.Count > 100, "the manifest looks too small");

        foreach (var (file, expectedPackets, _) in manifest)
        {
            try
            {
                using var reader = CaptureFile.Open(CorpusLocator.PathOf(file));
                int packets = 0;
                while (reader.TryRead(out var info, out var data))
                {
                    packets++;
                    if (data.Length != info.CapturedLength) failures.Add($"{file}: frame {packets} span length {data.Length} != {info.CapturedLength}");
                }
                if (reader.Error is not null) failures.Add($"{file}: unexpected damage: {reader.Error}");
                if (packets != expectedPackets) failures.Add($"{file}: read {packets} packets, tshark saw {expectedPackets}");
            }
            catch (Exception e)
            {
                failures.Add($"{file}: threw {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [CorpusFact]
    public void FrameLengthsMatchTsharksFrameLenAndCapLen()
    {
        var failures = new List<string>();
        foreach (var (file, _, _) in CorpusLocator.Manifest())
        {
            string oracle = CorpusLocator.PathOf(Path.Combine("oracle", file + ".fields.tsv"));
            if (!File.Exists(oracle)) continue;

            using var reader = CaptureFile.Open(CorpusLocator.PathOf(file));
            foreach (var line in File.ReadLines(oracle).Skip(1))
            {
                var cells = line.Split('\t', 4);
                if (!reader.TryRead(out var info, out _))
                {
                    failures.Add($"{file}: ran out before frame {cells[0]}");
                    break;
                }
                if (cells[1] != info.OriginalLength.ToString() || cells[2] != info.CapturedLength.ToString())
                    failures.Add($"{file} frame {cells[0]}: tshark len/cap_len {cells[1]}/{cells[2]}, ours {info.OriginalLength}/{info.CapturedLength}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
    }

    [CorpusFact]
    public void LinkTypesMatchTheManifestEncapsulation()
    {
        var expected = new Dictionary<string, int>
        {
            ["ether"] = LinkType.Ethernet, ["linux-sll"] = LinkType.LinuxSll, ["null"] = LinkType.Null,
            ["rawip4"] = LinkType.Ipv4, ["rawip6"] = LinkType.Ipv6,
        };
        var failures = new List<string>();
        foreach (var (file, _, encapsulation) in CorpusLocator.Manifest())
        {
            using var reader = CaptureFile.Open(CorpusLocator.PathOf(file));
            if (expected.TryGetValue(encapsulation, out int linkType) && reader.LinkType != linkType)
                failures.Add($"{file}: {encapsulation} but link type {reader.LinkType}");
            if (encapsulation == "rawip" && reader.LinkType is not (LinkType.Raw or LinkType.RawDlt12 or LinkType.RawDlt14))
                failures.Add($"{file}: rawip but link type {reader.LinkType}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
