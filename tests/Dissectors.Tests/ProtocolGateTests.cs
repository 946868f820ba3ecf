using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Tests.Dissectors;

/// <summary>
/// Dissectors skip a protocol's plain fields when the collector wants none of them
/// (<see cref="IFieldSink.WantsFieldsOf"/>). Wanting only one protocol's fields must then give exactly
/// the values a collector that wants everything records for that protocol: a field added inside another
/// protocol's skipped block, or a skipped note, would be lost here.
/// </summary>
public class ProtocolGateTests
{
    [Fact]
    public void Each_protocols_fields_are_the_same_whether_or_not_other_protocols_are_wanted()
    {
        var everything = new FieldValueSet();
        everything.WantAll();
        var onlyOne = new Dictionary<string, FieldValueSet>(StringComparer.Ordinal);
        int frames = 0, comparisons = 0;
        foreach (var (file, frame) in Frames())
        {
            frames++;
            Dissect.Collect(frame.Data, frame.Info, everything);
            var protocols = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < everything.Count; i++) protocols.Add(everything[i].Field.ProtocolName);
            foreach (string protocol in protocols)
            {
                if (!onlyOne.TryGetValue(protocol, out var values))
                {
                    values = new FieldValueSet();
                    foreach (var field in FieldRegistry.All) if (field.ProtocolName == protocol) values.Want(field);
                    onlyOne[protocol] = values;
                }
                Dissect.Collect(frame.Data, frame.Info, values);
                Assert.True(Describe(everything, protocol) == Describe(values, protocol),
                    $"{file}, frame at {frame.Info.TimestampNs}: the {protocol} fields differ when only they are wanted");
                comparisons++;
            }
        }
        Assert.True(frames > 1000, $"only {frames} frames read");
        Assert.True(onlyOne.ContainsKey("ip") && onlyOne.ContainsKey("eth") && onlyOne.ContainsKey("frame"));
        Assert.True(comparisons > frames * 3);
    }

    private static string Describe(FieldValueSet values, string protocol)
    {
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < values.Count; i++)
        {
            var v = values[i];
            if (v.Field.ProtocolName != protocol) continue;
            text.Append(v.Field.Name).Append('=').Append(v.Kind).Append(':').Append(v.Bits).Append(':').Append(v.Number)
                .Append(':').Append(Convert.ToHexString(values.Bytes(i))).Append('@').Append(v.Offset).Append('+').Append(v.Length)
                .Append('/').Append(v.Flags).Append('\n');
        }
        return text.ToString();
    }

    private static IEnumerable<(string File, CorpusFrames.LoadedFrame Frame)> Frames()
    {
        foreach (var path in Directory.EnumerateFiles(TestPaths.Samples).Where(p => p.EndsWith(".pcapng")).Order())
            foreach (var frame in CorpusFrames.Load(path, 3000))
                yield return (Path.GetFileName(path), frame);
        foreach (var path in TestPaths.CorpusCaptures())
        {
            List<CorpusFrames.LoadedFrame> frames;
            try { frames = CorpusFrames.Load(path, 150); }
            catch (Exception e) when (e is Sniffer.Capture.CaptureOpenException or InvalidDataException or EndOfStreamException) { continue; }
            foreach (var frame in frames) yield return (Path.GetFileName(path), frame);
        }
    }
}
