using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using Sniffer.Capture;

namespace Sniffer.Tui.Model;

/// <summary>
/// Reads single frames back from the capture file by the record offset the index stored, so only the
/// rows on screen and the selected packet ever get their bytes loaded. Positional reads
/// (RandomAccess) keep it safe to use from the UI and a background filter at once.
/// </summary>
public sealed class FrameStore : IDisposable
{
    private const int PcapRecordHeader = 16;
    private const int MaxFrameBytes = 64 << 20; // sanity cap; the reader already rejected absurd lengths while indexing
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
        info = default;
        data = Array.Empty<byte>();
        Span<byte> header = stackalloc byte[28];
        int got = RandomAccess.Read(_file, header, entry.FileOffset);
        int capturedLength, interfaceId = 0, dataStart;
        uint originalLength;
        if (!_isPcapng)
        {
            if (got < PcapRecordHeader) return false;
            uint ReadPcap32(ReadOnlySpan<byte> b) =>
                _pcapSwapped ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);
            capturedLength = (int)ReadPcap32(header[8..]);
            originalLength = ReadPcap32(header[12..]);
            dataStart = PcapRecordHeader;
        }
        else
        {
            if (got < 12) return false;
            uint typeLe = BinaryPrimitives.ReadUInt32LittleEndian(header);
            bool bigEndian = typeLe is not (EnhancedPacketBlock or SimplePacketBlock or ObsoletePacketBlock);
            uint Read32(ReadOnlySpan<byte> b) => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);
            uint type = Read32(header);
            if (type == SimplePacketBlock)
            {
                uint blockLength = Read32(header[4..]);
                originalLength = Read32(header[8..]);
                capturedLength = (int)Math.Min(originalLength, blockLength - 16);
                dataStart = 12;
            }
            else
            {
                if (got < 28) return false;
                interfaceId = type == ObsoletePacketBlock
                    ? (bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(header[8..]) : BinaryPrimitives.ReadUInt16LittleEndian(header[8..]))
                    : (int)Read32(header[8..]);
                capturedLength = (int)Read32(header[20..]);
                originalLength = Read32(header[24..]);
                dataStart = 28;
            }
        }
        if (capturedLength < 0 || capturedLength > MaxFrameBytes) return false;
        data = new byte[capturedLength];
        if (RandomAccess.Read(_file, data, entry.FileOffset + dataStart) != capturedLength) return false;

        var interfaces = _interfaces;
        // Interface ids are per section in pcapng; multi-section files map by the first section's list.
        int linkType = (uint)interfaceId < (uint)interfaces.Length ? interfaces[interfaceId].LinkType : DefaultLinkType;
        info = new FrameInfo(entry.TimestampNs, linkType, capturedLength, (int)Math.Min(originalLength, int.MaxValue), interfaceId, entry.FileOffset);
        return true;
    }

    public void Dispose() => _file.Dispose();
}
