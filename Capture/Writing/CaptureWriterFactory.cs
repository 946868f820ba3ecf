namespace Sniffer.Capture;

/// <summary>Picks the writer for a <c>-w</c> target: a file, "-" for stdout, or a ring of files.</summary>
public static class CaptureWriterFactory
{
    public static ICaptureWriter Create(string target, CaptureFileFormat format, IReadOnlyList<CaptureInterface> interfaces,
        RingBufferOptions? ring = null, CaptureWriterOptions? options = null)
    {
        if (target == "-")
        {
            if (ring is { SwitchesFiles: true })
                throw new ArgumentException("A ring buffer (-b) needs a file name, not '-'.");
            return Create(Console.OpenStandardOutput(), ownsStream: true, format, interfaces, options);
        }
        if (ring is { SwitchesFiles: true })
            return new RingBufferWriter(target, format, interfaces, ring, options);
        return CreateFile(target, format, interfaces, options);
    }

    public static ICaptureWriter CreateFile(string path, CaptureFileFormat format, IReadOnlyList<CaptureInterface> interfaces,
        CaptureWriterOptions? options = null) => format switch
    {
        CaptureFileFormat.Pcap => new PcapWriter(path, SingleInterface(interfaces), options),
        _ => new PcapngWriter(path, interfaces, options),
    };

    public static ICaptureWriter Create(Stream output, bool ownsStream, CaptureFileFormat format,
        IReadOnlyList<CaptureInterface> interfaces, CaptureWriterOptions? options = null) => format switch
    {
        CaptureFileFormat.Pcap => new PcapWriter(output, ownsStream, SingleInterface(interfaces), options),
        _ => new PcapngWriter(output, ownsStream, interfaces, options),
    };

    private static CaptureInterface SingleInterface(IReadOnlyList<CaptureInterface> interfaces) => interfaces.Count == 1
        ? interfaces[0]
        : throw new ArgumentException($"pcap holds one interface; {interfaces.Count} were given. Write pcapng instead.");
}
