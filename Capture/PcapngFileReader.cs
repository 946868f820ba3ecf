using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sniffer.Capture;

/// <summary>
/// Reads pcapng files: any number of sections (each with its own byte order) and interfaces, with
/// enhanced, simple and obsolete packet blocks. Blocks that carry no packets and no interface
/// description (name resolution, statistics, secrets, custom, unknown) are skipped by their length.
/// </summary>
/// <remarks>
/// <see cref="FrameInfo.InterfaceId"/> is an index into <see cref="ICaptureReader.Interfaces"/>, counted
/// across the whole file; for single-section files it is the interface id written in the file.
/// </remarks>
public sealed class PcapngFileReader : CaptureFileReaderBase
{
    private const int BlockHeaderLength = 8;        // type + total length
    private const int BlockTrailerLength = 4;       // total length repeated
    private const int SectionHeaderMinLength = 28;
    private const int InterfaceMinLength = 20;
    private const int EnhancedPacketMinLength = 32;
    private const int ObsoletePacketMinLength = 32;
    private const int SimplePacketMinLength = 16;

    /// <summary>An interface as the current section numbers it.</summary>
    private readonly record struct SectionInterface(int FileWideId, int LinkType, int SnapLength, TimestampClock Clock);

    private readonly List<SectionInterface> _sectionInterfaces = new();
    private bool _swapBytes;
    private string? _frameComment;

    internal PcapngFileReader(ByteWindow window, string displayName, string format) : base(window, displayName, format)
    {
        if (!TryReadSectionHeader(window.Position, out string? problem))
            throw new CaptureOpenException($"sniffer: the file \"{displayName}\" {problem}.");

        // Interfaces normally precede the first packet; reading them now lets LinkType answer before the first TryRead.
        ReadBlocks(stopBeforePacket: true, out _, out _);
    }

    /// <summary>Link type of the first interface, or -1 while the file has described none.</summary>
    public override int LinkType => InterfaceList.Count > 0 ? InterfaceList[0].LinkType : -1;

    /// <summary>opt_comment of the frame returned by the last successful TryRead, if it had one.</summary>
    public override string? FrameComment => _frameComment;

    public override bool TryRead(out FrameInfo info, out ReadOnlySpan<byte> data)
    {
        _frameComment = null;
        return ReadBlocks(stopBeforePacket: false, out info, out data);
    }

    // Every block:
    //   0  block type         u32
    //   4  total length       u32, whole block including these 12 bytes of framing; multiple of 4
    //   8  body               [total length - 12]
    //   -4 total length       u32, repeated
    private bool ReadBlocks(bool stopBeforePacket, out FrameInfo info, out ReadOnlySpan<byte> data)
    {
        info = default;
        data = default;
        var window = Window;
        while (!Stopped)
        {
            long offset = window.Position;
            if (!window.Ensure(BlockHeaderLength))
            {
                if (stopBeforePacket && window.ReadFailure is null) return false;   // let TryRead report it
                return window.Available == 0 && window.ReadFailure is null ? Ended() : CutShort(offset, "a block header");
            }

            var head = window.Peek(BlockHeaderLength);
            uint type = ReadUInt32(head);
            if (type == PcapngBlockType.SectionHeader)
            {
                if (!TryReadSectionHeader(offset, out string? problem))
                    return problem is null ? CutShort(offset, "a section header block") : Damaged(offset, problem);
                continue;
            }

            uint length = ReadUInt32(head[4..]);
            switch (type)
            {
                case PcapngBlockType.EnhancedPacket:
                case PcapngBlockType.SimplePacket:
                case PcapngBlockType.ObsoletePacket:
                    if (stopBeforePacket) return false;
                    return ReadPacketBlock(type, length, offset, out info, out data);
                case PcapngBlockType.InterfaceDescription:
                    if (!ReadInterfaceBlock(length, offset)) return false;
                    break;
                default:
                    if (!SkipBlock(length, offset)) return false;
                    break;
            }
        }
        return false;
    }

    private bool ReadPacketBlock(uint type, uint length, long offset, out FrameInfo info, out ReadOnlySpan<byte> data)
    {
        info = default;
        data = default;
        int minimum = type switch
        {
            PcapngBlockType.SimplePacket => SimplePacketMinLength,
            PcapngBlockType.ObsoletePacket => ObsoletePacketMinLength,
            _ => EnhancedPacketMinLength,
        };
        if (!TryBufferBlock(length, minimum, offset, "a packet block", out var block))
            return false;

        bool parsed = type switch
        {
            PcapngBlockType.EnhancedPacket => ParseEnhancedPacket(block, offset, out info, out data),
            PcapngBlockType.SimplePacket => ParseSimplePacket(block, offset, out info, out data),
            _ => ParseObsoletePacket(block, offset, out info, out data),
        };
        if (!parsed) return false;
        Window.Advance((int)length);
        return true;
    }

    // Enhanced Packet Block (type 6):
    //   8  interface id       u32
    //  12  timestamp high     u32   } 64-bit count of the interface's time units
    //  16  timestamp low      u32   }
    //  20  captured length    u32
    //  24  original length    u32
    //  28  packet data        [captured length], padded to 4
    //   .. options
    private bool ParseEnhancedPacket(ReadOnlySpan<byte> block, long offset, out FrameInfo info, out ReadOnlySpan<byte> data)
    {
        info = default;
        data = default;
        uint interfaceId = ReadUInt32(block[8..]);
        ulong ticks = ((ulong)ReadUInt32(block[12..]) << 32) | ReadUInt32(block[16..]);
        uint capturedLength = ReadUInt32(block[20..]);
        uint originalLength = ReadUInt32(block[24..]);
        return FinishPacket(block, offset, interfaceId, ticks, capturedLength, originalLength, dataStart: 28, out info, out data);
    }

    // Packet Block (type 2, obsolete, written by old Wireshark versions):
    //   8  interface id       u16
    //  10  drops count        u16
    //  12  timestamp high     u32
    //  16  timestamp low      u32
    //  20  captured length    u32
    //  24  original length    u32
    //  28  packet data        [captured length], padded to 4
    //   .. options
    private bool ParseObsoletePacket(ReadOnlySpan<byte> block, long offset, out FrameInfo info, out ReadOnlySpan<byte> data)
    {
        uint interfaceId = ReadUInt16(block[8..]);
        ulong ticks = ((ulong)ReadUInt32(block[12..]) << 32) | ReadUInt32(block[16..]);
        uint capturedLength = ReadUInt32(block[20..]);
        uint originalLength = ReadUInt32(block[24..]);
        return FinishPacket(block, offset, interfaceId, ticks, capturedLength, originalLength, dataStart: 28, out info, out data);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool FinishPacket(ReadOnlySpan<byte> block, long offset, uint interfaceId, ulong ticks, uint capturedLength,
        uint originalLength, int dataStart, out FrameInfo info, out ReadOnlySpan<byte> data)
    {
        info = default;
        data = default;
        if (interfaceId >= (uint)_sectionInterfaces.Count)
            return Damaged(offset, $"a packet refers to interface {interfaceId}, but only {_sectionInterfaces.Count} interface(s) were described before it");

        int room = block.Length - dataStart - BlockTrailerLength;
        if (capturedLength > (uint)room)
            return Damaged(offset, $"a packet claims {capturedLength} captured bytes, but its block only has room for {room}");
        if (capturedLength > CaptureLimits.MaxPacketBytes)
            return Damaged(offset, $"a packet claims {capturedLength} captured bytes, more than the maximum of {CaptureLimits.MaxPacketBytes}; the file is probably damaged");

        int optionsStart = dataStart + (int)((capturedLength + 3) & ~3u);
        if (optionsStart < block.Length - BlockTrailerLength)
            ReadPacketOptions(block[optionsStart..^BlockTrailerLength]);

        ref readonly var nic = ref CollectionsMarshal.AsSpan(_sectionInterfaces)[(int)interfaceId];
        data = block.Slice(dataStart, (int)capturedLength);
        info = new FrameInfo(
            TimestampNs: nic.Clock.ToNanoseconds(ticks),
            LinkType: nic.LinkType,
            CapturedLength: (int)capturedLength,
            OriginalLength: (int)Math.Min(originalLength, int.MaxValue),
            InterfaceId: nic.FileWideId,
            FileOffset: offset);
        return true;
    }

    // Simple Packet Block (type 3), always from the section's first interface, no timestamp:
    //   8  original length    u32
    //  12  packet data        min(original length, snaplen), padded to 4
    private bool ParseSimplePacket(ReadOnlySpan<byte> block, long offset, out FrameInfo info, out ReadOnlySpan<byte> data)
    {
        info = default;
        data = default;
        if (_sectionInterfaces.Count == 0)
            return Damaged(offset, "a simple packet block appears before any interface was described");

        var nic = _sectionInterfaces[0];
        uint originalLength = ReadUInt32(block[8..]);
        long captured = originalLength;
        if (nic.SnapLength > 0) captured = Math.Min(captured, nic.SnapLength);
        captured = Math.Min(captured, block.Length - 12 - BlockTrailerLength);
        if (captured > CaptureLimits.MaxPacketBytes)
            return Damaged(offset, $"a packet claims {captured} captured bytes, more than the maximum of {CaptureLimits.MaxPacketBytes}; the file is probably damaged");

        data = block.Slice(12, (int)captured);
        info = new FrameInfo(
            TimestampNs: 0,
            LinkType: nic.LinkType,
            CapturedLength: (int)captured,
            OriginalLength: (int)Math.Min(originalLength, int.MaxValue),
            InterfaceId: nic.FileWideId,
            FileOffset: offset);
        return true;
    }

    private void ReadPacketOptions(ReadOnlySpan<byte> options)
    {
        var reader = new PcapngOptionReader(options, IsBigEndianSection);
        while (reader.TryNext(out ushort code, out var value))
        {
            if (code != PcapngOptionCode.Comment) continue;
            string comment = PcapngOptionReader.DecodeString(value);
            _frameComment = _frameComment is null ? comment : _frameComment + "\n" + comment;
            CommentList.Add(comment);
        }
    }

    // Interface Description Block (type 1):
    //   8  link type          u16
    //  10  reserved           u16
    //  12  snaplen            u32 (0 = no limit)
    //  16  options: if_name (2), if_description (3), if_tsresol (9, one byte), if_tsoffset (14, i64 seconds), opt_comment (1)
    private bool ReadInterfaceBlock(uint length, long offset)
    {
        if (!TryBufferBlock(length, InterfaceMinLength, offset, "an interface description block", out var block))
            return false;

        int linkType = ReadUInt16(block[8..]);
        int snapLength = (int)Math.Min(ReadUInt32(block[12..]), int.MaxValue);
        string? name = null, description = null;
        byte resolution = 6;
        long offsetSeconds = 0;

        var reader = new PcapngOptionReader(block[16..^BlockTrailerLength], bigEndian: IsBigEndianSection);
        while (reader.TryNext(out ushort code, out var value))
        {
            switch (code)
            {
                case PcapngOptionCode.InterfaceName: name = PcapngOptionReader.DecodeString(value); break;
                case PcapngOptionCode.InterfaceDescription: description = PcapngOptionReader.DecodeString(value); break;
                case PcapngOptionCode.InterfaceTimestampResolution when value.Length >= 1: resolution = value[0]; break;
                case PcapngOptionCode.InterfaceTimestampOffset when value.Length >= 8: offsetSeconds = reader.ReadInt64(value); break;
                case PcapngOptionCode.Comment: CommentList.Add(PcapngOptionReader.DecodeString(value)); break;
            }
        }

        if (!TimestampClock.TryFromResolutionByte(resolution, offsetSeconds, out var clock))
            return Damaged(offset, $"an interface claims a timestamp resolution (if_tsresol 0x{resolution:x2}) that is impossible");

        _sectionInterfaces.Add(new SectionInterface(InterfaceList.Count, linkType, snapLength, clock));
        InterfaceList.Add(new CaptureInterface(linkType, snapLength, name, description, clock.UnitsPerSecond));
        Window.Advance((int)length);
        return true;
    }

    // Section Header Block (type 0a0d0d0a, the file's magic), starts a section with its own byte order and interfaces:
    //   8  byte-order magic   1a2b3c4d written in the section's byte order
    //  12  major version      u16 (1)
    //  14  minor version      u16
    //  16  section length     i64, -1 when unknown
    //  24  options: shb_comment (1), shb_hardware (2), shb_os (3), shb_userappl (4)
    // problem is null when the block was cut short (or the read failed), otherwise says what is wrong.
    private bool TryReadSectionHeader(long offset, out string? problem)
    {
        problem = null;
        var window = Window;
        if (!window.Ensure(12))
        {
            if (offset == 0) problem = "appears to have been cut short in its pcapng section header";
            return false;
        }

        uint byteOrderMagic = BinaryPrimitives.ReadUInt32LittleEndian(window.Peek(12)[8..]);
        if (byteOrderMagic == PcapngBlockType.ByteOrderMagic) _swapBytes = false;
        else if (byteOrderMagic == BinaryPrimitives.ReverseEndianness(PcapngBlockType.ByteOrderMagic)) _swapBytes = true;
        else
        {
            problem = offset == 0
                ? $"starts like pcapng but has an unknown byte-order mark ({byteOrderMagic:x8})"
                : $"a section header has an unknown byte-order mark ({byteOrderMagic:x8})";
            return false;
        }

        uint length = ReadUInt32(window.Peek(8)[4..]);
        if (length < SectionHeaderMinLength || length % 4 != 0 || length > CaptureLimits.MaxBufferedBlockBytes)
        {
            problem = offset == 0
                ? $"has a pcapng section header that claims length {length}, which is impossible"
                : $"a block claims length {length}, which is impossible";
            return false;
        }
        if (!window.Ensure((int)length))
        {
            if (offset == 0) problem = "appears to have been cut short in its pcapng section header";
            return false;
        }

        var block = window.Peek((int)length);
        if (ReadUInt32(block[^4..]) != length)
        {
            problem = $"a block's length fields disagree ({length} at the start, {ReadUInt32(block[^4..])} at the end)";
            if (offset == 0) problem = "has a damaged pcapng section header: " + problem;
            return false;
        }
        int major = ReadUInt16(block[12..]);
        if (major != 1)
        {
            problem = $"uses pcapng version {major}.{ReadUInt16(block[14..])}, which Sniffer doesn't understand";
            if (offset != 0) problem = "a section " + problem;
            return false;
        }

        var reader = new PcapngOptionReader(block[24..^BlockTrailerLength], bigEndian: IsBigEndianSection);
        while (reader.TryNext(out ushort code, out var value))
        {
            if (code == PcapngOptionCode.Comment) CommentList.Add(PcapngOptionReader.DecodeString(value));
        }

        _sectionInterfaces.Clear();
        window.Advance((int)length);
        return true;
    }

    /// <summary>Checks a block's declared length and brings the whole block into the window.</summary>
    private bool TryBufferBlock(uint length, int minimum, long offset, string what, out ReadOnlySpan<byte> block)
    {
        block = default;
        if (length < minimum || length % 4 != 0 || length > CaptureLimits.MaxBufferedBlockBytes)
            return Damaged(offset, $"a block claims length {length}, which is impossible");
        if (!Window.Ensure((int)length))
            return CutShort(offset, what);

        block = Window.Peek((int)length);
        uint trailer = ReadUInt32(block[^4..]);
        if (trailer != length)
            return Damaged(offset, $"a block's length fields disagree ({length} at the start, {trailer} at the end)");
        return true;
    }

    private bool SkipBlock(uint length, long offset)
    {
        if (length < BlockHeaderLength + BlockTrailerLength || length % 4 != 0 || length > CaptureLimits.MaxSkippedBlockBytes)
            return Damaged(offset, $"a block claims length {length}, which is impossible");
        var window = Window;
        if (!window.Skip(length - BlockTrailerLength) || !window.Ensure(BlockTrailerLength))
            return CutShort(offset, "a block");

        uint trailer = ReadUInt32(window.Peek(BlockTrailerLength));
        if (trailer != length)
            return Damaged(offset, $"a block's length fields disagree ({length} at the start, {trailer} at the end)");
        window.Advance(BlockTrailerLength);
        return true;
    }

    // Fields are read little-endian and swapped when needed, so "swap" means the section is big-endian.
    private bool IsBigEndianSection => _swapBytes;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint ReadUInt32(ReadOnlySpan<byte> bytes)
    {
        uint value = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        return _swapBytes ? BinaryPrimitives.ReverseEndianness(value) : value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort ReadUInt16(ReadOnlySpan<byte> bytes)
    {
        ushort value = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        return _swapBytes ? BinaryPrimitives.ReverseEndianness(value) : value;
    }
}
