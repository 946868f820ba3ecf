using Sniffer.Dissectors.Expert;
using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Core;

/// <summary>Wireshark's built-in pseudo-protocols: malformed and short-frame markers, raw data.</summary>
[FieldTable]
public static class CommonFields
{
    public static readonly FieldDef Malformed = FieldDef.Protocol("_ws.malformed", "Malformed Packet");
    public static readonly FieldDef Short = FieldDef.Protocol("_ws.short", "Packet size limited during capture");
    public static readonly ExpertDef MalformedExpert = new("_ws.malformed.expert", ExpertGroup.Malformed, ExpertSeverity.Error, "Malformed Packet (Exception occurred)");
    public static readonly FieldDef Expert = new("_ws.expert", "Expert Info", FieldType.None);
    public static readonly FieldDef ExpertMessage = new("_ws.expert.message", "Message", FieldType.String);
    public static readonly FieldDef ExpertSeverityField = new("_ws.expert.severity", "Severity level", FieldType.UInt32);

    public static readonly FieldDef Data = FieldDef.Protocol("data", "Data");
    public static readonly FieldDef DataData = new("data.data", "Data", FieldType.Bytes);
    public static readonly FieldDef DataLen = new("data.len", "Length", FieldType.Int32);
}
