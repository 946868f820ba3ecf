using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Sniffer.Capture;

/// <summary>
/// pcapng writer (SharpPcap can only write classic pcap). Layout: one Section Header Block,
/// one Interface Description Block per interface (nanosecond if_tsresol), Enhanced Packet Blocks,
/// and at Close one Interface Statistics Block per interface that has statistics.
/// </summary>
public sealed class PcapngWriter : StreamCaptureWriter
{
    private const uint SectionHeaderType = 0x0A0D0D0A;
    private const uint InterfaceDescriptionType = 0x00000001;
    private const uint InterfaceStatisticsType = 0x00000005;
    private const uint EnhancedPacketType = 0x00000006;
    private const uint ByteOrderMagic = 0x1A2B3C4D;

    private const ushort ShbHardware = 2, ShbOs = 3, ShbUserAppl = 4;
    private const ushort IfName = 2, IfDescription = 3, IfTsResol = 9, IfOs = 12;
    private const ushort IsbStartTime = 2, IsbEndTime = 3, IsbIfRecv = 4, IsbIfDrop = 5, IsbOsDrop = 7, IsbUsrDeliv = 8;
    private const byte NanosecondResolution = 9; // 10^-9

    private readonly IReadOnlyList<CaptureInterface> _interfaces;
    private readonly PcapngBlockBuilder _block = new();

    public PcapngWriter(string path, IReadOnlyList<CaptureInterface> interfaces, CaptureWriterOptions? options = null)
        : this(CreateFile(path, options), ownsStream: true, interfaces, options) { }

    public PcapngWriter(Stream output, bool ownsStream, IReadOnlyList<CaptureInterface> interfaces, CaptureWriterOptions? options = null)
        : base(output, ownsStream, options ?? CaptureWriterOptions.Default)
    {
        if (interfaces.Count == 0) throw new ArgumentException("pcapng needs at least one interface.", nameof(interfaces));
        _interfaces = interfaces;
        WriteSectionHeader();
        foreach (var captureInterface in interfaces) WriteInterfaceDescription(captureInterface);
    }

    public override string Format => "pcapng";

    // SHB: type, length, byte-order magic, major 1, minor 0, i64 section length (-1 = not computed), options.
    private void WriteSectionHeader()
    {
        _block.Begin(SectionHeaderType).UInt32(ByteOrderMagic).UInt16(1).UInt16(0).Int64(-1)
            .Option(ShbHardware, RuntimeInformation.OSArchitecture.ToString())
            .Option(ShbOs, RuntimeInformation.OSDescription)
            .Option(ShbUserAppl, Options.Application);
        WriteBytes(_block.Finish(hasOptions: true));
    }

    // IDB: u16 link type, u16 reserved, u32 snaplen, options.
    private void WriteInterfaceDescription(CaptureInterface captureInterface)
    {
        _block.Begin(InterfaceDescriptionType)
            .UInt16((ushort)captureInterface.LinkType).UInt16(0).UInt32((uint)captureInterface.SnapLength)
            .Option(IfName, captureInterface.Name)
            .Option(IfDescription, captureInterface.Description)
            .Option(IfTsResol, NanosecondResolution)
            .Option(IfOs, RuntimeInformation.OSDescription);
        WriteBytes(_block.Finish(hasOptions: true));
    }

    // EPB: type, length, u32 interface id, u32 ts high, u32 ts low, u32 captured len, u32 original len,
    //      data padded to 32 bits, (no options), length.
    protected override void WriteFrame(in FrameInfo info, ReadOnlySpan<byte> data)
    {
        if ((uint)info.InterfaceId >= (uint)_interfaces.Count)
            throw new ArgumentOutOfRangeException(nameof(info), $"Interface {info.InterfaceId} was not declared ({_interfaces.Count} known).");

        int padding = (4 - data.Length % 4) % 4;
        int total = 28 + data.Length + padding + 4;
        Span<byte> header = stackalloc byte[28];
        BinaryPrimitives.WriteUInt32LittleEndian(header, EnhancedPacketType);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)total);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)info.InterfaceId);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)((ulong)info.TimestampNs >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)info.TimestampNs);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], (uint)Math.Max(info.OriginalLength, data.Length));
        WriteBytes(header);
        WriteBytes(data);

        Span<byte> trailer = stackalloc byte[8];
        trailer[..padding].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[padding..], (uint)total);
        WriteBytes(trailer[..(padding + 4)]);
    }

    // ISB: u32 interface id, u32 ts high, u32 ts low, options.
    protected override void WriteTrailer(IReadOnlyList<InterfaceStatistics> statistics)
    {
        foreach (var s in statistics)
        {
            if ((uint)s.InterfaceId >= (uint)_interfaces.Count) continue;
            _block.Begin(InterfaceStatisticsType).UInt32((uint)s.InterfaceId).Timestamp(s.EndTimeNs)
                .OptionTimestamp(IsbStartTime, s.StartTimeNs)
                .OptionTimestamp(IsbEndTime, s.EndTimeNs)
                .OptionUInt64(IsbIfRecv, s.Received)
                .OptionUInt64(IsbIfDrop, s.InterfaceDropped)
                .OptionUInt64(IsbOsDrop, s.OsDropped)
                .OptionUInt64(IsbUsrDeliv, s.Delivered);
            WriteBytes(_block.Finish(hasOptions: true));
        }
    }
}
