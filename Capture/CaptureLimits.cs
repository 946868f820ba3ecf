namespace Sniffer.Capture;

/// <summary>Sizes that bound how much memory a (possibly hostile) file can make us use.</summary>
internal static class CaptureLimits
{
    /// <summary>Largest captured length we accept for one packet; the same ceiling tshark uses for ordinary link types.</summary>
    public const int MaxPacketBytes = 262_144;

    /// <summary>Largest pcapng block we are willing to hold in memory to parse (headers, interfaces, packets with options).</summary>
    public const int MaxBufferedBlockBytes = 16 * 1024 * 1024;

    /// <summary>Largest pcapng block we accept even when only skipping it; anything bigger means the length field is garbage.</summary>
    public const long MaxSkippedBlockBytes = 128L * 1024 * 1024;

    /// <summary>Default read window: large enough that refills are rare, small enough to stay in L2/L3 cache territory.</summary>
    public const int DefaultWindowBytes = 1024 * 1024;
}
