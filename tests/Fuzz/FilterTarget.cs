using System.Text;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;
using Sniffer.Filters;

namespace Sniffer.Fuzz;

/// <summary>
/// Random display-filter strings: sentences built from the real field names, operators, functions and
/// literals of the language, and byte-level mutations of real filters. Each is compiled (a
/// <see cref="FilterException"/> is the expected refusal) and, when it compiles, matched against a real frame's fields.
/// </summary>
public sealed class FilterTarget : FuzzTarget
{
    private static readonly string[] Filters =
    [
        "tcp.flags.syn == 1 && tcp.flags.ack == 1", "tcp.analysis.flags", "dns", "http.request.method == \"GET\"",
        "ip.addr == 10.0.0.1/24", "ipv6.src == fe80::1", "frame contains \"abc\"", "tcp.port in {80 443 8000..8080}",
        "udp.length > 10 and not icmp", "eth.dst[0:3] == 01:00:5e", "len(http.host) > 3", "upper(dns.qry.name) matches \"^W.*\"",
        "tls.handshake.extensions_server_name ~ \"example\"", "!(tcp.stream eq 3) || tcp.len >= 1", "frame.time_delta < 0.5",
        "quic.version == 0x00000001", "ip.flags.mf == 1 || ip.frag_offset > 0", "tcp.payload[2:4] == \"\\x00\\x01\"",
        "dns.flags.rcode != 0 && dns.count.answers == 0", "http.response.code >= 400", "frame[-4:] == ff:ff:ff:ff",
        "any ip.addr == 1.2.3.4", "all tcp.port != 80", "${tcp.port}", "tcp.srcport == tcp.dstport", "icmp.type == 3 xor udp",
    ];

    private static readonly string[] Operators =
        ["==", "!=", "===", "!==", ">", "<", ">=", "<=", "eq", "ne", "gt", "lt", "ge", "le", "contains", "matches", "~", "&", "bitand", "in", "&&", "||", "and", "or", "not", "!", "^^", "xor", "+", "-", "*", "/", "%"];

    private static readonly string[] Pieces =
        ["(", ")", "{", "}", "[", "]", ":", ",", "..", "\"", "\"\\x", "\\", "'", "-", ".", "$", "@", "#", "len(", "count(", "upper(", "lower(", "string(", "max(", "min(", "abs(",
         "1", "0", "-1", "0x", "0xffffffffffffffffff", "99999999999999999999", "1e308", "1.5", "\"a\"", "\"\\u00e9\"", "10.0.0.1", "10.0.0.1/33", "::1", "fe80::/129",
         "00:11:22:33:44:55", "aa:bb", "true", "FALSE", "frame[0]", "[0:1]", "[1-2]", "[-1]", "[:4]", "[4:]", "[0:0x7fffffff]", " ", "  ", "\t"];

    private readonly string[] _fieldNames = FieldRegistry.All.Select(f => f.Name).ToArray();
    private readonly FieldValueSet _values = new();
    private readonly byte[] _frame;

    public FilterTarget()
    {
        _values.WantAll();
        var seed = Seeds.Frames.FirstOrDefault(s => s.Has("tcp")) ?? Seeds.Frames.FirstOrDefault();
        _frame = seed?.Data ?? [];
        if (seed is not null)
            FrameDissection.Fields(new Capture.FrameInfo(1_700_000_000_000_000_000, seed.LinkType, _frame.Length, _frame.Length, 0, 0), _frame, _values);
    }

    public override string Name => "filter";

    public override bool HasSeeds => true;

    public override FuzzInput Next(Random random)
    {
        string text = random.Next(3) switch
        {
            0 => Sentence(random),
            1 => Encoding.UTF8.GetString(new Mutator(random).Mutate(Encoding.UTF8.GetBytes(Filters[random.Next(Filters.Length)]), 0, [],
                Encoding.UTF8.GetBytes(Filters[random.Next(Filters.Length)]))),
            _ => Filters[random.Next(Filters.Length)] + " " + Operators[random.Next(Operators.Length)] + " " + Sentence(random),
        };
        return FuzzInput.OfFile(Encoding.UTF8.GetBytes(text));
    }

    private string Sentence(Random random)
    {
        var text = new StringBuilder();
        int words = 1 + random.Next(12);
        for (int i = 0; i < words; i++)
        {
            text.Append(random.Next(3) switch
            {
                0 => _fieldNames[random.Next(_fieldNames.Length)],
                1 => Operators[random.Next(Operators.Length)],
                _ => Pieces[random.Next(Pieces.Length)],
            });
            if (random.Next(3) != 0) text.Append(' ');
        }
        // Deep nesting: the parser must refuse or bound it, not overflow its stack.
        if (random.Next(50) == 0) text.Insert(0, new string('(', 1 + random.Next(20000)));
        return text.ToString();
    }

    public override void Execute(FuzzInput input)
    {
        string text = Encoding.UTF8.GetString(input.File!);
        if (DisplayFilter.TryCompile(text, out var filter, out _) && filter is not null) filter.Matches(_values, _frame);
    }
}
