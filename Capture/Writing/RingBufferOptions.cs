using System.Globalization;

namespace Sniffer.Capture;

/// <summary>
/// tshark's <c>-b</c> settings. Sizes are in kB of 1000 bytes, as in tshark.
/// A new file starts when the current one reaches <see cref="FileSizeKB"/> or has been open
/// <see cref="DurationSeconds"/>; with <see cref="Files"/> set, only the newest N files are kept.
/// </summary>
public sealed record RingBufferOptions
{
    public long? FileSizeKB { get; init; }
    public int? Files { get; init; }
    public double? DurationSeconds { get; init; }

    public bool SwitchesFiles => FileSizeKB is not null || DurationSeconds is not null;

    /// <summary>Adds one <c>-b key:value</c> argument ("filesize:1000", "files:5", "duration:60").</summary>
    public static RingBufferOptions Parse(IEnumerable<string> arguments, RingBufferOptions? start = null)
    {
        var result = start ?? new RingBufferOptions();
        foreach (var argument in arguments)
        {
            int colon = argument.IndexOf(':');
            string key = colon < 0 ? argument : argument[..colon];
            string value = colon < 0 ? "" : argument[(colon + 1)..];
            result = key switch
            {
                "filesize" => result with { FileSizeKB = PositiveLong(argument, value) },
                "files" => result with { Files = (int)PositiveLong(argument, value) },
                "duration" => result with { DurationSeconds = PositiveDouble(argument, value) },
                _ => throw new FormatException($"Unknown ring buffer option '{argument}': use filesize:KB, files:N or duration:SECONDS."),
            };
        }
        return result;
    }

    private static long PositiveLong(string argument, string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n > 0
            ? n : throw new FormatException($"'{argument}': expected a positive whole number after the colon.");

    private static double PositiveDouble(string argument, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d > 0
            ? d : throw new FormatException($"'{argument}': expected a positive number of seconds after the colon.");
}
