using System.Globalization;

namespace Sniffer.Dissectors.Core;

/// <summary>
/// The Info column of one packet, written into a reusable character buffer so that building it
/// allocates nothing. Later (higher) layers replace what lower layers wrote, as in Wireshark.
/// </summary>
public sealed class InfoColumn
{
    /// <summary>COL_MAX_INFO_LEN is 4096 bytes with the terminator: 4095 characters show.</summary>
    private const int MaxLength = 4095;
    private char[] _buffer = new char[256];
    private int _length;
    private int _fence;

    public int Length => _length;
    public ReadOnlySpan<char> Span => _buffer.AsSpan(0, _length);
    public override string ToString() => new(Span);

    public void Clear() { _length = 0; _fence = 0; }

    /// <summary>Replaces everything written after the fence (col_set_str / col_clear).</summary>
    public InfoColumn Set(ReadOnlySpan<char> text) { _length = _fence; return Append(text); }

    /// <summary>Keeps what was written so far when a later layer calls <see cref="Set"/> (col_set_fence).</summary>
    public void Fence() => _fence = _length;

    /// <summary>Writes text before everything else (col_prepend_fstr).</summary>
    public InfoColumn Prepend(ReadOnlySpan<char> text)
    {
        if (text.Length + _length > MaxLength) return this;
        Ensure(_length + text.Length);
        _buffer.AsSpan(0, _length).CopyTo(_buffer.AsSpan(text.Length));
        text.CopyTo(_buffer);
        _length += text.Length;
        return this;
    }

    public InfoColumn Append(ReadOnlySpan<char> text)
    {
        int room = MaxLength - _length;
        if (room <= 0) return this;
        if (text.Length > room) text = text[..room];
        Ensure(_length + text.Length);
        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
        return this;
    }

    public InfoColumn Append(char c) => Append(new ReadOnlySpan<char>(in c));

    public InfoColumn Append(long value)
    {
        Span<char> tmp = stackalloc char[24];
        value.TryFormat(tmp, out int n, default, CultureInfo.InvariantCulture);
        return Append(tmp[..n]);
    }

    public InfoColumn Append(ulong value)
    {
        Span<char> tmp = stackalloc char[24];
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
        int room = MaxLength - _length;
        if (bytes.Length > room) bytes = bytes[..Math.Max(room, 0)];
        Ensure(_length + bytes.Length);
        for (int i = 0; i < bytes.Length; i++)
        {
            byte b = bytes[i];
            _buffer[_length++] = b is >= 0x20 and < 0x7f ? (char)b : '.';
        }
        return this;
    }

    private void Ensure(int size)
    {
        if (size > _buffer.Length) Array.Resize(ref _buffer, Math.Min(MaxLength, Math.Max(size, _buffer.Length * 2)));
    }
}
