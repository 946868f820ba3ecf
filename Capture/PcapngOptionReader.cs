using System.Buffers.Binary;
using System.Text;

namespace Sniffer.Capture;

/// <summary>
/// Walks the option list at the end of a pcapng block.
/// Options are metadata, so a malformed list ends the walk quietly instead of condemning the packet.
/// </summary>
internal ref struct PcapngOptionReader
{
    private ReadOnlySpan<byte> _rest;
    private readonly bool _bigEndian;

    public PcapngOptionReader(ReadOnlySpan<byte> options, bool bigEndian)
    {
        _rest = options;
        _bigEndian = bigEndian;
    }

    // Each option, padded to a multiple of 4 bytes:
    //   0  code     u16 (0 = opt_endofopt, ends the list)
    //   2  length   u16, length of value without padding
    //   4  value    [length] bytes, then zero padding
    public bool TryNext(out ushort code, out ReadOnlySpan<byte> value)
    {
        code = 0;
        value = default;
        if (_rest.Length < 4) return false;

        code = ReadUInt16(_rest);
        int length = ReadUInt16(_rest[2..]);
        if (code == PcapngOptionCode.EndOfOptions || length > _rest.Length - 4) return false;

        value = _rest.Slice(4, length);
        int step = 4 + ((length + 3) & ~3);
        _rest = step >= _rest.Length ? default : _rest[step..];
        return true;
    }

    public readonly ushort ReadUInt16(ReadOnlySpan<byte> bytes) =>
        _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);

    public readonly long ReadInt64(ReadOnlySpan<byte> bytes) =>
        _bigEndian ? BinaryPrimitives.ReadInt64BigEndian(bytes) : BinaryPrimitives.ReadInt64LittleEndian(bytes);

    /// <summary>Option strings are UTF-8 and not NUL-terminated, though some writers add a NUL anyway.</summary>
    public static string DecodeString(ReadOnlySpan<byte> value) => Encoding.UTF8.GetString(value.TrimEnd((byte)0));
}
