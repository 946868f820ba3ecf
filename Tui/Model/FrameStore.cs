using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using Sniffer.Capture;

namespace Sniffer.Tui.Model;

/// <summary>
/// Reads single frames back from the capture file by the record offset the index stored, so only the
/// rows on screen and the selected packet ever get their bytes loaded. Positional reads
/// (RandomAccess) keep it safe to use from the UI and a background filter at once.
/// A pass over many consecutive frames (the filter) uses a <see cref="FrameCursor"/> instead.
/// </summary>
public sealed class FrameStore : IDisposable
{
    /// <summary>The longest record header before the frame's bytes (a pcapng Enhanced Packet Block).</summary>
    internal const int MaxRecordHeader = 28;
    internal const int MaxFrameBytes = 64 << 20; // sanity cap; the reader already rejected absurd lengths while indexing
    private const int PcapRecordHeader = 16;
    private const uint EnhancedPacketBlock = 6, SimplePacketBlock = 3, ObsoletePacketBlock = 2;

    private readonly SafeFileHandle _file;
    private readonly bool _isPcapng;
    private readonly bool _pcapSwapped;
    private volatile CaptureInterface[] _interfaces = Array.Empty<CaptureInterface>();

    public FrameStore(string path, bool isPcapng)
    {
        _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        _isPcapng = isPcapng;
        if (!isPcapng)
        {
            Span<byte> magic = stackalloc byte[4];
            RandomAccess.Read(_file, magic, 0);
            uint m = BinaryPrimitives.ReadUInt32LittleEndian(magic);
            _pcapSwapped = m is not (0xA1B2C3D4 or 0xA1B23C4D);
        }
    }

    /// <summary>The interfaces the reader has described so far (for link types of pcapng frames).</summary>
    public void UpdateInterfaces(IReadOnlyList<CaptureInterface> interfaces)
    {
        if (interfaces.Count != _interfaces.Length) _interfaces = interfaces.ToArray();
    }

    public int DefaultLinkType { get; set; } = 1;

    /// <summary>The interfaces described so far (names for the frame tree).</summary>
    public IReadOnlyList<CaptureInterface> Interfaces => _interfaces;

    /// <summary>Reads one frame's bytes and rebuilds its FrameInfo; false if the file no longer matches.</summary>
    public bool TryRead(in IndexEntry entry, out FrameInfo info, out byte[] data)
    {
        data = Array.Empty<byte>();
        Span<byte> header = stackalloc byte[MaxRecordHeader];
        int got = ReadAt(entry.FileOffset, header);
        if (!TryDescribe(header[..got], entry, out info, out int dataStart)) return false;
        data = new byte[info.CapturedLength];
        if (ReadAt(entry.FileOffset + dataStart, data) != data.Length) { info = default; data = Array.Empty<byte>(); return false; }
        return true;
    }

    /// <summary>A cursor for reading many frames in file order through one large buffer.</summary>
    public FrameCursor OpenCursor() => new(this);

    /// <summary>Fills as much of <paramref name="into"/> as the file has at <paramref name="offset"/>; returns the bytes read.</summary>
    internal int ReadAt(long offset, Span<byte> into)
    {
        int total = 0;
        while (total < into.Length)
        {
            int n = RandomAccess.Read(_file, into[total..], offset + total);
            if (n <= 0) break; // end of file (a live spool may not have the rest yet)
            total += n;
        }
        return total;
    }

    /// <summary>
    /// Reads the record header at the start of <paramref name="header"/> (as many bytes as the file had, up
    /// to <see cref="MaxRecordHeader"/>) and rebuilds the frame's FrameInfo; <paramref name="dataStart"/> is
    /// where the frame's bytes begin, counted from the record's start. False when the header is cut or absurd.
    /// </summary>
    internal bool TryDescribe(ReadOnlySpan<byte> header, in IndexEntry entry, out FrameInfo info, out int dataStart)
    {
        info = default;
        int capturedLength, interfaceId = 0;
        uint originalLength;
        if (!_isPcapng)
        {
            dataStart = PcapRecordHeader;
            if (header.Length < PcapRecordHeader) return false;
            uint incl = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
            uint orig = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
            capturedLength = (int)(_pcapSwapped ? BinaryPrimitives.ReverseEndianness(incl) : incl);
            originalLength = _pcapSwapped ? BinaryPrimitives.ReverseEndianness(orig) : orig;
        }
        else
        {
            dataStart = 12;
            if (header.Length < 12) return false;
            uint typeLe = BinaryPrimitives.ReadUInt32LittleEndian(header);
            bool bigEndian = typeLe is not (EnhancedPacketBlock or SimplePacketBlock or ObsoletePacketBlock);
            uint Read32(ReadOnlySpan<byte> b) => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);
            uint type = Read32(header);
            if (type == SimplePacketBlock)
            {
                uint blockLength = Read32(header[4..]);
                originalLength = Read32(header[8..]);
                capturedLength = (int)Math.Min(originalLength, blockLength - 16);
            }
            else
            {
                dataStart = MaxRecordHeader;
                if (header.Length < MaxRecordHeader) return false;
                interfaceId = type == ObsoletePacketBlock
                    ? (bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(header[8..]) : BinaryPrimitives.ReadUInt16LittleEndian(header[8..]))
                    : (int)Read32(header[8..]);
                capturedLength = (int)Read32(header[20..]);
                originalLength = Read32(header[24..]);
            }
        }
        if (capturedLength < 0 || capturedLength > MaxFrameBytes) return false;

        var interfaces = _interfaces;
        // Interface ids are per section in pcapng; multi-section files map by the first section's list.
        int linkType = (uint)interfaceId < (uint)interfaces.Length ? interfaces[interfaceId].LinkType : DefaultLinkType;
        // The original length comes from the record, as the reader took it (the index does not need to keep it).
        info = new FrameInfo(entry.TimestampNs, linkType, capturedLength, (int)Math.Min(originalLength, int.MaxValue), interfaceId, entry.FileOffset);
        return true;
    }

    public void Dispose() => _file.Dispose();
}
