using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Expert;

/// <summary>Wireshark's expert severities, lowest first.</summary>
public enum ExpertSeverity : byte { None = 0, Comment, Chat, Note, Warning, Error }

/// <summary>Wireshark's expert groups (PI_*).</summary>
public enum ExpertGroup : byte
{
    Checksum, Sequence, ResponseCode, RequestCode, Undecoded, ReassembleProblem, Malformed, Debug,
    Protocol, Security, CommentsGroup, Decryption, Assumption, Deprecated,
}

/// <summary>
/// An expert item (ei_register_info). Its <see cref="Field"/> (FT_NONE) makes the note filterable:
/// `tcp.analysis.retransmission` is such a field.
/// </summary>
public sealed class ExpertDef
{
    public ExpertDef(string name, ExpertGroup group, ExpertSeverity severity, string message)
    {
        Field = new FieldDef(name, message, FieldType.None);
        Group = group;
        Severity = severity;
        Message = message;
    }

    /// <summary>
    /// An expert item that shares its filter name with a field the dissector also adds (Wireshark registers
    /// both tcp.analysis.duplicate_ack as a field and as an expert; tshark then prints two occurrences).
    /// Declare <paramref name="field"/> only through this expert so the registry lists it once.
    /// </summary>
    public ExpertDef(FieldDef field, ExpertGroup group, ExpertSeverity severity, string message)
    {
        Field = field;
        Group = group;
        Severity = severity;
        Message = message;
    }

    public FieldDef Field { get; }
    public string Name => Field.Name;
    public ExpertGroup Group { get; }
    public ExpertSeverity Severity { get; }
    public string Message { get; }

    public static string SeverityName(ExpertSeverity s) => s switch
    {
        ExpertSeverity.Comment => "Comment",
        ExpertSeverity.Chat => "Chat",
        ExpertSeverity.Note => "Note",
        ExpertSeverity.Warning => "Warning",
        ExpertSeverity.Error => "Error",
        _ => "",
    };

    public static string GroupName(ExpertGroup g) => g switch
    {
        ExpertGroup.ResponseCode => "Response code",
        ExpertGroup.RequestCode => "Request code",
        ExpertGroup.ReassembleProblem => "Reassemble problem",
        ExpertGroup.CommentsGroup => "Comment",
        _ => g.ToString(),
    };
}
