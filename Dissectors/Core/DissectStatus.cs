namespace Sniffer.Dissectors.Core;

public enum DissectStatus : byte
{
    /// <summary>Everything the header promised was there and made sense.</summary>
    Complete,
    /// <summary>The capture cut the packet short (snaplen): not the packet's fault.</summary>
    Truncated,
    /// <summary>The packet contradicts itself (a length beyond the packet, an impossible value).</summary>
    Malformed,
}
