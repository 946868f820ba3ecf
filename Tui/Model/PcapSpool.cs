using System.Buffers.Binary;
using Sniffer.Capture;

namespace Sniffer.Tui.Model;

/// <summary>
/// Where a live capture in the UI keeps its frames: a plain pcap file (nanosecond timestamps), written
/// by the capture thread and read back by offset like any other capture. Each frame is flushed at
/// once so a row can be read back the moment it is indexed.
/// </summary>
public sealed class PcapSpool : IDisposable
{
    private readonly FileStream _file;
    private readonly byte[] _header = new byte[16];

    public PcapSpool(string path, int linkType, int snapLength)
    {
        Path = path;
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        Span<byte> h = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(h, 0xA1B23C4D); // nanosecond pcap
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], (uint)snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(h[20..], (uint)linkType);
        _file.Write(h);
        _file.Flush();
    }

    public string Path { get; }
    public long Length => _file.Position;

    /// <summary>Appends one frame and returns the offset of its record.</summary>
    public long Append(in FrameInfo info, ReadOnlySpan<byte> data)
    {
        long offset = _file.Position;
        long seconds = info.TimestampNs / 1_000_000_000, nanos = info.TimestampNs % 1_000_000_000;
        BinaryPrimitives.WriteUInt32LittleEndian(_header, (uint)seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(4), (uint)nanos);
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(8), (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(12), (uint)info.OriginalLength);
        _file.Write(_header);
        _file.Write(data);
        _file.Flush();
        return offset;
    }

    public void Dispose() => _file.Dispose();
}
