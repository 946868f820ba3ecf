using System.Runtime.CompilerServices;

namespace Sniffer.Dissectors.Core;

/// <summary>
/// Decides whether bytes a dissector needs are there, and if not, whose fault it is:
/// beyond the captured bytes but within the packet's own length is a snaplen cut (Truncated);
/// beyond what the packet itself claims is a broken packet (Malformed).
/// </summary>
public static class Bounds
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Has(ReadOnlySpan<byte> frame, int offset, int count) =>
        offset >= 0 && count >= 0 && (uint)(offset + count) <= (uint)frame.Length;

    /// <summary>The status for a read of <paramref name="count"/> bytes at <paramref name="offset"/> that failed.</summary>
    public static DissectStatus Missing(ReadOnlySpan<byte> frame, int offset, int count, int end) =>
        offset + count <= end ? DissectStatus.Truncated : DissectStatus.Malformed;
}
