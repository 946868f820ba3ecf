using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Sniffer.Capture;

/// <summary>
/// Assembles one pcapng block in memory: body fields, then options, then the length trailer.
/// Used for the rare blocks (SHB, IDB, ISB); EPBs are streamed without a copy.
/// </summary>
internal sealed class PcapngBlockBuilder
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public PcapngBlockBuilder Begin(uint blockType)
    {
        _buffer.ResetWrittenCount();
        UInt32(blockType);
        UInt32(0); // total length, patched in Finish
        return this;
    }

    public PcapngBlockBuilder UInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.GetSpan(2), value);
        _buffer.Advance(2);
        return this;
    }

    public PcapngBlockBuilder UInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    public PcapngBlockBuilder Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }

    /// <summary>pcapng timestamps are two 32-bit halves, high first.</summary>
    public PcapngBlockBuilder Timestamp(long units) => UInt32((uint)((ulong)units >> 32)).UInt32((uint)units);

    // Option: u16 code, u16 length, value padded to 32 bits.
    public PcapngBlockBuilder Option(ushort code, ReadOnlySpan<byte> value)
    {
        UInt16(code).UInt16((ushort)value.Length);
        _buffer.Write(value);
        Pad();
        return this;
    }

    public PcapngBlockBuilder Option(ushort code, string? value)
    {
        if (string.IsNullOrEmpty(value)) return this;
        return Option(code, Encoding.UTF8.GetBytes(value));
    }

    public PcapngBlockBuilder Option(ushort code, byte value) => Option(code, [value]);

    public PcapngBlockBuilder OptionUInt64(ushort code, long? value)
    {
        if (value is not { } v) return this;
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)v);
        return Option(code, bytes);
    }

    public PcapngBlockBuilder OptionTimestamp(ushort code, long units)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)((ulong)units >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[4..], (uint)units);
        return Option(code, bytes);
    }

    /// <summary>Closes the option list (opt_endofopt) and the block; returns the finished bytes.</summary>
    public ReadOnlySpan<byte> Finish(bool hasOptions)
    {
        if (hasOptions) UInt16(0).UInt16(0);
        int total = _buffer.WrittenCount + 4;
        UInt32((uint)total);
        Span<byte> block = MemoryMarshal.AsMemory(_buffer.WrittenMemory).Span;
        BinaryPrimitives.WriteUInt32LittleEndian(block[4..], (uint)total);
        return block;
    }

    private void Pad()
    {
        int pad = (4 - _buffer.WrittenCount % 4) % 4;
        if (pad == 0) return;
        _buffer.GetSpan(pad)[..pad].Clear();
        _buffer.Advance(pad);
    }
}
