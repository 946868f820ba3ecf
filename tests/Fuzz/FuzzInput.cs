namespace Sniffer.Fuzz;

/// <summary>One frame as a capture holds it: its link type and bytes, and the length it had on the wire.</summary>
public sealed record FuzzFrame(int LinkType, byte[] Data, int OriginalLength);

/// <summary>What one fuzz iteration feeds the code under test: frames in order, or the bytes of a whole capture file.</summary>
public sealed record FuzzInput(IReadOnlyList<FuzzFrame>? Frames, byte[]? File)
{
    public static FuzzInput OfFrame(FuzzFrame frame) => new([frame], null);

    public static FuzzInput OfFile(byte[] bytes) => new(null, bytes);

    /// <summary>Bytes to save for reproducing it: the file itself, or the frames as a pcap that ./sniffer -r opens.</summary>
    public byte[] ToReproducer() => File ?? PcapBytes.Write(Frames!);

    public int Size => File?.Length ?? Frames!.Sum(f => f.Data.Length);
}
