using Sniffer.Capture;

namespace Sniffer.Tests.Capture;

public sealed class OfflineBpfFilterTests
{
    private static readonly byte[] UdpTo9999 = TestFrames.Udp(20);

    [Theory]
    [InlineData("udp port 9999", true)]
    [InlineData("udp and dst host 10.0.0.2", true)]
    [InlineData("tcp", false)]
    [InlineData("udp port 53", false)]
    [InlineData("ether src 02:00:00:00:00:01", true)]
    public void Ethernet_frames_match_like_libpcap(string expression, bool expected)
    {
        using var filter = new OfflineBpfFilter(expression);
        Assert.Equal(expected, filter.Matches(LinkType.Ethernet, UdpTo9999));
    }

    [Fact]
    public void Wire_length_is_used_for_length_tests()
    {
        using var filter = new OfflineBpfFilter("greater 1000");
        byte[] cut = UdpTo9999[..40];
        Assert.False(filter.Matches(LinkType.Ethernet, cut));
        Assert.True(filter.Matches(LinkType.Ethernet, cut, wireLength: 1500));
    }

    [Fact]
    public void Each_link_type_gets_its_own_program()
    {
        using var filter = new OfflineBpfFilter("udp port 9999");
        byte[] rawIp = UdpTo9999[14..];
        Assert.True(filter.Matches(LinkType.Raw, rawIp));
        Assert.True(filter.Matches(LinkType.Ethernet, UdpTo9999));
        Assert.False(filter.Matches(LinkType.Ethernet, rawIp));        // same bytes, wrong framing
    }

    [Fact]
    public void Filter_that_cannot_apply_to_a_link_type_matches_nothing_and_says_why()
    {
        using var filter = new OfflineBpfFilter("ether host 02:00:00:00:00:01");
        Assert.False(filter.Matches(LinkType.Raw, UdpTo9999[14..]));
        Assert.Contains("RAW", filter.ErrorFor(LinkType.Raw));
        Assert.Null(filter.ErrorFor(LinkType.Ethernet));
    }

    [Fact]
    public void Syntax_error_shows_libpcap_text_and_position()
    {
        var error = Assert.Throws<BpfFilterException>(() => new OfflineBpfFilter("tcp prot 80"));
        Assert.Contains("syntax error", error.LibpcapMessage);
        Assert.Equal(4, error.Position);                                // "prot"
        Assert.Contains("tcp prot 80", error.Message);
        Assert.Contains("    ^", error.Message);
    }

    [Fact]
    public void Semantic_error_keeps_libpcap_words()
    {
        var error = Assert.Throws<BpfFilterException>(() => new OfflineBpfFilter("port 99999"));
        Assert.Contains("99999", error.LibpcapMessage);
    }

    [Fact]
    public void Concurrent_matching_is_safe()
    {
        using var filter = new OfflineBpfFilter("udp");
        int matches = 0;
        Parallel.For(0, 20_000, _ => { if (filter.Matches(LinkType.Ethernet, UdpTo9999)) Interlocked.Increment(ref matches); });
        Assert.Equal(20_000, matches);
    }
}
