using System.Globalization;
using System.Numerics;

namespace Sniffer.Dissectors.Core;

/// <summary>
/// The Info column of one packet, written into a reusable character buffer so that building it
/// allocates nothing. Later (higher) layers replace what lower layers wrote, as in Wireshark.
/// </summary>
/// <remarks>
/// Decimal numbers are not formatted when appended: each is kept as (position, value) and its digits
/// are written only when the column is read. A TCP line has 6–8 of them (ports, Seq, Ack, Win, Len,
/// TSval, TSecr) and formatting them was the largest part of building Info; with a display filter most
/// packets are never printed, so most columns are never read. Lengths (the 4095-character cap) count
/// the digits all the same, so what is read is exactly what eager formatting would have written.
/// </remarks>
public sealed class InfoColumn
{
    /// <summary>COL_MAX_INFO_LEN is 4096 bytes with the terminator: 4095 characters show.</summary>
    private const int MaxLength = 4095;
    private char[] _buffer = new char[256];
    private int _length;
    private int _fence;

    private DeferredNumber[] _numbers = new DeferredNumber[16];
    private int _numberCount;
    private int _numberDigits;
    private char[] _text = new char[256];
    private bool _textCurrent;

    private struct DeferredNumber
    {
        public int Position;
        public int Digits;
        public ulong Value;
    }

    /// <summary>Characters in the column as read.</summary>
    public int Length => _length + _numberDigits;

    public ReadOnlySpan<char> Span
    {
        get
        {
            if (_numberCount == 0) return _buffer.AsSpan(0, _length);
            if (!_textCurrent) Materialize();
            return _text.AsSpan(0, Length);
        }
    }

    public override string ToString() => new(Span);

    public void Clear()
    {
        _length = 0;
        _fence = 0;
        _numberCount = 0;
        _numberDigits = 0;
        _textCurrent = false;
    }

    /// <summary>Replaces everything written after the fence (col_set_str / col_clear).</summary>
    public InfoColumn Set(ReadOnlySpan<char> text)
    {
        // Fence writes the deferred numbers out, so every one still deferred lies after the fence.
        _numberCount = 0;
        _numberDigits = 0;
        _length = _fence;
        _textCurrent = false;
        return Append(text);
    }

    /// <summary>Keeps what was written so far when a later layer calls <see cref="Set"/> (col_set_fence).</summary>
    public void Fence()
    {
        Flush();
        _fence = _length;
    }

    /// <summary>Writes text before everything else (col_prepend_fstr).</summary>
    public InfoColumn Prepend(ReadOnlySpan<char> text)
    {
        if (text.Length + Length > MaxLength) return this;
        Ensure(_length + text.Length);
        _buffer.AsSpan(0, _length).CopyTo(_buffer.AsSpan(text.Length));
        text.CopyTo(_buffer);
        _length += text.Length;
        // The deferred numbers move with the text after them. The fence stays where it was, as in Wireshark;
        // no number lies before it, so it still counts the same characters.
        for (int i = 0; i < _numberCount; i++) _numbers[i].Position += text.Length;
        _textCurrent = false;
        return this;
    }

    public InfoColumn Append(ReadOnlySpan<char> text)
    {
        int room = MaxLength - Length;
        if (room <= 0) return this;
        if (text.Length > room) text = text[..room];
        Ensure(_length + text.Length);
        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
        _textCurrent = false;
        return this;
    }

    public InfoColumn Append(char c)
    {
        if (Length >= MaxLength) return this;
        Ensure(_length + 1);
        _buffer[_length++] = c;
        _textCurrent = false;
        return this;
    }

    public InfoColumn Append(long value)
    {
        if (value >= 0) return Append((ulong)value);
        if (value == long.MinValue) return Append("-9223372036854775808");
        return Append('-').Append((ulong)-value);
    }

    public InfoColumn Append(ulong value)
    {
        int digits = DecimalDigits(value);
        if (digits > MaxLength - Length) return AppendCut(value);
        if (_numberCount == _numbers.Length) Array.Resize(ref _numbers, _numberCount * 2);
        ref var number = ref _numbers[_numberCount++];
        number.Position = _length;
        number.Digits = digits;
        number.Value = value;
        _numberDigits += digits;
        _textCurrent = false;
        return this;
    }

    // Cut by the cap: the digits that fit, as eager formatting would have cut them. Kept out of Append(ulong)
    // so that its stack buffer (and the stack cookie that guards it) are not paid on every call.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private InfoColumn AppendCut(ulong value)
    {
        Span<char> tmp = stackalloc char[20];
        value.TryFormat(tmp, out int n, default, CultureInfo.InvariantCulture);
        return Append(tmp[..n]);
    }

    public InfoColumn AppendHex(ulong value, int digits, bool prefix = true)
    {
        Span<char> tmp = stackalloc char[18];
        int n = 0;
        for (int shift = (Math.Clamp(digits, 1, 16) - 1) * 4; shift >= 0; shift -= 4) tmp[n++] = "0123456789abcdef"[(int)(value >> shift) & 15];
        return (prefix ? Append("0x") : this).Append(tmp[..n]);
    }

    /// <summary>Appends bytes as lower-case hex without separators (connection IDs).</summary>
    public InfoColumn AppendHex(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes) AppendHex(b, 2, prefix: false);
        return this;
    }

    /// <summary>Appends text converted from ASCII/Latin-1 bytes (names read from the packet).</summary>
    public InfoColumn AppendAscii(ReadOnlySpan<byte> bytes)
    {
        int room = MaxLength - Length;
        if (bytes.Length > room) bytes = bytes[..Math.Max(room, 0)];
        Ensure(_length + bytes.Length);
        for (int i = 0; i < bytes.Length; i++)
        {
            byte b = bytes[i];
            _buffer[_length++] = b is >= 0x20 and < 0x7f ? (char)b : '.';
        }
        _textCurrent = false;
        return this;
    }

    /// <summary>Writes the deferred numbers' digits into the buffer itself (before edits that need real positions).</summary>
    private void Flush()
    {
        if (_numberCount == 0) return;
        if (!_textCurrent) Materialize();
        int length = Length;
        Ensure(length);
        _text.AsSpan(0, length).CopyTo(_buffer);
        _length = length;
        _numberCount = 0;
        _numberDigits = 0;
        _textCurrent = false;
    }

    private void Materialize()
    {
        int length = Length;
        if (_text.Length < length) _text = new char[Math.Max(length, _text.Length * 2)];
        int from = 0, to = 0;
        for (int i = 0; i < _numberCount; i++)
        {
            ref readonly var number = ref _numbers[i];
            int run = number.Position - from;
            _buffer.AsSpan(from, run).CopyTo(_text.AsSpan(to));
            to += run;
            from = number.Position;
            number.Value.TryFormat(_text.AsSpan(to, number.Digits), out _, default, CultureInfo.InvariantCulture);
            to += number.Digits;
        }
        _buffer.AsSpan(from, _length - from).CopyTo(_text.AsSpan(to));
        _textCurrent = true;
    }

    private static readonly ulong[] s_powersOf10 =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    ];

    // log10 from the bit length (1233/4096 ≈ log10 2), corrected by one comparison: no division.
    private static int DecimalDigits(ulong value)
    {
        ulong v = value | 1;
        int estimate = ((64 - BitOperations.LeadingZeroCount(v)) * 1233) >> 12;
        return estimate + (v >= s_powersOf10[estimate] ? 1 : 0);
    }

    private void Ensure(int size)
    {
        if (size > _buffer.Length) Array.Resize(ref _buffer, Math.Min(MaxLength, Math.Max(size, _buffer.Length * 2)));
    }
}
