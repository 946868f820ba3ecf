using Sniffer.Analysis.Pipeline;
using Sniffer.Cli.Options;
using Sniffer.Cli.Rendering;
using Sniffer.Dissectors.Fields;
using Sniffer.Filters;

namespace Sniffer.Cli.Commands.Parallel;

/// <summary>
/// Whether a `-r` read is split across cores (<see cref="ShardedReadCommand"/>), and into how many shards.
/// Splitting keeps the output identical only where nothing printed or filtered on is counted across
/// connections, so it is limited to what is known to be safe: summary lines and -T fields (with -x, -c, -f,
/// -Y). It is asked for with `SNIFFER_SHARDS=N` (N shards); by default a read is one pass, because on the
/// 2-vCPU machine we measure on two busy threads get about 1.1–1.4 times one thread's work done and the
/// split read came out between 0.9 and 1.35 times as fast as one pass, with more memory (bench/README.md).
/// </summary>
public static class ShardPlan
{
    public const int MaxShards = 8;

    // Numbered across the capture, or across all displayed frames: a shard alone would count differently.
    private static readonly HashSet<string> s_capturewideFields = new(StringComparer.Ordinal)
    {
        "tcp.stream", "udp.stream", "quic.connection.number", "frame.time_delta_displayed",
    };

    public static int ShardsFor(CliOptions options)
    {
        int shards = Requested() ?? 1;
        if (shards <= 1 || !Splittable(options)) return 1;
        return Math.Min(shards, MaxShards);
    }

    private static int? Requested() =>
        int.TryParse(Environment.GetEnvironmentVariable("SNIFFER_SHARDS"), out int n) ? n : null;

    /// <summary>True when the output cannot tell a split read from a single one.</summary>
    public static bool Splittable(CliOptions options)
    {
        // Trees (-V, -O, JSON, PDML) show every field, stream indexes included; -2, -z, -w and exports see
        // the whole capture as one.
        if (options.TwoPass || options.Statistics.Count > 0 || options.WriteFile is not null ||
            options.ExportHar is not null || options.ExportObjects.Count > 0 || options.Verbose ||
            options.DetailProtocols.Count > 0 || options.Format is not (OutputFormat.Summary or OutputFormat.Text or OutputFormat.Fields))
        {
            return false;
        }
        // Reading only the frames' own fields (-T fields -e frame.number) dissects nothing: the reader is all the work.
        bool frameFieldsOnly = options.Format == OutputFormat.Fields;
        if (!string.IsNullOrWhiteSpace(options.DisplayFilter))
        {
            // A bad filter is reported by the single pass.
            if (!DisplayFilter.TryCompile(options.DisplayFilter, out var filter, out _)) return false;
            foreach (var field in filter!.Fields)
            {
                if (s_capturewideFields.Contains(field.Name)) return false;
                frameFieldsOnly &= DissectionDepth.IsFrameOwn(field);
            }
        }
        if (options.Format == OutputFormat.Fields)
        {
            var columns = FieldColumns.Resolve(options.Fields, out var problems);
            if (problems.Count > 0 || columns.Count == 0) return false;
            foreach (var column in columns)
            {
                if (column.Field is { } field && s_capturewideFields.Contains(field.Name)) return false;
                frameFieldsOnly &= column.Field is { } f && DissectionDepth.IsFrameOwn(f);
            }
        }
        return !frameFieldsOnly;
    }
}
