using System.Buffers.Binary;

namespace Sniffer.Fuzz;

/// <summary>A 16-bit big-endian length field of a seed: at <see cref="At"/>, counting bytes from <see cref="CoversFrom"/> on.</summary>
public readonly record struct LengthField(int At, int CoversFrom);

/// <summary>
/// Seeded byte mutations in the manner of AFL's havoc stage: bit flips, interesting values, byte sets,
/// inserts, deletes, duplicated blocks and splices with another seed. A mutation that changes the size
/// keeps the enclosing IPv4/IPv6/UDP length fields consistent, so that the bytes reach the layer under test.
/// </summary>
public sealed class Mutator
{
    private static readonly byte[] Interesting8 = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0xC0, 0x3F, 0x10, 0x40];
    private static readonly ushort[] Interesting16 = [0x0000, 0x0001, 0x00FF, 0x0100, 0x7FFF, 0x8000, 0xFFFF, 0xC00C, 0x4000, 0x0FFF];
    private const int MaxInputBytes = 1 << 16;

    private readonly Random _random;

    public Mutator(Random random) => _random = random;

    /// <param name="seed">The bytes to start from (not changed).</param>
    /// <param name="from">Mutations land at or after this offset (the layer under test).</param>
    /// <param name="lengths">Length fields of the seed that cover the mutated area.</param>
    /// <param name="other">Another seed to splice from.</param>
    public byte[] Mutate(byte[] seed, int from, IReadOnlyList<LengthField> lengths, byte[] other)
    {
        var data = new List<byte>(seed);
        from = Math.Clamp(from, 0, seed.Length);
        int rounds = 1 << _random.Next(4); // 1, 2, 4 or 8 stacked mutations
        for (int r = 0; r < rounds; r++)
        {
            int sizeBefore = data.Count;
            int at = from + _random.Next(Math.Max(1, data.Count - from + 1));
            ApplyOne(data, from, at, other);
            int delta = data.Count - sizeBefore;
            if (delta != 0) FixLengths(data, lengths, at, delta);
            if (data.Count > MaxInputBytes) data.RemoveRange(MaxInputBytes, data.Count - MaxInputBytes);
        }
        return data.ToArray();
    }

    private void ApplyOne(List<byte> data, int from, int at, byte[] other)
    {
        bool inside = at < data.Count;
        switch (_random.Next(12))
        {
            case 0 when inside: data[at] ^= (byte)(1 << _random.Next(8)); break;
            case 1 when inside: data[at] = (byte)_random.Next(256); break;
            case 2 when inside: data[at] = Interesting8[_random.Next(Interesting8.Length)]; break;
            case 3 when at + 1 < data.Count:
                {
                    ushort v = Interesting16[_random.Next(Interesting16.Length)];
                    data[at] = (byte)(v >> 8); data[at + 1] = (byte)v;
                    break;
                }
            case 4 when inside: data[at] = (byte)(data[at] + _random.Next(-16, 17)); break;
            case 5 when inside: // a run of one value
                {
                    int n = Math.Min(data.Count - at, 1 + _random.Next(32));
                    byte v = Interesting8[_random.Next(Interesting8.Length)];
                    for (int i = 0; i < n; i++) data[at + i] = v;
                    break;
                }
            case 6: // insert random bytes
                {
                    int n = 1 + _random.Next(_random.Next(2) == 0 ? 8 : 512);
                    var bytes = new byte[n];
                    _random.NextBytes(bytes);
                    data.InsertRange(at, bytes);
                    break;
                }
            case 7 when inside: // delete a block
                data.RemoveRange(at, Math.Min(data.Count - at, 1 + _random.Next(64)));
                break;
            case 8 when inside: // duplicate a block of the input
                {
                    int start = from + _random.Next(data.Count - from);
                    int n = Math.Min(data.Count - start, 1 + _random.Next(128));
                    data.InsertRange(at, data.GetRange(start, n));
                    break;
                }
            case 9 when other.Length > 0: // splice: our head, the other's tail
                {
                    int cut = _random.Next(other.Length);
                    data.RemoveRange(at, data.Count - at);
                    data.AddRange(other.AsSpan(cut).ToArray());
                    break;
                }
            case 10 when at < data.Count: // cut the input short
                data.RemoveRange(at, data.Count - at);
                break;
            default: // copy a block over another
                if (data.Count - from < 2) break;
                {
                    int src = from + _random.Next(data.Count - from), dst = from + _random.Next(data.Count - from);
                    int n = Math.Min(Math.Min(data.Count - src, data.Count - dst), 1 + _random.Next(16));
                    var block = data.GetRange(src, n);
                    for (int i = 0; i < n; i++) data[dst + i] = block[i];
                }
                break;
        }
    }

    private static void FixLengths(List<byte> data, IReadOnlyList<LengthField> lengths, int at, int delta)
    {
        Span<byte> two = stackalloc byte[2];
        foreach (var field in lengths)
        {
            if (field.At + 1 >= data.Count || at < field.CoversFrom) continue;
            two[0] = data[field.At]; two[1] = data[field.At + 1];
            int value = BinaryPrimitives.ReadUInt16BigEndian(two) + delta;
            if (value is < 0 or > ushort.MaxValue) continue;
            data[field.At] = (byte)(value >> 8);
            data[field.At + 1] = (byte)value;
        }
    }
}
