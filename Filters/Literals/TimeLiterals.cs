using System.Globalization;

namespace Sniffer.Filters.Literals;

/// <summary>Time literals: seconds for time offsets (1.5, -0.25), dates for absolute times.</summary>
internal static class TimeLiterals
{
    /// <summary>Decimal seconds to nanoseconds, exactly (no binary floating point on the way).</summary>
    public static bool TryParseSeconds(string text, out long nanoseconds)
    {
        nanoseconds = 0;
        var s = text.AsSpan();
        if (s.EndsWith("s")) s = s[..^1];   // tshark accepts "0.1s"
        bool negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+')) { negative = s[0] == '-'; s = s[1..]; }
        int dot = s.IndexOf('.');
        var whole = dot < 0 ? s : s[..dot];
        var frac = dot < 0 ? default : s[(dot + 1)..];
        if (whole.IsEmpty && frac.IsEmpty) return false;
        foreach (char c in whole) if (!char.IsAsciiDigit(c)) return false;
        foreach (char c in frac) if (!char.IsAsciiDigit(c)) return false;
        if (frac.Length > 9) frac = frac[..9];
        long seconds = 0;
        if (!whole.IsEmpty && !long.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out seconds)) return false;
        if (seconds > long.MaxValue / 1_000_000_000) return false;
        long ns = 0;
        for (int i = 0; i < 9; i++) ns = ns * 10 + (i < frac.Length ? frac[i] - '0' : 0);
        nanoseconds = seconds * 1_000_000_000 + ns;
        if (negative) nanoseconds = -nanoseconds;
        return true;
    }

    private static readonly string[] s_formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
        "MMM d, yyyy HH:mm:ss.FFFFFFF", "MMM d, yyyy HH:mm:ss", "MMM dd, yyyy HH:mm:ss.FFFFFFF", "MMM dd, yyyy HH:mm:ss",
    ];

    /// <summary>
    /// ISO 8601 ("2020-07-04T12:34:56", optional Z or ±hh:mm) or the legacy "Sep 26, 2004 23:18:04.954975"
    /// with an optional trailing "UTC". Without a zone the time is local, as in Wireshark.
    /// </summary>
    public static bool TryParseAbsolute(string text, out long nanosecondsSinceEpoch)
    {
        nanosecondsSinceEpoch = 0;
        string s = text.Trim();
        bool utc = false;
        if (s.EndsWith(" UTC", StringComparison.Ordinal)) { utc = true; s = s[..^4].TrimEnd(); }
        // Fractions finer than 100 ns are cut (DateTime's resolution).
        s = TrimFraction(s);
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, utc ? DateTimeStyles.AssumeUniversal : DateTimeStyles.AssumeLocal, out var iso)
            && (s.Contains('-') && s.IndexOf('-') == 4))
        {
            nanosecondsSinceEpoch = (iso.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
            return true;
        }
        if (DateTime.TryParseExact(s, s_formats, CultureInfo.InvariantCulture,
                (utc ? DateTimeStyles.AssumeUniversal : DateTimeStyles.AssumeLocal) | DateTimeStyles.AdjustToUniversal, out var dt))
        {
            nanosecondsSinceEpoch = (dt.Ticks - DateTime.UnixEpoch.Ticks) * 100;
            return true;
        }
        return false;
    }

    private static string TrimFraction(string s)
    {
        int dot = s.LastIndexOf('.');
        if (dot < 0) return s;
        int end = dot + 1;
        while (end < s.Length && char.IsAsciiDigit(s[end])) end++;
        return end - dot - 1 > 7 ? s[..(dot + 8)] + s[end..] : s;
    }
}
