using System.Globalization;

namespace Sniffer.Analysis.Reports.Stats;

/// <summary>A frame's relative time as set_fd_time prints it: seconds with as many decimals as the file's timestamp precision, truncated.</summary>
public static class RelativeTime
{
    /// <summary>wtap's precision for an interface's timestamp units per second: 0, 1, 2, 3, 6 or 9 decimals.</summary>
    public static int DigitsFor(long unitsPerSecond) => unitsPerSecond switch
    {
        >= 10_000_000 => 9,
        >= 10_000 => 6,
        >= 1_000 => 3,
        >= 100 => 2,
        >= 10 => 1,
        _ => 0,
    };

    public static string Format(long ns, int digits)
    {
        string sign = ns < 0 ? "-" : "";
        ns = Math.Abs(ns);
        long seconds = ns / 1_000_000_000, fraction = ns % 1_000_000_000;
        if (digits == 0) return string.Create(CultureInfo.InvariantCulture, $"{sign}{seconds}");
        long scaled = fraction / (long)Math.Pow(10, 9 - digits);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{seconds}.{scaled.ToString("D" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)}");
    }
}
