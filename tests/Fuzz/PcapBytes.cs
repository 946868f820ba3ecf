using System.Buffers.Binary;

namespace Sniffer.Fuzz;

/// <summary>Frames as a classic little-endian pcap (microseconds), for inputs and reproducers.</summary>
public static class PcapBytes
{
    public static byte[] Write(IReadOnlyList<FuzzFrame> frames)
    {
        int linkType = frames.Count > 0 ? frames[0].LinkType : 1;
        using var output = new MemoryStream();
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 262144);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)linkType);
        output.Write(header);
        Span<byte> record = stackalloc byte[16];
        for (int i = 0; i < frames.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(record, 1_700_000_000);
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(i * 1000 % 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frames[i].Data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)Math.Max(frames[i].OriginalLength, frames[i].Data.Length));
            output.Write(record);
            output.Write(frames[i].Data);
        }
        return output.ToArray();
    }
}
