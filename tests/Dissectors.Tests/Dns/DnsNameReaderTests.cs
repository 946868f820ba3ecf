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
    public void Pointer_loop_ends_as_name_too_long()
    {
        var message = new byte[] { 1, (byte)'a', 0xC0, 0x00 };
        var (name, text) = Read(message, 0);
        Assert.Equal(DnsNameStatus.TooLong, name.Status);
        Assert.Equal("<Name too long>", text);
        Assert.Equal(4, name.WireLength);
    }

    [Fact]
    public void Pointer_to_itself_ends_quickly()
    {
        var (name, _) = Read([0xC0, 0x00], 0);
        Assert.Equal(DnsNameStatus.TooLong, name.Status);
    }

    [Fact]
    public void Pointer_outside_the_message_is_malformed()
    {
        var (name, _) = Read([0xC0, 0x40], 0);
        Assert.Equal(DnsNameStatus.BadPointer, name.Status);
        Assert.True(name.IsMalformed);
    }

    [Fact]
    public void Label_past_the_end_is_truncated()
    {
        var (name, _) = Read([5, (byte)'a', (byte)'b'], 0);
        Assert.Equal(DnsNameStatus.Truncated, name.Status);
    }

    [Fact]
    public void Extended_label_types_are_named_not_followed()
    {
        var (name, text) = Read([0x41, 0x00], 0);
        Assert.Equal(DnsNameStatus.BadLabel, name.Status);
        Assert.Equal("<Unknown extended label>", text);
    }

    [Fact]
    public void Control_bytes_are_escaped_as_decimal()
    {
        var (_, text) = Read([1, 1, 2, 0, 0, 0], 0);
        Assert.Equal("\\001.\\000\\000", text);
    }

    [Fact]
    public void Names_longer_than_255_characters_are_too_long()
    {
        var labels = string.Join('.', Enumerable.Repeat(new string('x', 63), 5));
        var (name, text) = Read(AppPackets.Name(labels), 0);
        Assert.Equal(DnsNameStatus.TooLong, name.Status);
        Assert.Equal("<Name too long>", text);
        Assert.Equal(5 * 64 + 1, name.WireLength);
    }
}
