using System.Buffers.Binary;
using System.Text;

namespace Sniffer.Tests.Capture;

/// <summary>The committed samples/pcaps files are what our writer produces, and Wireshark agrees.</summary>
public sealed class SampleCaptureTests
{
    private static readonly string PcapDirectory = Path.Combine(FindRepositoryRoot(), "samples", "pcaps");

    public static TheoryData<string> Samples() =>
        new(Directory.GetFiles(PcapDirectory, "*.pcapng").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_has_our_section_nanosecond_interface_packets_and_statistics(string name)
    {
        byte[] file = File.ReadAllBytes(Path.Combine(PcapDirectory, name));
        Assert.InRange(file.Length, 1, 2_000_000);
        var blocks = new List<(uint Type, int Offset, int Length)>();
        for (int offset = 0; offset < file.Length;)
        {
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 4));
            blocks.Add((BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset)), offset, length));
            offset += length;
        }
        Assert.Equal(0x0A0D0D0Au, blocks[0].Type);
        Assert.Contains("Sniffer", Encoding.UTF8.GetString(file, 0, blocks[0].Length));
        Assert.Equal(1u, blocks[1].Type);
        Assert.True(blocks.Count(b => b.Type == 6) > 0);
        Assert.Equal(5u, blocks[^1].Type);                         // ISB written at Close
    }

    [SkippableTheory]
    [MemberData(nameof(Samples))]
    public void Tshark_reads_every_sample_without_complaint(string name)
    {
        ExternalTool.SkipUnlessInstalled("tshark");
        var (exit, output, errors) = ExternalTool.Execute("tshark", "-r", Path.Combine(PcapDirectory, name), "-T", "fields", "-e", "frame.number");
        Assert.True(exit == 0, errors);
        Assert.DoesNotContain("appears to be damaged", errors);
        Assert.NotEmpty(output.Trim());
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sniffer.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Sniffer.sln not found above " + AppContext.BaseDirectory);
    }
}
