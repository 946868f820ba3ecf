namespace Sniffer.Cli.Rendering;

/// <summary>-x: offset, sixteen bytes in hex, and their ASCII, as tshark prints them.</summary>
public static class HexDumpRenderer
{
    public static void Render(TextWriter output, ReadOnlySpan<byte> data)
    {
        Span<char> line = stackalloc char[4 + 2 + 16 * 3 - 1 + 3 + 16];
        for (int offset = 0; offset < data.Length; offset += 16)
        {
            var chunk = data.Slice(offset, Math.Min(16, data.Length - offset));
            line.Fill(' ');
            WriteHex((uint)offset, line[..4]);
            for (int i = 0; i < chunk.Length; i++)
            {
                line[6 + i * 3] = Hex(chunk[i] >> 4);
                line[7 + i * 3] = Hex(chunk[i] & 15);
                line[6 + 16 * 3 - 1 + 3 + i] = chunk[i] is >= 0x20 and < 0x7f ? (char)chunk[i] : '.';
            }
            output.Write(line[..(6 + 16 * 3 - 1 + 3 + chunk.Length)]);
            output.Write('\n');
        }
    }

    private static char Hex(int nibble) => "0123456789abcdef"[nibble];

    private static void WriteHex(uint value, Span<char> into)
    {
        for (int i = into.Length - 1; i >= 0; i--, value >>= 4) into[i] = Hex((int)(value & 15));
    }
}
