namespace Sniffer.Dissectors.Core;

/// <summary>
/// Where a <see cref="PduStream"/> keeps the reassembled PDUs of its frames for revisits. The analysis
/// layer supplies one that lives on disk, so remembering does not hold the capture's payloads in memory.
/// </summary>
public interface IPduDataStore
{
    /// <summary>Keeps <paramref name="data"/> and returns the handle that loads it again.</summary>
    long Save(ReadOnlySpan<byte> data);

    byte[] Load(long handle);
}
