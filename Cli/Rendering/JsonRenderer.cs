using System.Text.Encodings.Web;
using System.Text.Json;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Cli.Rendering;

/// <summary>-T json in tshark's layout: one object per packet under _source.layers, fields by their filter name.</summary>
public sealed class JsonRenderer : IDisposable
{
    private readonly Utf8JsonWriter _json;
    private readonly Stream _output;

    public JsonRenderer(Stream output)
    {
        _output = output;
        _json = new Utf8JsonWriter(output, new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = true, // tshark repeats keys (two eth.addr); so do we
        });
        _json.WriteStartArray();
    }

    public void Write(FieldNode root, long timestampNs, ReadOnlySpan<byte> frame, DataSources? sources)
    {
        _json.WriteStartObject();
        var day = DateTime.UnixEpoch.AddTicks(timestampNs / 100);
        _json.WriteString("_index", "packets-" + day.ToString("yyyy-MM-dd"));
        _json.WriteString("_type", "doc");
        _json.WriteNull("_score");
        _json.WriteStartObject("_source");
        _json.WriteStartObject("layers");
        foreach (var protocol in root.Children)
        {
            _json.WriteStartObject(protocol.Field?.Name ?? protocol.Label);
            WriteChildren(protocol, frame, sources);
            _json.WriteEndObject();
        }
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.Flush();
    }

    private void WriteChildren(FieldNode parent, ReadOnlySpan<byte> frame, DataSources? sources)
    {
        foreach (var node in parent.Children)
        {
            if (node.Expert is { } note)
            {
                _json.WriteStartObject("_ws.expert");
                _json.WriteString(note.Def.Name, "");
                _json.WriteString("_ws.expert.message", note.Message);
                _json.WriteString("_ws.expert.severity", SeverityCode(note.Def.Severity).ToString());
                _json.WriteString("_ws.expert.group", (((int)note.Def.Group + 1) << 24).ToString());
                _json.WriteEndObject();
                continue;
            }
            if (node.Field is null)
            {
                // A text-only line ("[Timestamps]"): tshark keys it by its text and nests its children directly.
                string text = node.Label.Trim('[', ']');
                if (node.Children.Count == 0) { _json.WriteString("text", text); continue; }
                _json.WriteStartObject(text);
                WriteChildren(node, frame, sources);
                _json.WriteEndObject();
                continue;
            }
            string key = node.Field.Name;
            string value = Value(node, frame, sources);
            if (value.Length == 0 && node.Children.Count > 0 && node.Field.Type is FieldType.None or FieldType.Protocol)
            {
                // A label that covers no bytes ("[SEQ/ACK analysis]"): tshark nests its children under its name.
                _json.WriteStartObject(key);
                WriteChildren(node, frame, sources);
                _json.WriteEndObject();
                continue;
            }
            _json.WriteString(key, value);
            if (node.Children.Count > 0)
            {
                _json.WriteStartObject(key + "_tree");
                WriteChildren(node, frame, sources);
                _json.WriteEndObject();
            }
        }
    }

    /// <summary>Values as tshark's JSON shows them: bytes colon-separated, label-only items as the bytes they cover.</summary>
    private static string Value(FieldNode node, ReadOnlySpan<byte> frame, DataSources? sources) => node.Field!.Type switch
    {
        FieldType.Bytes => FieldFormatter.Hex(node.Data, ':'),
        FieldType.None or FieldType.Protocol => CoveredBytes(node, frame, sources),
        _ => node.DisplayValue,
    };

    private static string CoveredBytes(FieldNode node, ReadOnlySpan<byte> frame, DataSources? sources)
    {
        if (node.Length <= 0) return "";
        var buffer = node.SourceId == 0 ? frame : sources is not null && node.SourceId <= sources.Count ? sources[node.SourceId].Data.Span : default;
        if (node.Offset < 0 || node.Offset + node.Length > buffer.Length) return "";
        return FieldFormatter.Hex(buffer.Slice(node.Offset, node.Length), ':');
    }

    /// <summary>Wireshark's PI_* severity values.</summary>
    private static int SeverityCode(ExpertSeverity severity) => severity switch
    {
        ExpertSeverity.Comment => 0x00100000,
        ExpertSeverity.Chat => 0x00200000,
        ExpertSeverity.Note => 0x00400000,
        ExpertSeverity.Warning => 0x00600000,
        ExpertSeverity.Error => 0x00800000,
        _ => 0,
    };

    public void Dispose()
    {
        _json.WriteEndArray();
        _json.Flush();
        _json.Dispose();
        _output.Write("\n"u8);
        _output.Flush();
    }
}
