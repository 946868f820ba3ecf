using System.Globalization;

namespace Sniffer.Cli.Options;

/// <summary>
/// Parses tshark's command line: single-letter flags, with their value either attached (-c10) or
/// as the next word (-c 10), plus a few long options.
/// </summary>
public static class OptionParser
{
    // Flags that take a value.
    private const string WithValue = "rcwFTeEYfzoOGsaitbdHAMXRNgjJlLUB";
    // Flags that stand alone.
    private const string Alone = "nVxq2DpSlhvQ";

    private static readonly string[] LongOptions = { "--help", "--version", "--tui", "--no-tui", "--no-duplicate-keys", "--color", "--export-har", "--export-objects" };
    // Long options that take a value (the next word, or after '=').
    private static readonly string[] LongWithValue = { "--export-har", "--export-objects" };

    public static CliOptions Parse(IReadOnlyList<string> args)
    {
        var o = new CliOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                string name = arg.Split('=', 2)[0];
                if (Array.IndexOf(LongWithValue, name) >= 0)
                {
                    string value;
                    if (name.Length < arg.Length) value = arg[(name.Length + 1)..];
                    else if (i + 1 < args.Count) value = args[++i];
                    else throw new UsageException($"option '{name}' requires an argument");
                    ApplyLong(name, value, o);
                    continue;
                }
                ParseLong(arg, o);
                continue;
            }
            if (arg.Length < 2 || arg[0] != '-')
            {
                if (o.PositionalFile is not null || o.ReadFile is not null)
                {
                    // tshark treats trailing words as a capture filter.
                    o.CaptureFilter = o.CaptureFilter is null ? arg : o.CaptureFilter + " " + arg;
                    continue;
                }
                o.PositionalFile = arg;
                continue;
            }
            for (int j = 1; j < arg.Length; j++)
            {
                char flag = arg[j];
                if (WithValue.Contains(flag))
                {
                    string value;
                    if (j + 1 < arg.Length) value = arg[(j + 1)..];
                    else if (i + 1 < args.Count) value = args[++i];
                    else throw new UsageException($"option requires an argument -- '{flag}'");
                    Apply(flag, value, o);
                    break;
                }
                if (Alone.Contains(flag))
                {
                    ApplyFlag(flag, o);
                    continue;
                }
                throw new UsageException($"invalid option -- '{flag}'");
            }
        }
        return o;
    }

    private static void ParseLong(string arg, CliOptions o)
    {
        switch (arg)
        {
            case "--help": o.Help = true; return;
            case "--version": o.Version = true; return;
            case "--tui": o.ForceTui = true; return;
            case "--no-tui": o.NoTui = true; return;
            case "--no-duplicate-keys": return;
            case "--color": return;
        }
        string? close = LongOptions.OrderBy(l => Levenshtein(l, arg)).FirstOrDefault();
        throw new UsageException($"unrecognized option '{arg}'" + (close is not null ? $" (did you mean {close}?)" : ""));
    }

    private static void ApplyLong(string name, string value, CliOptions o)
    {
        switch (name)
        {
            case "--export-har": o.ExportHar = value; break;
            case "--export-objects": o.ExportObjects.Add(value); break;
        }
    }

    private static void ApplyFlag(char flag, CliOptions o)
    {
        switch (flag)
        {
            case 'n': o.NoNameResolution = true; break;
            case 'V': o.Verbose = true; break;
            case 'x': o.HexDump = true; break;
            case 'q': o.Quiet = true; break;
            case '2': o.TwoPass = true; break;
            case 'D': o.ListInterfaces = true; break;
            case 'p': o.NoPromiscuous = true; break;
            case 'h': o.Help = true; break;
            case 'v': o.Version = true; break;
            case 'S': case 'l': case 'Q': break; // line buffering and quieter stderr: accepted, nothing to do
        }
    }

    private static void Apply(char flag, string value, CliOptions o)
    {
        switch (flag)
        {
            case 'r': o.ReadFile = value; break;
            case 'i': o.Interface = value; break;
            case 'w': o.WriteFile = value; break;
            case 'F': o.WriteFormat = value; break;
            case 'c': o.PacketLimit = ParseCount(value, 'c'); break;
            case 'T': o.Format = ParseFormat(value); o.FormatGiven = true; break;
            case 'e': o.Fields.Add(value); break;
            case 'E': ParseFieldsOption(value, o.FieldsOutput); break;
            case 'Y': o.DisplayFilter = value; break;
            case 'R': o.DisplayFilter = value; break;
            case 'f': o.CaptureFilter = value; break;
            case 'z': o.Statistics.Add(value); break;
            case 'o': o.Preferences.Add(value); break;
            case 'O': o.DetailProtocols.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
            case 'G': o.Report = value; break;
            case 's': o.SnapLength = (int)ParseCount(value, 's'); break;
            case 'B': o.KernelBufferMiB = (int)Math.Clamp(ParseCount(value, 'B'), 1, 4096); break;
            case 'a': o.AutoStop.Add(value); break;
            case 'b': o.RingBuffer.Add(value); break;
            case 't': o.TimeFormat = value; break;
            default: break; // accepted for compatibility, not used
        }
    }

    private static long ParseCount(string value, char flag)
    {
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n >= 0) return n;
        throw new UsageException($"The specified value \"{value}\" for -{flag} isn't a valid non-negative number.");
    }

    private static OutputFormat ParseFormat(string value) => value switch
    {
        "fields" => OutputFormat.Fields,
        "json" => OutputFormat.Json,
        "text" => OutputFormat.Text,
        "tabs" => OutputFormat.Text,
        "pdml" => OutputFormat.Pdml,
        _ => throw new UsageException($"Invalid -T parameter \"{value}\"; it must be one of: fields, json, text."),
    };

    private static void ParseFieldsOption(string value, FieldsOutputOptions f)
    {
        int eq = value.IndexOf('=');
        if (eq <= 0) throw new UsageException($"Invalid -E option \"{value}\": expected name=value.");
        string name = value[..eq], v = value[(eq + 1)..];
        switch (name)
        {
            case "header": f.Header = v is "y" or "Y"; break;
            case "separator":
                f.Separator = v switch { "/t" => "\t", "/s" => " ", _ => v };
                break;
            case "occurrence":
                if (v is not ("f" or "l" or "a")) throw new UsageException($"Invalid -E occurrence \"{v}\": use f, l or a.");
                f.Occurrence = v[0];
                break;
            case "aggregator": f.Aggregator = v switch { "/s" => " ", "/t" => "\t", _ => v }; break;
            case "quote":
                if (v is not ("d" or "s" or "n")) throw new UsageException($"Invalid -E quote \"{v}\": use d, s or n.");
                f.Quote = v[0];
                break;
            case "bom": case "escape": break;
            default: throw new UsageException($"Invalid -E option \"{name}\"; known: header, separator, occurrence, aggregator, quote.");
        }
    }

    internal static int Levenshtein(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
