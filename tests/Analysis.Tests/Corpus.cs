using Sniffer.Analysis.Pipeline;
using Sniffer.Analysis.Tcp;
using Sniffer.Capture;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Tests.Analysis;

/// <summary>Finds the shared conformance corpus by walking up from the test binaries.</summary>
public static class Corpus
{
    private static readonly Lazy<string?> s_dir = new(() =>
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "shared", "conformance", "corpus");
            if (Directory.Exists(candidate)) return candidate;
        }
        return Directory.Exists("/work/shared/conformance/corpus") ? "/work/shared/conformance/corpus" : null;
    });

    public static string? Directory_ => s_dir.Value;
    public static string SkipReason => "conformance corpus not found (shared/conformance/corpus)";

    public static string PathOf(string file) => Path.Combine(s_dir.Value!, file);

    /// <summary>Runs a capture through the dissectors with a TCP analyzer, collecting the wanted fields per frame.</summary>
    public static List<Dictionary<string, string>> Dissect(string path, IReadOnlyList<string> fieldNames, TcpAnalyzer analyzer)
    {
        var values = new FieldValueSet();
        var fields = new List<FieldDef>();
        foreach (var n in fieldNames) { var f = FieldRegistry.Find(n) ?? throw new ArgumentException(n); fields.Add(f); values.Want(f); }
        var rows = new List<Dictionary<string, string>>();
        using var reader = CaptureFile.Open(path);
        var processor = new PacketProcessor(analyzer) { FromPcapng = reader.Format.StartsWith("pcapng", StringComparison.Ordinal) };
        while (reader.TryRead(out var info, out var data))
        {
            var ctx = processor.Next(info, wantColumns: false, wantProtocols: false);
            values.Clear();
            var sink = new CollectorSink(values);
            PacketProcessor.Dissect(data, ref ctx, ref sink);
            rows.Add(Row(values, fields));
        }
        return rows;
    }

    public static Dictionary<string, string> Row(FieldValueSet values, List<FieldDef> fields)
    {
        var row = new Dictionary<string, string>();
        foreach (var f in fields)
        {
            var parts = new List<string>();
            for (int i = 0; i < values.Count; i++) if (values[i].Field == f) parts.Add(FieldFormatter.FieldsValue(values, i));
            row[f.Name] = string.Join(',', parts);
        }
        return row;
    }

    /// <summary>Reads an oracle TSV (header line then one row per frame).</summary>
    public static List<Dictionary<string, string>>? Oracle(string capture)
    {
        string p = Path.Combine(s_dir.Value!, "oracle", capture + ".fields.tsv");
        if (!File.Exists(p)) return null;
        var lines = File.ReadAllLines(p);
        var header = lines[0].Split('\t');
        var rows = new List<Dictionary<string, string>>();
        for (int i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split('\t');
            var row = new Dictionary<string, string>();
            for (int c = 0; c < header.Length; c++) row[header[c]] = c < cells.Length ? cells[c] : "";
            rows.Add(row);
        }
        return rows;
    }
}
