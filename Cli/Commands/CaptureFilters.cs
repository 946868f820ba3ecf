using Sniffer.Capture;
using Sniffer.Cli.Options;

namespace Sniffer.Cli.Commands;

/// <summary>-f on files (libpcap's compiler, applied offline as tcpdump does) and -F.</summary>
public static class CaptureFilters
{
    public static OfflineBpfFilter? ForFile(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression)) return null;
        try
        {
            return new OfflineBpfFilter(expression);
        }
        catch (BpfFilterException e)
        {
            throw new UsageException(e.Message);
        }
        catch (LiveCaptureException e)
        {
            throw new UsageException(e.Message);
        }
    }

    public static CaptureFileFormat WriteFormat(CliOptions options) => options.WriteFormat switch
    {
        null or "pcapng" => CaptureFileFormat.Pcapng,
        "pcap" or "libpcap" => CaptureFileFormat.Pcap,
        _ => throw new UsageException($"\"{options.WriteFormat}\" isn't a capture file format Sniffer writes (use pcapng or pcap)."),
    };
}
