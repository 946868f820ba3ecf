using System.Globalization;
using Sniffer.Dissectors.Core;
using Xunit;

namespace Sniffer.Tests.Dissectors;

/// <summary>
/// The Info column defers decimal numbers and writes their digits itself when read: what it reads must be
/// what formatting each value at once (the model below, the column's earlier implementation) gives.
/// </summary>
public class InfoColumnTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(9L)]
    [InlineData(10L)]
    [InlineData(99L)]
    [InlineData(100L)]
    [InlineData(65535L)]
    [InlineData(4294967295L)]
    [InlineData(-1L)]
    [InlineData(-10L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Signed_numbers_read_as_invariant_formatting(long value)
    {
        var info = new InfoColumn();
        info.Append("Seq=").Append(value);
        Assert.Equal("Seq=" + value.ToString(CultureInfo.InvariantCulture), info.ToString());
    }

    [Fact]
    public void Every_power_of_ten_and_its_neighbours_has_the_right_digits()
    {
        var info = new InfoColumn();
        for (ulong p = 1; ; p *= 10)
        {
            foreach (ulong v in new[] { p - 1, p, p + 1 })
            {
                info.Clear();
                info.Append(v);
                Assert.Equal(v.ToString(CultureInfo.InvariantCulture), info.ToString());
            }
            if (p > ulong.MaxValue / 10) break;
        }
        info.Clear();
        info.Append(ulong.MaxValue);
        Assert.Equal(ulong.MaxValue.ToString(CultureInfo.InvariantCulture), info.ToString());
    }

    [Fact]
    public void Random_numbers_read_as_invariant_formatting()
    {
        var random = new Random(20261203);
        var info = new InfoColumn();
        for (int i = 0; i < 20_000; i++)
        {
            ulong v = (ulong)random.NextInt64() >> random.Next(64);
            info.Clear();
            info.Append(' ').Append(v).Append(',');
            Assert.Equal(" " + v.ToString(CultureInfo.InvariantCulture) + ",", info.ToString());
        }
    }

    [Fact]
    public void A_number_at_the_end_of_a_full_column_is_cut_like_text()
    {
        var info = new InfoColumn();
        info.Append(new string('x', 4090));
        info.Append(123456789UL);
        Assert.Equal(4095, info.Length);
        Assert.EndsWith("x12345", info.ToString());
        info.Append(7UL).Append('y');
        Assert.Equal(4095, info.Length);
    }

    [Fact]
    public void Random_edits_read_as_eager_formatting_would()
    {
        var random = new Random(7);
        for (int round = 0; round < 300; round++)
        {
            var info = new InfoColumn();
            var model = new EagerModel();
            for (int step = 0; step < 200; step++)
            {
                string op = Apply(random, info, model);
                if (random.Next(4) == 0 || step == 199)
                {
                    Assert.True(model.Text == info.ToString(), $"round {round} step {step} after {op}");
                    Assert.Equal(model.Text.Length, info.Length);
                }
            }
        }
    }

    private static string Apply(Random random, InfoColumn info, EagerModel model)
    {
        switch (random.Next(12))
        {
            case 0:
            case 1:
            {
                string text = random.Next(20) == 0 ? new string('t', random.Next(300, 2000)) : " Seq=";
                info.Append(text); model.Append(text); return "Append(text)";
            }
            case 2:
            case 3:
            case 4:
            {
                ulong v = (ulong)random.NextInt64() >> random.Next(64);
                info.Append(v); model.Append(v.ToString(CultureInfo.InvariantCulture)); return "Append(ulong)";
            }
            case 5:
            {
                long v = random.NextInt64() - long.MaxValue / 2;
                if (random.Next(10) == 0) v = long.MinValue;
                info.Append(v); model.Append(v.ToString(CultureInfo.InvariantCulture)); return "Append(long)";
            }
            case 6:
                info.Append('c'); model.Append("c"); return "Append(char)";
            case 7:
            {
                var bytes = new byte[random.Next(0, 40)];
                random.NextBytes(bytes);
                info.AppendAscii(bytes);
                var chars = new char[bytes.Length];
                for (int i = 0; i < bytes.Length; i++) chars[i] = bytes[i] is >= 0x20 and < 0x7f ? (char)bytes[i] : '.';
                model.AppendAscii(new string(chars));
                return "AppendAscii";
            }
            case 8:
                info.Set("set "); model.Set("set "); return "Set";
            case 9:
                info.Fence(); model.Fence(); return "Fence";
            case 10:
            {
                string text = random.Next(10) == 0 ? new string('p', 3000) : "[TCP Retransmission] ";
                info.Prepend(text); model.Prepend(text); return "Prepend";
            }
            default:
                if (random.Next(8) == 0) { info.Clear(); model.Clear(); return "Clear"; }
                _ = info.Span.Length;
                return "read";
        }
    }

    /// <summary>Wireshark's column rules with every value formatted when it is appended.</summary>
    private sealed class EagerModel
    {
        private const int Max = 4095;
        private int _fence;
        public string Text { get; private set; } = "";

        public void Append(string text)
        {
            int room = Max - Text.Length;
            if (room <= 0) return;
            Text += text.Length > room ? text[..room] : text;
        }

        public void AppendAscii(string text) => Append(text);
        public void Set(string text) { Text = Text[.._fence]; Append(text); }
        public void Fence() => _fence = Text.Length;
        public void Prepend(string text) { if (text.Length + Text.Length <= Max) Text = text + Text; }
        public void Clear() { Text = ""; _fence = 0; }
    }
}
