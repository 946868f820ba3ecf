using System.Globalization;
using System.Text;

namespace Sniffer.Dissectors.Dns;

/// <summary>Text pieces of DNS labels, formatted as tshark does. Called only when a tree is wanted.</summary>
public static class DnsText
{
    /// <summary>Wireshark's time_secs_to_str: "1 day, 22 hours, 45 minutes, 7 seconds".</summary>
    public static string Duration(uint seconds)
    {
        if (seconds == 0) return "0 seconds";
        var sb = new StringBuilder();
        Part(sb, seconds / 86400, "day");
        Part(sb, seconds / 3600 % 24, "hour");
        Part(sb, seconds / 60 % 60, "minute");
        Part(sb, seconds % 60, "second");
        return sb.ToString();
    }

    private static void Part(StringBuilder sb, uint value, string unit)
    {
        if (value == 0) return;
        if (sb.Length > 0) sb.Append(", ");
        sb.Append(value.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(unit);
        if (value != 1) sb.Append('s');
    }

    public static string TypeShort(ushort type) => DnsTypes.ShortName(type) ?? $"Unknown ({type})";

    public static string ClassShort(ushort cls) => DnsFields.Classes.Find(cls) ?? "Unknown";

    public static string Name(ReadOnlySpan<byte> text) => Encoding.UTF8.GetString(text);
}
