using Sniffer.Analysis.Storage;
using Xunit;

namespace Sniffer.Analysis.Tests;

public class FrameNumberListTests
{
    [Theory]
    [InlineData(1, 3)]          // dense: every chunk stays narrow
    [InlineData(1, 40)]         // sparse: some chunks span more than 65,535 frames
    [InlineData(0, 2_000_000)]  // every step may overflow 16 bits
    public void Reads_back_every_number_it_was_given(int minStep, int maxStep)
    {
        var list = new FrameNumberList();
        var expected = new List<uint>();
        var random = new Random(minStep * 31 + maxStep);
        uint frame = 1;
        for (int i = 0; i < 20_000; i++)
        {
            frame += (uint)random.Next(minStep, maxStep);
            list.Add(frame);
            expected.Add(frame);
            if (i % 997 == 0) Assert.Equal(expected[i / 2], list[i / 2]);
        }
        Assert.Equal(expected.Count, list.Count);
        for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i], list[i]);
    }

    [Fact]
    public void Dense_numbers_take_two_bytes_each_and_a_wide_step_only_widens_its_own_chunk()
    {
        var list = new FrameNumberList();
        for (uint f = 1; f <= 4096 * 4; f++) list.Add(f);
        Assert.Equal(4096 * 4 * sizeof(ushort), list.MemoryBytes);
        list.Add(1_000_000);            // first of a new chunk: still narrow
        list.Add(1_000_000 + 70_000);   // 70,000 past its chunk's first: that chunk widens
        Assert.Equal(4096 * 4 * sizeof(ushort) + 4096 * sizeof(uint), list.MemoryBytes);
        Assert.Equal(1_070_000u, list[list.Count - 1]);
        Assert.Equal(1_000_000u, list[list.Count - 2]);
        Assert.Equal(16_384u, list[16_383]);
    }
}
