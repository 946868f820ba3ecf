using System.Text.Encodings.Web;
using System.Text.Json;
using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Cli.Rendering;

/// <summary>-T json in tshark's layout: one object per packet under _source.layers, fields by their filter name.</summary>
public sealed class JsonRenderer : IDisposable
{
    private readonly Utf8JsonWriter _json;
    private bool _any;

    public JsonRenderer(Stream output)
    {
        _json = new Utf8JsonWriter(output, new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = true, // tshark repeats keys (two ip.addr); so do we
        });
        _json.WriteStartArray();
    }

    public void Write(FieldNode root, long timestampNs)
    {
        _any = true;
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
            WriteChildren(protocol);
            _json.WriteEndObject();
        }
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.Flush();
    }

    private void WriteChildren(FieldNode parent)
    {
        foreach (var node in parent.Children)
        {
            if (node.Expert is { } note)
            {
                _json.WriteStartObject("_ws.expert");
                _json.WriteString(note.Def.Name, "");
                _json.WriteString("_ws.expert.message", note.Message);
                _json.WriteString("_ws.expert.severity", ((int)note.Def.Severity * 2097152 + 2097152).ToString());
                _json.WriteString("_ws.expert.group", note.Def.Group.ToString());
                _json.WriteEndObject();
                continue;
            }
            string key = node.Field?.Name ?? node.Label;
            if (node.Field is { Type: Dissectors.Fields.FieldType.Protocol })
            {
                _json.WriteStartObject(key);
                WriteChildren(node);
                _json.WriteEndObject();
                continue;
            }
            _json.WriteString(key, node.Field is null || node.Field.Type == Dissectors.Fields.FieldType.None ? "" : node.DisplayValue);
            if (node.Children.Count > 0)
            {
                _json.WriteStartObject(key + "_tree");
                WriteChildren(node);
                _json.WriteEndObject();
            }
        }
    }

    public void Dispose()
    {
        _json.WriteEndArray();
        _json.Flush();
        _json.Dispose();
        _ = _any;
    }
}
