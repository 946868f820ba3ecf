using System.Buffers.Binary;

namespace Sniffer.Tests.Capture;

/// <summary>Writes classic pcap bytes for synthetic test cases.</summary>
internal sealed class PcapBuilder
{
    private readonly MemoryStream _bytes = new();
    private readonly bool _bigEndian;

    public PcapBuilder(bool bigEndian = false, bool nanoseconds = false, uint linkTypeField = 1, uint snapLength = 65535)
    {
        _bigEndian = bigEndian;
        U32(nanoseconds ? 0xA1B23C4Du : 0xA1B2C3D4u);
        U16(2);
        U16(4);
        U32(0);
        U32(0);
        U32(snapLength);
        U32(linkTypeField);
    }

    public PcapBuilder Packet(uint seconds, uint fraction, byte[] data, uint? originalLength = null, uint? capturedLengthField = null)
    {
        U32(seconds);
        U32(fraction);
        U32(capturedLengthField ?? (uint)data.Length);
        U32(originalLength ?? (uint)data.Length);
        _bytes.Write(data);
        return this;
    }

    public byte[] ToArray() => _bytes.ToArray();

    private void U16(ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        if (_bigEndian) BinaryPrimitives.WriteUInt16BigEndian(b, value); else BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        _bytes.Write(b);
    }

    private void U32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        if (_bigEndian) BinaryPrimitives.WriteUInt32BigEndian(b, value); else BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        _bytes.Write(b);
    }

    public static byte[] Payload(int length, byte seed = 0)
    {
        var data = new byte[length];
        for (int i = 0; i < length; i++) data[i] = (byte)(seed + i);
        return data;
    }
}
