using System.Buffers.Binary;

namespace Sniffer.Tests.Capture;

/// <summary>
/// Where each record of a capture starts and ends, worked out independently of the reader under test,
/// so truncation tests know which record a cut falls into.
/// </summary>
internal sealed record RecordLayout(long HeaderEnd, List<(long Start, long End)> Records)
{
    public static RecordLayout Of(byte[] file)
    {
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        return magic == 0x0A0D0D0A ? OfPcapng(file) : OfPcap(file);
    }

    private static RecordLayout OfPcap(byte[] file)
    {
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        bool bigEndian = magic is 0xD4C3B2A1 or 0x4D3CB2A1;
        var records = new List<(long Start, long End)>();
        long offset = 24;
        while (offset + 16 <= file.Length)
        {
            var captured = file.AsSpan((int)offset + 8, 4);
            long length = 16 + (bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(captured) : BinaryPrimitives.ReadUInt32LittleEndian(captured));
            records.Add((offset, offset + length));
            offset += length;
        }
        return new RecordLayout(24, records);
    }

    private static RecordLayout OfPcapng(byte[] file)
    {
        var records = new List<(long Start, long End)>();
        bool bigEndian = false;
        long offset = 0;
        while (offset + 12 <= file.Length)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((int)offset)) == 0x0A0D0D0A)
                bigEndian = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((int)offset + 8)) != 0x1A2B3C4D;
            var lengthField = file.AsSpan((int)offset + 4, 4);
            long length = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(lengthField) : BinaryPrimitives.ReadUInt32LittleEndian(lengthField);
            records.Add((offset, offset + length));
            offset += length;
        }
        // The first section header plays the part of the file header: a file cut inside it cannot be opened.
        long headerEnd = records[0].End;
        records.RemoveAt(0);
        return new RecordLayout(headerEnd, records);
    }
}
