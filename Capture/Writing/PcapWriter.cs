using System.Buffers.Binary;

namespace Sniffer.Capture;

/// <summary>
/// Classic libpcap format: one link type, microsecond timestamps by default,
/// nanoseconds (magic a1b23c4d) when <see cref="CaptureWriterOptions.PcapNanosecond"/> is set.
/// </summary>
public sealed class PcapWriter : StreamCaptureWriter
{
    private const uint MicrosecondMagic = 0xA1B2C3D4;
    private const uint NanosecondMagic = 0xA1B23C4D;

    private readonly CaptureInterface _interface;
    private readonly bool _nanoseconds;

    public PcapWriter(string path, CaptureInterface captureInterface, CaptureWriterOptions? options = null)
        : this(CreateFile(path, options), ownsStream: true, captureInterface, options) { }

    public PcapWriter(Stream output, bool ownsStream, CaptureInterface captureInterface, CaptureWriterOptions? options = null)
        : base(output, ownsStream, options ?? CaptureWriterOptions.Default)
    {
        _interface = captureInterface;
        _nanoseconds = Options.PcapNanosecond;
        WriteFileHeader();
    }

    public override string Format => "pcap";

    // struct pcap_file_header { u32 magic; u16 version_major(2); u16 version_minor(4);
    //                           i32 thiszone; u32 sigfigs; u32 snaplen; u32 linktype; }
    private void WriteFileHeader()
    {
        Span<byte> h = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(h, _nanoseconds ? NanosecondMagic : MicrosecondMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(h[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(h[12..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], (uint)_interface.SnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(h[20..], (uint)_interface.LinkType);
        WriteBytes(h);
    }

    // struct pcaprec_hdr { u32 ts_sec; u32 ts_usec_or_nsec; u32 incl_len; u32 orig_len; }
    protected override void WriteFrame(in FrameInfo info, ReadOnlySpan<byte> data)
    {
        if (info.LinkType != _interface.LinkType)
            throw new InvalidOperationException(
                $"pcap files hold one link type ({LinkType.Name(_interface.LinkType)}); this frame is {LinkType.Name(info.LinkType)}. Write pcapng instead.");

        long seconds = Math.DivRem(info.TimestampNs, 1_000_000_000L, out long fractionNs);
        if (fractionNs < 0) { seconds--; fractionNs += 1_000_000_000L; }
        Span<byte> h = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(h, (uint)seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(h[4..], (uint)(_nanoseconds ? fractionNs : fractionNs / 1000));
        BinaryPrimitives.WriteUInt32LittleEndian(h[8..], (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(h[12..], (uint)Math.Max(info.OriginalLength, data.Length));
        WriteBytes(h);
        WriteBytes(data);
    }
}
