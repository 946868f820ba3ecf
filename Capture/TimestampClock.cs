using System.Runtime.CompilerServices;

namespace Sniffer.Capture;

/// <summary>
/// Turns an interface's raw timestamp ticks into nanoseconds since the epoch. The common resolutions
/// (micro, nano, anything dividing a second into a divisor of 10^9) take a single multiply;
/// finer decimal and binary resolutions take a slower exact path.
/// </summary>
internal readonly struct TimestampClock
{
    private const long NanosPerSecond = 1_000_000_000;

    private readonly long _nanosPerTick;    // > 0 when UnitsPerSecond divides 10^9
    private readonly long _ticksPerNano;    // > 0 for decimal resolutions finer than 1 ns
    private readonly int _binaryShift;      // used for binary resolutions finer than 2^-9 s
    private readonly long _offsetNanos;     // pcapng if_tsoffset, already in nanoseconds

    public long UnitsPerSecond { get; }

    private TimestampClock(long unitsPerSecond, long nanosPerTick, long ticksPerNano, int binaryShift, long offsetNanos)
    {
        UnitsPerSecond = unitsPerSecond;
        _nanosPerTick = nanosPerTick;
        _ticksPerNano = ticksPerNano;
        _binaryShift = binaryShift;
        _offsetNanos = offsetNanos;
    }

    public static TimestampClock Microseconds => FromUnits(1_000_000, 0);
    public static TimestampClock Nanoseconds => FromUnits(NanosPerSecond, 0);

    /// <summary>
    /// Decodes a pcapng if_tsresol byte: high bit clear means 10^-n seconds, set means 2^-n seconds.
    /// False for resolutions that cannot be represented (which only a damaged file would contain).
    /// </summary>
    public static bool TryFromResolutionByte(byte resolution, long offsetSeconds, out TimestampClock clock)
    {
        int exponent = resolution & 0x7F;
        bool binary = (resolution & 0x80) != 0;
        long offsetNanos = unchecked(offsetSeconds * NanosPerSecond);
        clock = default;

        if (binary)
        {
            if (exponent > 62) return false;
            long units = 1L << exponent;
            clock = NanosPerSecond % units == 0
                ? FromUnits(units, offsetNanos)
                : new TimestampClock(units, 0, 0, exponent, offsetNanos);
            return true;
        }

        if (exponent > 18) return false;
        long decimalUnits = 1;
        for (int i = 0; i < exponent; i++) decimalUnits *= 10;
        clock = decimalUnits <= NanosPerSecond
            ? FromUnits(decimalUnits, offsetNanos)
            : new TimestampClock(decimalUnits, 0, decimalUnits / NanosPerSecond, 0, offsetNanos);
        return true;
    }

    private static TimestampClock FromUnits(long unitsPerSecond, long offsetNanos) =>
        new(unitsPerSecond, NanosPerSecond / unitsPerSecond, 0, 0, offsetNanos);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ToNanoseconds(ulong ticks) =>
        _nanosPerTick != 0 ? unchecked((long)ticks * _nanosPerTick + _offsetNanos) : FineToNanoseconds(ticks);

    private long FineToNanoseconds(ulong ticks)
    {
        if (_ticksPerNano != 0)
            return unchecked((long)(ticks / (ulong)_ticksPerNano) + _offsetNanos);

        // Binary fractions: whole seconds and the fraction separately, so nothing overflows.
        ulong seconds = ticks >> _binaryShift;
        ulong fraction = ticks & ((1UL << _binaryShift) - 1);
        ulong fractionNanos = (ulong)(((UInt128)fraction * NanosPerSecond) >> _binaryShift);
        return unchecked((long)(seconds * NanosPerSecond + fractionNanos) + _offsetNanos);
    }
}
