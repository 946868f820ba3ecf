using System.Text;
using Sniffer.Dissectors.Dns;

namespace Sniffer.Tests.Dissectors.Dns;

public class DnsNameReaderTests
{
    private static (DnsName Name, string Text) Read(byte[] message, int offset)
    {
        var buffer = new byte[DnsNameReader.BufferSize];
        var name = DnsNameReader.Read(message, offset, buffer);
        return (name, Encoding.UTF8.GetString(buffer, 0, name.TextLength));
    }

    [Fact]
    public void Plain_name()
    {
        var (name, text) = Read(AppPackets.Name("www.espn.com"), 0);
        Assert.Equal(DnsNameStatus.Ok, name.Status);
        Assert.Equal("www.espn.com", text);
        Assert.Equal(14, name.WireLength);
        Assert.Equal(3, name.Labels);
    }

    [Fact]
    public void Root_is_shown_as_Root_with_one_label_like_tshark()
    {
        var (name, text) = Read([0], 0);
        Assert.Equal("<Root>", text);
        Assert.Equal(1, name.WireLength);
        Assert.Equal(1, name.Labels);
    }

    [Fact]
    public void Compression_pointer_is_followed_and_counts_two_bytes_on_the_wire()
    {
        // "example.com" at 0, then "www" + pointer to 0 at 13.
        var message = AppPackets.Name("example.com").Concat(new byte[] { 3, (byte)'w', (byte)'w', (byte)'w', 0xC0, 0x00 }).ToArray();
        var (name, text) = Read(message, 13);
        Assert.Equal("www.example.com", text);
        Assert.Equal(6, name.WireLength);
    }

    [Fact]
    public void Pointer_loop_ends_after_255_pointers_as_tshark_says_it()
    {
        // "a" then a pointer back to it: tshark follows 255 pointers, then names the loop.
        var message = new byte[] { 1, (byte)'a', 0xC0, 0x00 };
        var (name, text) = Read(message, 0);
        Assert.Equal(DnsNameStatus.Loop, name.Status);
        Assert.Equal("<Name contains a pointer that loops>", text);
        Assert.Equal(4, name.WireLength);
    }

    [Fact]
    public void Pointer_to_itself_ends_as_a_loop()
    {
        var (name, _) = Read([0xC0, 0x00], 0);
        Assert.Equal(DnsNameStatus.Loop, name.Status);
        Assert.Equal(2, name.WireLength);
    }

    [Fact]
    public void Pointer_outside_the_message_is_malformed()
    {
        var (name, _) = Read([0xC0, 0x40], 0);
        Assert.True(name.IsMalformed);
    }

    [Fact]
    public void Label_past_the_end_is_malformed()
    {
        var (name, _) = Read([5, (byte)'a', (byte)'b'], 0);
        Assert.True(name.IsMalformed);
    }

    [Fact]
    public void Reserved_label_type_is_malformed()
    {
        var (name, _) = Read([1, (byte)'a', 0x80, 0x00], 0);
        Assert.True(name.IsMalformed);
    }

    [Fact]
    public void Extended_label_types_are_named_and_end_the_name_at_that_byte()
    {
        var (name, text) = Read([1, (byte)'a', 0x42, 0x00], 0);
        Assert.Equal(DnsNameStatus.ExtendedLabel, name.Status);
        Assert.Equal("<Unknown extended label>", text);
        Assert.Equal(3, name.WireLength);
    }

    [Fact]
    public void A_name_shorter_than_two_bytes_is_malformed_unless_it_is_the_root()
    {
        // tshark's get_dns_name: an extended label in the first byte is one byte long, hence an error.
        var (name, _) = Read([0x47, 0x11], 0);
        Assert.True(name.IsMalformed);
    }

    [Fact]
    public void Bitstring_labels_are_written_as_tshark_writes_them()
    {
        var (name, text) = Read([0x41, 16, 0xAB, 0xCD, 0x00], 0);
        Assert.Equal(DnsNameStatus.Ok, name.Status);
        Assert.Equal("\\[xabcd/16]", text);
    }

    [Fact]
    public void Control_bytes_are_escaped_as_format_text_does()
    {
        var (_, text) = Read([3, 1, 10, 0x7F, 1, 0, 1, 0x1F, 0], 0);
        Assert.Equal("\\001\\n\\177.\\000.\\037", text);
    }

    [Fact]
    public void Invalid_utf8_becomes_the_replacement_character_and_valid_utf8_stays()
    {
        var (name, text) = Read([6, 0xFF, 0xC3, (byte)'(', 0xE2, 0x82, 0xAC, 0], 0);
        Assert.Equal("\uFFFD\uFFFD(\u20AC", text);
        Assert.Equal(6, name.RawLength);
    }

    [Fact]
    public void Names_of_254_characters_or_more_are_too_long_but_still_walked_to_their_end()
    {
        var labels = string.Join('.', Enumerable.Repeat(new string('x', 63), 5));
        var (name, text) = Read(AppPackets.Name(labels), 0);
        Assert.Equal(DnsNameStatus.TooLong, name.Status);
        Assert.Equal("<Name too long>", text);
        Assert.Equal(5 * 64 + 1, name.WireLength);
        var (fits, fitsText) = Read(AppPackets.Name(string.Join('.', Enumerable.Repeat(new string('y', 63), 3)) + "." + new string('z', 61)), 0);
        Assert.Equal(DnsNameStatus.Ok, fits.Status);
        Assert.Equal(253, fitsText.Length);
    }

    [Fact]
    public void A_long_chain_of_labels_read_by_many_names_is_walked_once()
    {
        // 30 000 one-byte labels, then the root; 2 000 names each start with 200 characters of their
        // own and then point into the chain. Without the run table that is 60 million label steps.
        var chain = new List<byte>();
        for (int i = 0; i < 30_000; i++) { chain.Add(1); chain.Add((byte)'c'); }
        chain.Add(0);
        int names = chain.Count;
        var prefix = AppPackets.Name(string.Join('.', Enumerable.Repeat(new string('p', 49), 4)));
        for (int i = 0; i < 2_000; i++)
        {
            chain.AddRange(prefix[..^1]);
            chain.Add(0xC0); chain.Add(0x00);
        }
        var message = chain.ToArray();
        var work = DnsNameWork.ForMessage();
        var buffer = new byte[DnsNameReader.BufferSize];
        for (int i = 0, at = names; i < 2_000; i++, at += prefix.Length + 1)
        {
            var name = DnsNameReader.Read(message, at, buffer, ref work);
            Assert.Equal(DnsNameStatus.TooLong, name.Status);
            Assert.Equal(prefix.Length + 1, name.WireLength);
        }
        work.Release();
        Assert.True(DnsNameReader.MessageBudget - work.Budget < 1_000_000, $"{DnsNameReader.MessageBudget - work.Budget} steps");
    }

    [CorpusFact]
    public void Tcpdump_s_forward_pointer_chains_take_under_a_million_steps_not_tshark_s_168_million()
    {
        // dns_fwdptr: 64259 questions announced, 10518 readable, each a chain of forward pointers
        // through 60 KB of one-byte labels (tshark walks 168 million steps).
        var (_, frame) = Corpus.Frames("tcpdump__dns_fwdptr.pcap", max: 1)[0];
        var message = frame.AsSpan(14 + 20 + 8);
        var work = DnsNameWork.ForMessage();
        var buffer = new byte[DnsNameReader.BufferSize];
        int pos = 12, questions = 0;
        for (int i = 0; i < 64259; i++)
        {
            var name = DnsNameReader.Read(message, pos, buffer, ref work);
            if (name.IsMalformed || pos + name.WireLength + 4 > message.Length) break;
            pos += name.WireLength + 4;
            questions++;
        }
        work.Release();
        long steps = DnsNameReader.MessageBudget - work.Budget;
        Assert.Equal(10518, questions);
        Assert.True(steps < 2_000_000, $"{steps} steps");
    }
}
