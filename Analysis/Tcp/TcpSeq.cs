using System.Runtime.CompilerServices;

namespace Sniffer.Analysis.Tcp;

/// <summary>
/// Sequence-number comparisons modulo 2^32 (RFC 1982 serial arithmetic, Wireshark's LT_SEQ/GT_SEQ):
/// a is before b when the signed 32-bit distance b - a is positive.
/// </summary>
public static class TcpSeq
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Lt(uint a, uint b) => (int)(a - b) < 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Le(uint a, uint b) => (int)(a - b) <= 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Gt(uint a, uint b) => (int)(a - b) > 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Ge(uint a, uint b) => (int)(a - b) >= 0;
    /// <summary>Bytes from <paramref name="from"/> up to <paramref name="to"/>, assuming to is not before from.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static uint Distance(uint from, uint to) => to - from;
}
