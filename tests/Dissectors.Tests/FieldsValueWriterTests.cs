using Sniffer.Dissectors.Tree;

namespace Sniffer.Tests.Dissectors;

/// <summary>-T fields writes integers, booleans and IPv4 addresses without a string: the text must be the string's.</summary>
public class FieldsValueWriterTests
{
    [Fact]
    public void Written_values_equal_the_formatted_strings_on_every_field_of_real_frames()
    {
        var values = new FieldValueSet();
        values.WantAll();
        var buffer = new char[64];
        int written = 0, frames = 0;
        var types = new HashSet<string>();
        foreach (var path in Directory.EnumerateFiles(TestPaths.Samples).Where(p => p.EndsWith(".pcapng")).Order())
        {
            foreach (var frame in CorpusFrames.Load(path, 2000))
            {
                frames++;
                Dissect.Collect(frame.Data, frame.Info, values);
                for (int i = 0; i < values.Count; i++)
                {
                    if (!FieldFormatter.TryWriteFieldsValue(values, i, buffer, out int n)) continue;
                    Assert.Equal(FieldFormatter.FieldsValue(values, i), new string(buffer, 0, n));
                    types.Add(values[i].Field.Type + "/" + values[i].Field.Base);
                    written++;
                }
            }
        }
        Assert.True(frames > 1000 && written > frames * 20, $"{written} values written from {frames} frames");
        Assert.Contains("IPv4/None", types);
        Assert.Contains("UInt16/Hex", types);
        Assert.Contains("Boolean/None", types);
    }

    [Fact]
    public void A_buffer_too_small_is_refused_not_overrun()
    {
        var values = new FieldValueSet();
        values.WantAll();
        var frame = CorpusFrames.Load(TestPaths.Sample("handshakes.pcapng"), 1)[0];
        Dissect.Collect(frame.Data, frame.Info, values);
        var tiny = new char[2];
        for (int i = 0; i < values.Count; i++)
            if (FieldFormatter.TryWriteFieldsValue(values, i, tiny, out int n)) Assert.True(n <= 2);
    }
}
