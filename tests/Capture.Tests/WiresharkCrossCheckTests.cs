using System.Globalization;
using Sniffer.Capture;

namespace Sniffer.Tests.Capture;

/// <summary>Files written by Wireshark's own tools, and tshark's reading of them, as references.</summary>
public sealed class WiresharkCrossCheckTests
{
    [WiresharkToolsFact]
    public void MergecapFileWithThreeLinkTypesMatchesTshark()
    {
        using var temp = new TempDirectory();
        string merged = temp.File("mixed.pcapng");
        ExternalTool.Run("mergecap", "-F", "pcapng", "-w", merged,
            CorpusLocator.PathOf("tcpdump__babel.pcap"), CorpusLocator.PathOf("tcpdump__LINKTYPE_IPV6.pcap"), CorpusLocator.PathOf("tcpdump__pptp.pcap"));

        using var reader = CaptureFile.Open(merged);
        var frames = Frames.ReadAll(reader);
        Assert.Null(reader.Error);
        Assert.Equal([LinkType.LinuxSll, LinkType.Ipv6, LinkType.Ethernet], reader.Interfaces.Select(i => i.LinkType));
        Assert.All(frames, f => Assert.Equal(reader.Interfaces[f.Info.InterfaceId].LinkType, f.Info.LinkType));

        var tshark = TsharkFrames(merged);
        Assert.Equal(tshark.Count, frames.Count);
        for (int i = 0; i < frames.Count; i++)
            Assert.Equal(tshark[i], (frames[i].Info.InterfaceId, EpochText(frames[i].Info.TimestampNs), frames[i].Info.OriginalLength, frames[i].Info.CapturedLength));

        // Each source file's packets come back byte for byte on its own interface.
        var babel = ReadFile(CorpusLocator.PathOf("tcpdump__babel.pcap"));
        Assert.Equal(babel.Select(f => f.Data), frames.Where(f => f.Info.InterfaceId == 0).Select(f => f.Data));
    }

    [WiresharkToolsFact]
    public void EditcapConversionsReadTheSameAsTheirSources()
    {
        using var temp = new TempDirectory();
        foreach (string source in new[] { "tcpdump__babel.pcap", "tcpdump__pptp.pcap", "ppa__http_google.pcapng", "tcpdump__OSPFv2_Capture_FINAL.pcapng" })
        {
            var original = ReadFile(CorpusLocator.PathOf(source));
            foreach (string type in new[] { "pcap", "nsecpcap", "pcapng" })
            {
                string converted = temp.File(source + "." + type);
                ExternalTool.Run("editcap", "-F", type, CorpusLocator.PathOf(source), converted);
                var frames = ReadFile(converted);
                Assert.Equal(original.Count, frames.Count);
                for (int i = 0; i < frames.Count; i++)
                {
                    Assert.Equal(original[i].Data, frames[i].Data);
                    Assert.Equal(original[i].Info with { FileOffset = 0 }, frames[i].Info with { FileOffset = 0 });
                }
            }
        }
    }

    [WiresharkToolsFact]
    public void TimestampsAgreeWithTshark()
    {
        foreach (string source in new[] { "tcpdump__time_2106_max.pcap", "tcpdump__time_2038.pcap", "tcpdump__tcp-handshake-nano.pcap",
                     "tcpdump__pptp.pcap", "ppa__http_google.pcapng", "tcpdump__OSPFv2_Capture_FINAL.pcapng", "ppa__dns.pcap" })
        {
            string path = CorpusLocator.PathOf(source);
            var frames = ReadFile(path);
            var tshark = TsharkFrames(path);
            Assert.Equal(tshark.Count, frames.Count);
            for (int i = 0; i < frames.Count; i++)
                Assert.Equal(tshark[i].Epoch, EpochText(frames[i].Info.TimestampNs));
        }
    }

    private static List<ReadFrame> ReadFile(string path)
    {
        using var reader = CaptureFile.Open(path);
        var frames = Frames.ReadAll(reader);
        Assert.Null(reader.Error);
        return frames;
    }

    private static List<(int InterfaceId, string Epoch, int Length, int CapturedLength)> TsharkFrames(string path)
    {
        string output = ExternalTool.Run("tshark", "-r", path, "-T", "fields",
            "-e", "frame.interface_id", "-e", "frame.time_epoch", "-e", "frame.len", "-e", "frame.cap_len");
        var rows = new List<(int, string, int, int)>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var cells = line.Split('\t');
            rows.Add((cells[0].Length == 0 ? 0 : int.Parse(cells[0], CultureInfo.InvariantCulture), cells[1],
                int.Parse(cells[2], CultureInfo.InvariantCulture), int.Parse(cells[3], CultureInfo.InvariantCulture)));
        }
        return rows;
    }

    private static string EpochText(long nanoseconds) =>
        $"{Math.DivRem(nanoseconds, 1_000_000_000L, out long fraction)}.{fraction:D9}";
}
