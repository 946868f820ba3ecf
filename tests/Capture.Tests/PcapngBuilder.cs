using System.Buffers.Binary;
using System.Text;

namespace Sniffer.Tests.Capture;

/// <summary>Writes pcapng blocks for synthetic test cases; each call appends one block.</summary>
internal sealed class PcapngBuilder
{
    private readonly MemoryStream _bytes = new();
    private bool _bigEndian;

    public PcapngBuilder(bool bigEndian = false, string? comment = null)
    {
        Section(bigEndian, comment);
    }

    /// <summary>Offsets at which each block started, in order.</summary>
    public List<long> BlockOffsets { get; } = new();

    public PcapngBuilder Section(bool bigEndian, string? comment = null)
    {
        _bigEndian = bigEndian;
        var body = new Body(bigEndian);
        body.U32(0x1A2B3C4D).U16(1).U16(0).U64(ulong.MaxValue);
        if (comment is not null) body.Option(1, Encoding.UTF8.GetBytes(comment)).EndOfOptions();
        return Block(0x0A0D0D0A, body);
    }

    public PcapngBuilder Interface(ushort linkType, uint snapLength = 0, string? name = null, string? description = null,
        byte? tsresol = null, long? tsoffset = null, string? comment = null)
    {
        var body = new Body(_bigEndian);
        body.U16(linkType).U16(0).U32(snapLength);
        bool options = false;
        if (comment is not null) { body.Option(1, Encoding.UTF8.GetBytes(comment)); options = true; }
        if (name is not null) { body.Option(2, Encoding.UTF8.GetBytes(name)); options = true; }
        if (description is not null) { body.Option(3, Encoding.UTF8.GetBytes(description)); options = true; }
        if (tsresol is not null) { body.Option(9, [tsresol.Value]); options = true; }
        if (tsoffset is not null) { body.Option(14, new Body(_bigEndian).U64((ulong)tsoffset.Value).ToArray()); options = true; }
        if (options) body.EndOfOptions();
        return Block(1, body);
    }

    public PcapngBuilder Enhanced(uint interfaceId, ulong ticks, byte[] data, uint? originalLength = null, string? comment = null,
        uint? capturedLengthField = null)
    {
        var body = new Body(_bigEndian);
        body.U32(interfaceId).U32((uint)(ticks >> 32)).U32((uint)ticks)
            .U32(capturedLengthField ?? (uint)data.Length).U32(originalLength ?? (uint)data.Length).Padded(data);
        if (comment is not null) body.Option(1, Encoding.UTF8.GetBytes(comment)).EndOfOptions();
        return Block(6, body);
    }

    public PcapngBuilder Simple(uint originalLength, byte[] data)
    {
        var body = new Body(_bigEndian);
        body.U32(originalLength).Padded(data);
        return Block(3, body);
    }

    public PcapngBuilder ObsoletePacket(ushort interfaceId, ulong ticks, byte[] data, uint? originalLength = null)
    {
        var body = new Body(_bigEndian);
        body.U16(interfaceId).U16(0).U32((uint)(ticks >> 32)).U32((uint)ticks)
            .U32((uint)data.Length).U32(originalLength ?? (uint)data.Length).Padded(data);
        return Block(2, body);
    }

    public PcapngBuilder NameResolution()
    {
        var body = new Body(_bigEndian);
        body.U16(1).U16(8).Raw([10, 0, 0, 1, (byte)'a', (byte)'.', (byte)'b', 0]).U16(0).U16(0);
        return Block(4, body);
    }

    public PcapngBuilder InterfaceStatistics(uint interfaceId)
    {
        var body = new Body(_bigEndian);
        body.U32(interfaceId).U32(0).U32(0).Option(4, new Body(_bigEndian).U64(7).ToArray()).EndOfOptions();
        return Block(5, body);
    }

    public PcapngBuilder DecryptionSecrets()
    {
        var body = new Body(_bigEndian);
        body.U32(0x544c534b).U32(5).Padded(Encoding.ASCII.GetBytes("hello"));
        return Block(0x0A, body);
    }

    public PcapngBuilder Custom(uint type = 0xBAD)
    {
        var body = new Body(_bigEndian);
        body.U32(32473).Padded([1, 2, 3]);
        return Block(type, body);
    }

    /// <summary>Appends a block with an arbitrary type and raw body, optionally lying about its lengths.</summary>
    public PcapngBuilder RawBlock(uint type, byte[] body, uint? leadingLength = null, uint? trailingLength = null)
    {
        uint length = (uint)(12 + body.Length);
        BlockOffsets.Add(_bytes.Length);
        var framing = new Body(_bigEndian);
        framing.U32(type).U32(leadingLength ?? length).Raw(body).U32(trailingLength ?? length);
        _bytes.Write(framing.ToArray());
        return this;
    }

    public byte[] ToArray() => _bytes.ToArray();

    private PcapngBuilder Block(uint type, Body body) => RawBlock(type, body.ToArray());

    /// <summary>Block body fields in the section's byte order.</summary>
    private sealed class Body(bool bigEndian)
    {
        private readonly MemoryStream _stream = new();

        public Body U16(ushort v) { Span<byte> b = stackalloc byte[2]; if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(b, v); else BinaryPrimitives.WriteUInt16LittleEndian(b, v); _stream.Write(b); return this; }
        public Body U32(uint v) { Span<byte> b = stackalloc byte[4]; if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(b, v); else BinaryPrimitives.WriteUInt32LittleEndian(b, v); _stream.Write(b); return this; }
        public Body U64(ulong v) { Span<byte> b = stackalloc byte[8]; if (bigEndian) BinaryPrimitives.WriteUInt64BigEndian(b, v); else BinaryPrimitives.WriteUInt64LittleEndian(b, v); _stream.Write(b); return this; }
        public Body Raw(byte[] data) { _stream.Write(data); return this; }
        public Body Padded(byte[] data) { _stream.Write(data); _stream.Write(new byte[(4 - data.Length % 4) % 4]); return this; }
        public Body Option(ushort code, byte[] value) => U16(code).U16((ushort)value.Length).Padded(value);
        public Body EndOfOptions() => U16(0).U16(0);
        public byte[] ToArray() => _stream.ToArray();
    }
}
