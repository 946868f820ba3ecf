namespace Sniffer.Cli.Options;

public enum OutputFormat { Summary, Fields, Json, Text, Pdml }

/// <summary>Everything the command line asked for, tshark's flags first.</summary>
public sealed class CliOptions
{
    public string? ReadFile { get; set; }
    public string? Interface { get; set; }
    public string? WriteFile { get; set; }
    public string? WriteFormat { get; set; }            // -F pcap|pcapng
    public long? PacketLimit { get; set; }              // -c
    public bool NoNameResolution { get; set; }          // -n (we never resolve names)
    public bool Verbose { get; set; }                   // -V
    public bool HexDump { get; set; }                   // -x
    public bool Quiet { get; set; }                     // -q
    public bool TwoPass { get; set; }                   // -2
    public List<string> DetailProtocols { get; } = new(); // -O
    public OutputFormat Format { get; set; } = OutputFormat.Summary;
    public bool FormatGiven { get; set; }
    public List<string> Fields { get; } = new();        // -e
    public FieldsOutputOptions FieldsOutput { get; } = new(); // -E
    public string? DisplayFilter { get; set; }          // -Y
    public string? CaptureFilter { get; set; }          // -f
    public List<string> Statistics { get; } = new();    // -z
    public string? ExportHar { get; set; }              // --export-har FILE (ours)
    public List<string> ExportObjects { get; } = new(); // --export-objects PROTOCOL,DIR (tshark)
    public List<string> Preferences { get; } = new();   // -o
    public string? Report { get; set; }                 // -G
    public bool ListInterfaces { get; set; }            // -D
    public int? SnapLength { get; set; }                // -s
    public bool NoPromiscuous { get; set; }             // -p
    public int? KernelBufferMiB { get; set; }           // -B
    public List<string> AutoStop { get; } = new();      // -a
    public List<string> RingBuffer { get; } = new();    // -b
    public string TimeFormat { get; set; } = "r";       // -t
    public bool Help { get; set; }
    public bool Version { get; set; }
    public bool ForceTui { get; set; }
    public bool NoTui { get; set; }
    /// <summary>A capture file given without -r (`sniffer FILE` opens it in the UI).</summary>
    public string? PositionalFile { get; set; }

    /// <summary>Options that mean "print to stdout", which keep the UI closed.</summary>
    public bool WantsBatchOutput =>
        FormatGiven || Verbose || HexDump || Statistics.Count > 0 || ExportHar is not null || ExportObjects.Count > 0 || WriteFile is not null || Report is not null ||
        ListInterfaces || Quiet || PacketLimit is not null || DetailProtocols.Count > 0 || NoTui;
}

/// <summary>-E options for -T fields.</summary>
public sealed class FieldsOutputOptions
{
    public bool Header { get; set; }
    public string Separator { get; set; } = "\t";
    public char Occurrence { get; set; } = 'a';
    public string Aggregator { get; set; } = ",";
    public char Quote { get; set; } = 'n';
}
