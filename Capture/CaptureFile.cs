using System.Buffers.Binary;
using System.IO.Compression;

namespace Sniffer.Capture;

/// <summary>Opens capture files by their content (magic bytes), never by their extension.</summary>
public static class CaptureFile
{
    private const uint PcapMicro = 0xA1B2C3D4;
    private const uint PcapNano = 0xA1B23C4D;
    private const int MagicLength = 4;

    /// <summary>
    /// Opens a pcap, pcapng, or gzip-compressed pcap/pcapng file.
    /// Throws <see cref="CaptureOpenException"/> (with a message fit for the user) when that is impossible.
    /// </summary>
    public static ICaptureReader Open(string path) => Open(path, CaptureLimits.DefaultWindowBytes);

    internal static ICaptureReader Open(string path, int windowBytes)
    {
        if (Directory.Exists(path))
            throw new CaptureOpenException($"sniffer: \"{path}\" is a directory, not a capture file.");

        FileStream file;
        try
        {
            // bufferSize 0: the reader does its own (much larger) buffering; a second copy would only cost time.
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
                bufferSize: 0, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CaptureOpenException($"sniffer: the file \"{path}\" does not exist.", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CaptureOpenException($"sniffer: the file \"{path}\" could not be opened: permission denied.", e);
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException)
        {
            throw new CaptureOpenException($"sniffer: the file \"{path}\" could not be opened: {e.Message}", e);
        }

        try
        {
            return OpenStream(file, path, windowBytes);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads a capture from any readable stream (stdin, memory, a network pipe). The reader owns the
    /// stream and disposes it. <paramref name="displayName"/> is used in messages and errors.
    /// </summary>
    public static ICaptureReader OpenStream(Stream stream, string displayName) =>
        OpenStream(stream, displayName, CaptureLimits.DefaultWindowBytes);

    internal static ICaptureReader OpenStream(Stream stream, string displayName, int windowBytes)
    {
        var (magic, source) = SniffMagic(stream, displayName);
        if (magic.Length == 0)
            throw new CaptureOpenException($"sniffer: the file \"{displayName}\" is empty.");

        string suffix = "";
        if (magic.Length >= 2 && magic[0] == 0x1F && magic[1] == 0x8B)
        {
            // GZipStream pulls small chunks from its source; a buffer in between keeps system calls rare.
            var decompressed = new GZipStream(new BufferedStream(source, 1 << 16), CompressionMode.Decompress);
            (magic, source) = SniffMagic(decompressed, displayName);
            if (magic.Length == 0)
                throw new CaptureOpenException($"sniffer: the file \"{displayName}\" is gzip-compressed, but empty inside.");
            suffix = ".gz";
        }

        var window = new ByteWindow(source, suffix.Length == 0 ? FitWindow(source, windowBytes) : windowBytes, CaptureLimits.MaxBufferedBlockBytes);
        uint littleEndian = magic.Length == MagicLength ? BinaryPrimitives.ReadUInt32LittleEndian(magic) : 0;
        uint bigEndian = magic.Length == MagicLength ? BinaryPrimitives.ReadUInt32BigEndian(magic) : 0;

        if (littleEndian is PcapMicro or PcapNano || bigEndian is PcapMicro or PcapNano)
            return new PcapFileReader(window, displayName, "pcap" + suffix);
        if (littleEndian == PcapngBlockType.SectionHeader)
            return new PcapngFileReader(window, displayName, "pcapng" + suffix);

        string inside = suffix.Length > 0 ? "is gzip-compressed, but what's inside isn't" : "isn't";
        throw new CaptureOpenException(
            $"sniffer: the file \"{displayName}\" {inside} a capture file in a format Sniffer understands (first bytes {SpacedHex(magic)}).");
    }

    /// <summary>
    /// A capture smaller than the window does not need all of it: a 40 KiB file read with a 1 MiB buffer
    /// costs a large-object allocation (and the full collections they bring) per open, which is what opening
    /// many small files (the corpus sweep, the fuzzer's reader targets, the TUI) mostly paid for. The window
    /// still grows on demand for a record larger than it.
    /// </summary>
    private static int FitWindow(Stream source, int windowBytes)
    {
        const int MinimumWindow = 64 * 1024;
        if (!source.CanSeek || windowBytes <= MinimumWindow) return windowBytes;
        long remaining = source.Length - source.Position;
        return remaining < windowBytes ? (int)Math.Max(MinimumWindow, remaining) : windowBytes;
    }

    /// <summary>Reads the first bytes, then returns a stream that still yields them, seekable or not.</summary>
    private static (byte[] Magic, Stream Source) SniffMagic(Stream stream, string displayName)
    {
        var magic = new byte[MagicLength];
        int filled = 0;
        try
        {
            while (filled < MagicLength)
            {
                int read = stream.Read(magic, filled, MagicLength - filled);
                if (read <= 0) break;
                filled += read;
            }
        }
        catch (InvalidDataException e)
        {
            throw new CaptureOpenException($"sniffer: the file \"{displayName}\" looks gzip-compressed, but the compressed data is damaged ({e.Message}).", e);
        }
        catch (IOException e)
        {
            throw new CaptureOpenException($"sniffer: the file \"{displayName}\" could not be read: {e.Message}", e);
        }

        var found = magic.AsSpan(0, filled).ToArray();
        if (stream.CanSeek)
        {
            stream.Seek(-filled, SeekOrigin.Current);
            return (found, stream);
        }
        return (found, new PrefixedStream(found, stream));
    }

    private static string SpacedHex(ReadOnlySpan<byte> bytes)
    {
        var text = new System.Text.StringBuilder(bytes.Length * 3);
        foreach (byte b in bytes)
        {
            if (text.Length > 0) text.Append(' ');
            text.Append(b.ToString("x2"));
        }
        return text.ToString();
    }
}
