using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Sniffer.Capture;

/// <summary>Reads classic libpcap files: micro- or nanosecond timestamps, either byte order.</summary>
public sealed class PcapFileReader : CaptureFileReaderBase
{
    public const int FileHeaderLength = 24;
    public const int RecordHeaderLength = 16;

    private readonly bool _swapBytes;
    private readonly long _nanosPerFractionUnit;   // 1000 for microsecond files, 1 for nanosecond files
    private readonly int _linkType;

    internal PcapFileReader(ByteWindow window, string displayName, string format) : base(window, displayName, format)
    {
        // File header (24 bytes, in the writer's byte order):
        //   0  magic        a1b2c3d4 (µs) or a1b23c4d (ns)
        //   4  version      major u16, minor u16
        //   8  thiszone     i32, always 0 in practice and ignored by tshark
        //  12  sigfigs      u32, unused
        //  16  snaplen      u32
        //  20  linktype     u32: low 16 bits LINKTYPE_*, upper bits FCS length / flags
        if (!window.Ensure(FileHeaderLength))
            throw new CaptureOpenException($"sniffer: the file \"{displayName}\" appears to have been cut short in its pcap file header.");

        var header = window.Peek(FileHeaderLength);
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        (_swapBytes, _nanosPerFractionUnit) = magic switch
        {
            0xA1B2C3D4 => (false, 1000L),
            0xD4C3B2A1 => (true, 1000L),
            0xA1B23C4D => (false, 1L),
            0x4D3CB2A1 => (true, 1L),
            _ => throw new CaptureOpenException($"sniffer: the file \"{displayName}\" isn't a pcap file (bad magic {magic:x8})."),
        };

        int snapLength = (int)Math.Min(ReadUInt32(header[16..]), int.MaxValue);
        _linkType = (int)(ReadUInt32(header[20..]) & 0xFFFF);
        InterfaceList.Add(new CaptureInterface(_linkType, snapLength, null, null, 1_000_000_000 / _nanosPerFractionUnit));
        window.Advance(FileHeaderLength);
    }

    public override int LinkType => _linkType;

    public override bool TryRead(out FrameInfo info, out ReadOnlySpan<byte> data)
    {
        info = default;
        data = default;
        if (Stopped) return false;

        // Record header (16 bytes), followed by incl_len bytes of packet data:
        //   0  ts_sec       u32 seconds since the epoch (unsigned: files run to 2106)
        //   4  ts_frac      u32 micro- or nanoseconds, per the magic
        //   8  incl_len     u32 bytes captured and stored in the file
        //  12  orig_len     u32 bytes on the wire
        var window = Window;
        long offset = window.Position;
        if (!window.Ensure(RecordHeaderLength))
            return window.Available == 0 && window.ReadFailure is null ? Ended() : CutShort(offset, "a packet header");

        var header = window.Peek(RecordHeaderLength);
        uint seconds = ReadUInt32(header);
        uint fraction = ReadUInt32(header[4..]);
        uint capturedLength = ReadUInt32(header[8..]);
        uint originalLength = ReadUInt32(header[12..]);

        if (capturedLength > CaptureLimits.MaxPacketBytes)
            return Damaged(offset, $"a packet claims {capturedLength} captured bytes, more than the maximum of {CaptureLimits.MaxPacketBytes}; the file is probably damaged");

        int recordLength = RecordHeaderLength + (int)capturedLength;
        if (!window.Ensure(recordLength))
            return CutShort(offset, "a packet");

        data = window.Peek(recordLength)[RecordHeaderLength..];
        window.Advance(recordLength);
        info = new FrameInfo(
            TimestampNs: seconds * 1_000_000_000L + Nanoseconds(fraction),
            LinkType: _linkType,
            CapturedLength: (int)capturedLength,
            OriginalLength: (int)Math.Min(originalLength, int.MaxValue),
            InterfaceId: 0,
            FileOffset: offset);
        return true;
    }

    /// <summary>
    /// The sub-second part in nanoseconds, as wiretap's libpcap reader computes it: microseconds times 1000 in 32
    /// bits, not normalised. An out-of-range fraction (timestamp_invalid_micro's 0x80000000 us) wraps instead of
    /// carrying into the seconds; a valid one (under 10^6) never does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long Nanoseconds(uint fraction) =>
        _nanosPerFractionUnit == 1 ? fraction : (int)unchecked(fraction * 1000u);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint ReadUInt32(ReadOnlySpan<byte> bytes)
    {
        uint value = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        return _swapBytes ? BinaryPrimitives.ReverseEndianness(value) : value;
    }
}
