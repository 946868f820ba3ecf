using Sniffer.Dissectors.Core;

namespace Sniffer.Dissectors.Transport;

/// <summary>Flag names as tshark prints them: "SYN, ACK" in Info and labels, "·······A··S·" in tcp.flags.str.</summary>
public static class TcpFlagNames
{
    // Bit order 0..8 as Wireshark's tcp_flags_to_str.
    private static readonly string[] s_names = ["FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"];
    private const string FirstLetterOrder = "RRRACEUAPRSF";

    /// <summary>
    /// The names of the set flags; with <paramref name="ace"/> (AccECN negotiated) AE, CWR and ECE are one counter,
    /// "ACE=n" after URG, as tcp_flags_to_str writes it.
    /// </summary>
    public static void AppendNames(InfoColumn? info, ushort flags, bool ace = false)
    {
        if (info is null) return;
        bool any = false;
        int named = ace ? 6 : s_names.Length;
        for (int i = 0; i < named; i++)
        {
            if ((flags & (1 << i)) == 0) continue;
            if (any) info.Append(", ");
            info.Append(s_names[i]);
            any = true;
        }
        if (ace) { if (any) info.Append(", "); info.Append("ACE=").Append((long)Ace(flags)); any = true; }
        if ((flags & 0xE00) != 0) { if (any) info.Append(", "); info.Append("Reserved"); any = true; }
        if (!any) info.Append("<None>");
    }

    public static string Names(ushort flags, bool ace = false)
    {
        var parts = new List<string>(4);
        int named = ace ? 6 : s_names.Length;
        for (int i = 0; i < named; i++) if ((flags & (1 << i)) != 0) parts.Add(s_names[i]);
        if (ace) parts.Add("ACE=" + Ace(flags).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if ((flags & 0xE00) != 0) parts.Add("Reserved");
        return parts.Count == 0 ? "<None>" : string.Join(", ", parts);
    }

    /// <summary>The AccECN counter in AE, CWR and ECE (bits 8..6).</summary>
    public static int Ace(ushort flags) => (flags >> 6) & 7;

    /// <summary>
    /// Writes the UTF-8 letters ("R", "A", ... or a middle dot per clear bit) and returns the byte count; with
    /// <paramref name="ace"/> the AE, CWR and ECE places show the counter as "-n-".
    /// </summary>
    public static int FirstLetters(ushort flags, Span<byte> utf8, bool ace = false)
    {
        int n = 0;
        for (int i = 0; i < 12; i++)
        {
            if (ace && i is >= 3 and <= 5)
            {
                utf8[n++] = i == 4 ? (byte)('0' + Ace(flags)) : (byte)'-';
                continue;
            }
            if (((flags >> (11 - i)) & 1) != 0) utf8[n++] = (byte)FirstLetterOrder[i];
            else { utf8[n++] = 0xC2; utf8[n++] = 0xB7; }   // U+00B7 MIDDLE DOT
        }
        return n;
    }

    /// <summary>tcp.completeness as conversation_completeness_fill shows it.</summary>
    public static string Completeness(byte v) => v switch
    {
        1 => $"Incomplete, SYN_SENT ({v})",
        3 => $"Incomplete, CLIENT_ESTABLISHED ({v})",
        7 => $"Incomplete, ESTABLISHED ({v})",
        15 => $"Incomplete, DATA ({v})",
        31 or 47 or 63 => $"Complete, WITH_DATA ({v})",
        23 or 39 or 55 => $"Complete, NO_DATA ({v})",
        _ => $"Incomplete ({v})",
    };
}
