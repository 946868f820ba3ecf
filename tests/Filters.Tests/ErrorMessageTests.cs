using Sniffer.Filters;

namespace Sniffer.Tests.Filters;

/// <summary>
/// Bad filters with the message and caret position tshark 4.0.17 prints for them (collected with
/// `tshark -Y`). Messages are compared as prefixes because Sniffer may add "Did you mean …?".
/// </summary>
public class ErrorMessageTests
{
    [Theory]
    [InlineData("ip.src ==", "Unexpected end of filter expression.", 9, 0)]
    [InlineData("ip.src == foo", "\"foo\" is not a valid hostname or IPv4 address.", 10, 3)]
    [InlineData("udp.port == foo", "\"foo\" is not a valid number.", 12, 3)]
    [InlineData("udp.port == 70000", "\"70000\" too big for this field, maximum 65535.", 12, 5)]
    [InlineData("frame.len > 1.5", "\"1.5\" is not a valid number.", 12, 3)]
    [InlineData("(ip.src == 1.2.3.4", "Unexpected end of filter expression.", 18, 0)]
    [InlineData("ip.src == 1.2.3.4)", "\")\" was unexpected in this context.", 17, 1)]
    [InlineData("and ip", "\"and\" was unexpected in this context.", 0, 3)]
    [InlineData("ip.src == 1.2.3.4/33", "Netmask bits in a CIDR IPv4 address should be <= 32, not 33", 10, 10)]
    [InlineData("eth.src == 00:11:22", "\"00:11:22\" contains too few bytes to be a valid Ethernet address.", 11, 8)]
    [InlineData("eth.src == 00:11:22:33:44:55:66", "\"00:11:22:33:44:55:66\" contains too many bytes to be a valid Ethernet address.", 11, 20)]
    [InlineData("ip.src contains 1.2.3.4", "ip.src (type=IPv4 address) cannot participate in contains comparison.", 0, 6)]
    [InlineData("udp.port matches \"8\"", "udp.port (type=Unsigned integer (2 bytes)) cannot participate in matches comparison.", 0, 8)]
    [InlineData("udp.port ~ \"5\"", "udp.port (type=Unsigned integer (2 bytes)) cannot participate in ~ comparison.", 0, 8)]
    [InlineData("\"foo\" == ip.src", "Left side of \"==\" expression must be a field or function, not \"foo\".", 0, 5)]
    [InlineData("udp.port == \"80\"", "Unsigned integer (2 bytes) cannot be converted from a string (\"80\").", 12, 4)]
    [InlineData("frame.time_relative > abc", "\"abc\" is not a valid time.", 22, 3)]
    [InlineData("udp.port in {53 54}", "\"54\" was unexpected in this context.", 16, 2)]
    [InlineData("udp.port in {}", "\"}\" was unexpected in this context.", 13, 1)]
    [InlineData("udp.port in {53..}", "\"}\" was unexpected in this context.", 17, 1)]
    [InlineData("udp.port & 0x", "\"0x\" is not a valid number.", 11, 2)]
    [InlineData("ip.proto == udp", "ip.proto and udp are not of compatible types.", 12, 3)]
    [InlineData("ip.proto == Bogus", "\"Bogus\" cannot be found among the possible values for ip.proto.", 12, 5)]
    [InlineData("frame.marked == yes", "\"yes\" cannot be found among the possible values for frame.marked.", 16, 3)]
    [InlineData("udp.port[0] == 1", "\"udp.port\" is a Unsigned integer (2 bytes) and cannot be sliced into a sequence of bytes.", 0, 8)]
    [InlineData("\"abc\"", "\"abc\" is neither a field nor a protocol name.", 0, 5)]
    [InlineData("123", "123 is neither a field nor a protocol name.", 0, 3)]
    [InlineData("ip.src == \"1.2.3.4\"", "IPv4 address cannot be converted from a string (\"1.2.3.4\").", 10, 9)]
    [InlineData("ip.src == \"\\x41\"", "IPv4 address cannot be converted from a string (\"A\").", 10, 6)]
    [InlineData("lower(ip.src) == \"x\"", "Only string type fields can be used as parameter for lower()", 6, 6)]
    [InlineData("foo(ip.src)", "Function 'foo' does not exist", 0, 3)]
    [InlineData("upper(udp.payload) == \"x\"", "Only string type fields can be used as parameter for upper()", 6, 11)]
    [InlineData("string(udp.payload) == \"x\"", "String conversion for field \"udp.payload\" is not supported", 7, 11)]
    [InlineData("string(frame.marked) == \"0\"", "String conversion for field \"frame.marked\" is not supported", 7, 12)]
    [InlineData("min(udp.srcport, ip.src) == 53", "Arguments to 'min' must have the same type (expected FT_UINT16, got FT_IPv4)", 17, 6)]
    [InlineData("abs(ip.src) == 1", "'ip.src' is not a valid argument to 'abs'()", 4, 6)]
    [InlineData("udp.srcport == ip.src", "udp.srcport and ip.src are not of compatible types.", 15, 6)]
    [InlineData("udp.port == udp.payload", "udp.port and udp.payload are not of compatible types.", 12, 11)]
    [InlineData("frame.protocols contains udp", "frame.protocols and udp are not of compatible types.", 25, 3)]
    [InlineData("udp.payload contains \"\\q\"", "\\q is not a valid character escape sequence", 22, 2)]
    [InlineData("frame.protocols matches \"\\d\"", "\\d is not a valid character escape sequence", 25, 2)]
    [InlineData("udp.payload contains \"abc", "The final quote was missing from a quoted string.", 25, 0)]
    [InlineData("!", "Unexpected end of filter expression.", 1, 0)]
    [InlineData("==", "\"==\" was unexpected in this context.", 0, 2)]
    [InlineData("udp.port == 53 53", "\"53\" was unexpected in this context.", 15, 2)]
    [InlineData("udp.port = 53", "\"=\" was unexpected in this context.", 9, 1)]
    [InlineData("udp AND ip", "\"AND\" was unexpected in this context.", 4, 3)]
    [InlineData("udp.payload[0:4] == \"GET\" \"x\"", "\"\"x\"\" was unexpected in this context.", 26, 3)]
    [InlineData("udp.port == 08", "\"08\" is not a valid number.", 12, 2)]
    [InlineData("udp.port == 0b102", "\"0b102\" is not a valid number.", 12, 5)]
    [InlineData("udp.port == 1e3", "\"1e3\" is not a valid number.", 12, 3)]
    [InlineData("ip.ttl == 256", "\"256\" too big for this field, maximum 255.", 10, 3)]
    [InlineData("frame.time_relative > 1e-3", "\"1e-3\" is not a valid time.", 22, 4)]
    [InlineData("ip.src == 1.2.3.256", "\"1.2.3.256\" is not a valid hostname or IPv4 address.", 10, 9)]
    [InlineData("ip.src == 1.2.3", "\"1.2.3\" is not a valid hostname or IPv4 address.", 10, 5)]
    [InlineData("ip.src == ::1", "\"::1\" is not a valid hostname or IPv4 address.", 10, 3)]
    [InlineData("udp.payload == 0x4142", "\"0x4142\" is not a valid byte string.", 15, 6)]
    [InlineData("udp.payload contains 0x4142", "\"0x4142\" is not a valid byte string.", 21, 6)]
    [InlineData("udp.payload[x] == 00", "\"x\" is not a valid number.", 12, 1)]
    [InlineData("udp.payload[0:4", "The right bracket was missing from a slice.", 15, 0)]
    [InlineData("frame.len in {\"a\"}", "Unsigned integer (4 bytes) cannot be converted from a string (\"a\").", 14, 3)]
    [InlineData("frame.len in {60, foo}", "\"foo\" is not a valid number.", 18, 3)]
    [InlineData("frame.marked & 1", "FT_BOOLEAN cannot &.", 0, 12)]
    [InlineData("len() == 1", "Function len needs at least 1 arguments.", 0, 3)]
    [InlineData("len(udp.port, ip.src) == 1", "Function len can only accept 1 arguments.", 0, 3)]
    [InlineData("count(ip)", "You cannot test whether a function is present.", 0, 5)]
    [InlineData("len(\"abc\") == 3", "Only fields can be used as parameter for len()", 4, 5)]
    [InlineData("tcp.flgs == 1", "Left side of \"==\" expression must be a field or function, not tcp.flgs.", 0, 8)]
    [InlineData("foo == udp.port", "Left side of \"==\" expression must be a field or function, not foo.", 0, 3)]
    [InlineData("53 == udp.port", "Left side of \"==\" expression must be a field or function, not 53.", 0, 2)]
    [InlineData("udp.port == tcp.flgs", "\"tcp.flgs\" is not a valid number.", 12, 8)]
    [InlineData("udp.port in {tcp.flgs}", "\"tcp.flgs\" is not a valid number.", 13, 8)]
    [InlineData("frame.time > \"junk\"", "\"junk\" is not a valid absolute time. Example: \"Nov 12, 1999 08:55:44.123\" or \"2011-07-04 12:34:56\"", 13, 6)]
    [InlineData("udp.payload matches \"((\"", "Regex compilation error:", 20, 4)]
    [InlineData("tcp.flgs", "tcp.flgs is neither a field nor a protocol name.", 0, 8)]
    [InlineData("frame.len in {66 74..100}", "\"74\" was unexpected in this context.", 17, 2)]
    [InlineData("dns.qry.type == AAAA", "\"AAAA\" cannot be found among the possible values for dns.qry.type.", 16, 4)]
    [InlineData("tcp.payload[0:3] == GET", "\"GET\" is not a valid byte string.", 20, 3)]
    public void Reports_tsharks_message_and_position(string filter, string message, int position, int length)
    {
        var e = Assert.Throws<FilterException>(() => DisplayFilter.Compile(filter));
        Assert.StartsWith(message, e.Message);
        Assert.Equal((position, length), (e.Position, e.Length));
        Assert.False(DisplayFilter.TryCompile(filter, out var f, out var error));
        Assert.Null(f);
        Assert.Equal(e.Message, error!.Message);
    }

    [Fact]
    public void Misspelt_field_gets_a_suggestion()
    {
        var e = Assert.Throws<FilterException>(() => DisplayFilter.Compile("udp.prot"));
        Assert.Equal("udp.prot is neither a field nor a protocol name. Did you mean udp.port?", e.Message);
        Assert.Equal("udp.port", e.Suggestion);
    }

    [Fact]
    public void Misspelt_field_on_the_left_of_a_comparison_gets_a_suggestion()
    {
        var e = Assert.Throws<FilterException>(() => DisplayFilter.Compile("udp.srcprot == 53"));
        Assert.EndsWith("Did you mean udp.srcport?", e.Message);
    }

    [Fact]
    public void Render_puts_a_caret_under_the_bad_token()
    {
        var e = Assert.Throws<FilterException>(() => DisplayFilter.Compile("ip.src == foo"));
        Assert.Equal("ip.src == foo\n          ^~~", e.Render("ip.src == foo"));
    }

    [Fact]
    public void Render_at_the_end_is_a_lone_caret()
    {
        var e = Assert.Throws<FilterException>(() => DisplayFilter.Compile("udp &&"));
        Assert.Equal("udp &&\n      ^", e.Render("udp &&"));
    }
}
