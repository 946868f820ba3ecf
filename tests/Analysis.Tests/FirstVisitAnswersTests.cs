using Sniffer.Analysis.Storage;

namespace Sniffer.Tests.Analysis;

public class FirstVisitAnswersTests
{
    /// <summary>
    /// The store replaced a Dictionary keyed by (frame, ordinal): whatever the call order (in order, a frame
    /// revisited with more messages, ordinals skipped), it must answer every key exactly as that Dictionary did.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Answers_like_a_dictionary_keyed_by_frame_and_ordinal(int seed)
    {
        var random = new Random(seed);
        var store = new FirstVisitAnswers<long>(remember: true);
        var expected = new Dictionary<(uint, int), long>();
        uint frame = 1;
        for (int i = 0; i < 20_000; i++)
        {
            if (random.Next(3) != 0) frame += (uint)random.Next(1, 3);
            int ordinal = 0;
            // Mostly the next ordinal of the frame; now and then one that leaves a gap.
            while (expected.ContainsKey((frame, ordinal))) ordinal++;
            if (random.Next(50) == 0) ordinal += random.Next(1, 4);
            if (expected.ContainsKey((frame, ordinal))) continue;
            long value = random.NextInt64();
            expected[(frame, ordinal)] = value;
            store.Add(frame, ordinal, value);
        }
        for (uint f = 0; f <= frame + 1; f++)
            for (int o = 0; o < 8; o++)
            {
                bool has = expected.TryGetValue((f, o), out long want);
                Assert.Equal(has, store.TryGet(f, o, out long got));
                if (has) Assert.Equal(want, got);
            }
    }

    [Fact]
    public void Single_pass_forgets_what_it_was_told_to()
    {
        var store = new FirstVisitAnswers<int>(remember: false);
        store.Add(1, 0, 10);
        store.Add(1, 1, 11);
        Assert.True(store.TryGet(1, 1, out int v) && v == 11);
        store.ForgetAll();
        Assert.False(store.TryGet(1, 0, out _));
    }
}
