namespace Sniffer.Cli;

internal static class HelpText
{
    public static string Version =>
        $"Sniffer {typeof(HelpText).Assembly.GetName().Version?.ToString(3) ?? "0.1.0"} — a packet capture and protocol dissector for the terminal.\n" +
        "Command-line flags, field names and display filters follow tshark/Wireshark.\n";

    public const string Usage = """
Usage: sniffer [options] [FILE]

With a FILE (or -r FILE) and no output option on a terminal, Sniffer opens its terminal UI.
With no arguments it opens the bundled website-load sample.

Input:
  -r FILE                  read packets from a pcap/pcapng file (also .gz)
  -i IFACE                 capture live from an interface ("any" for all)
  -D                       list the interfaces and exit
  -f FILTER                capture filter (BPF, as tcpdump); also applied offline to -r
  -s SNAPLEN               bytes to keep of each packet (live)
  -p                       don't put the interface in promiscuous mode
  -B MIB                   kernel capture buffer in MiB (default 16)
  -c N                     stop after N packets
  -a duration:S|packets:N|filesize:KB   stop a live capture
  -b filesize:KB|files:N   ring buffer for -w

Processing:
  -Y FILTER                display filter, in Wireshark's language (tcp.flags.syn == 1)
  -2                       two passes (fills forward references such as dns.response_in)
  -n                       no name resolution (Sniffer never resolves names; accepted)
  -o NAME:VALUE            preference (those not implemented are reported and ignored)

Output:
  -V                       packet details as a tree
  -O PROTO[,PROTO]         details only for these protocols
  -x                       hex and ASCII dump of each packet
  -T fields|json|text      output format
  -e FIELD                 a field to print with -T fields (repeatable); _ws.col.Info etc. for columns
  -E header=y|n, separator=/t|/s|C, occurrence=f|l|a, aggregator=C, quote=d|s|n
  -t r|a|ad|d|e            time column: relative, absolute, absolute with date, delta, epoch
  -q                       no per-packet output (with -z)
  -z STAT                  statistics: conv,tcp  conv,udp  conv,ip  conv,eth  follow,tcp,ascii,N  expert  conn  roles
  -w FILE                  write packets to FILE (pcapng; -F pcap for pcap)
  -G fields|protocols      list every field / protocol Sniffer knows
  --tui / --no-tui         force / prevent the terminal UI
  -h, --help               this text
  -v, --version            version
""";
}
