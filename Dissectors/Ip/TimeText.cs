namespace Sniffer.Dissectors.Ip;

/// <summary>Wireshark's signed_time_secs_to_str: "1 day, 2 hours, 3 minutes, 4 seconds" (tree labels only).</summary>
internal static class TimeText
{
    public static string Seconds(long seconds)
    {
        if (seconds == 0) return "0 seconds";
        var parts = new List<string>(4);
        long s = Math.Abs(seconds);
        long days = s / 86400, hours = s / 3600 % 24, minutes = s / 60 % 60, secs = s % 60;
        if (days > 0) parts.Add(days == 1 ? "1 day" : $"{days} days");
        if (hours > 0) parts.Add(hours == 1 ? "1 hour" : $"{hours} hours");
        if (minutes > 0) parts.Add(minutes == 1 ? "1 minute" : $"{minutes} minutes");
        if (secs > 0) parts.Add(secs == 1 ? "1 second" : $"{secs} seconds");
        return (seconds < 0 ? "-" : "") + string.Join(", ", parts);
    }
}
