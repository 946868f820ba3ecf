using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Dns;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Ip;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Analysis.Reports.Stats;

/// <summary>What packet-dns.c hands its "dns" tap for one DNS message (not mDNS or LLMNR, not quoted in an ICMP error).</summary>
public struct DnsTapEvent
{
    public ushort Flags, Questions, Answers, Authorities, Additionals, QueryType, QueryClass;
    public int PayloadSize, QnameLength, QnameLabels;
    public bool HasQuestion, Unsolicited, Retransmission, HasTime;
    public long TimeNs;

    public readonly bool IsResponse => (Flags & 0x8000) != 0;
    public readonly int Opcode => (Flags >> 11) & 0xF;
    public readonly int Rcode => Flags & 0xF;
}

/// <summary>
/// -z dns,tree (the "DNS" stats tree of packet-dns.c in tshark 4.0): messages by query/response, first question's
/// type and class, rcode and opcode; payload sizes; query name lengths and label counts; response section counts;
/// unsolicited responses, retransmissions and request-response times. Reproduces 4.0's quirk of adding each
/// solicited response's section counts twice.
/// </summary>
public sealed class DnsStatsTree
{
    private readonly StatsTree _tree = new("DNS");
    private readonly StatsTree.Node _qr, _qtypes, _qclasses, _rcodes, _opcodes;

    /// <summary>The fields <see cref="Read"/> uses.</summary>
    public static readonly FieldDef[] Fields =
    [
        DnsFields.Dns, DnsFields.Flags, DnsFields.CountQueries, DnsFields.CountZones, DnsFields.CountAnswers, DnsFields.CountPrerequisites,
        DnsFields.CountAuth, DnsFields.CountUpdates, DnsFields.CountAdd, DnsFields.QryName, DnsFields.QryType, DnsFields.QryClass,
        DnsFields.Time, DnsFields.Retransmission, DnsFields.Unsolicited, ..ErrorPacketStart.Fields, CommonFields.Malformed,
    ];

    public DnsStatsTree()
    {
        var packets = _tree.Create("Total Packets", null);
        _qr = _tree.Create("Query/Response", packets);
        _qtypes = _tree.Create("Query Type", packets);
        _qclasses = _tree.Create("Class", packets);
        _rcodes = _tree.Create("rcode", packets);
        _opcodes = _tree.Create("opcodes", packets);
        _tree.Create("Payload size", null, withHash: false);
        var query = _tree.Create("Query Stats", null);
        _tree.Create("Qname Len", query, withHash: false);
        var labels = _tree.Create("Label Stats", query);
        foreach (var level in (string[])["1st Level", "2nd Level", "3rd Level", "4th Level or more"]) _tree.Create(level, labels, withHash: false);
        var response = _tree.Create("Response Stats", null);
        foreach (var n in (string[])["no. of questions", "no. of answers", "no. of authorities", "no. of additionals"]) _tree.Create(n, response, withHash: false);
        var service = _tree.Create("Service Stats", null);
        _tree.Create("no. of unsolicited responses", service, withHash: false);
        _tree.Create("no. of retransmissions", service, withHash: false);
        _tree.Create("request-response time (msec)", service, withHash: false, isFloat: true);
    }

    /// <summary>Feeds every whole DNS message of one frame (several over TCP) to <paramref name="add"/>, in frame order; a malformed one is not tapped.</summary>
    public static void Read(FieldValueSet values, Action<DnsTapEvent> add)
    {
        if (!values.Has(DnsFields.Dns)) return;
        var e = default(DnsTapEvent);
        bool open = false;
        for (int i = 0; i < values.Count; i++)
        {
            var v = values[i];
            var f = v.Field;
            if (ErrorPacketStart.Is(f)) break; // packet-dns.c taps nothing inside an error packet
            if (f == DnsFields.Dns)
            {
                if (open) add(e);
                e = new DnsTapEvent { PayloadSize = v.Length };
                open = true;
                continue;
            }
            if (!open) continue;
            if (f == CommonFields.Malformed) { open = false; continue; } // the dissector threw before tap_queue_packet
            if (f == DnsFields.Flags) e.Flags = (ushort)v.Bits;
            else if (f == DnsFields.CountQueries || f == DnsFields.CountZones) e.Questions = (ushort)v.Bits;
            else if (f == DnsFields.CountAnswers || f == DnsFields.CountPrerequisites) e.Answers = (ushort)v.Bits;
            else if (f == DnsFields.CountAuth || f == DnsFields.CountUpdates) e.Authorities = (ushort)v.Bits;
            else if (f == DnsFields.CountAdd) e.Additionals = (ushort)v.Bits;
            else if (f == DnsFields.QryName && !e.HasQuestion) ReadName(values.Bytes(i), ref e);
            else if (f == DnsFields.QryType && e.QueryType == 0 && e.HasQuestion) e.QueryType = (ushort)v.Bits;
            else if (f == DnsFields.QryClass && e.QueryClass == 0 && e.HasQuestion) e.QueryClass = (ushort)v.Bits;
            else if (f == DnsFields.Time) { e.HasTime = true; e.TimeNs = (long)v.Bits; }
            else if (f == DnsFields.Retransmission) e.Retransmission = v.Bits != 0;
            else if (f == DnsFields.Unsolicited) e.Unsolicited = v.Bits != 0;
        }
        if (open) add(e);
    }

    /// <summary>qname_labels_count: the name as printed ("&lt;Root&gt;" for the root), its length and its dots plus one.</summary>
    private static void ReadName(ReadOnlySpan<byte> name, ref DnsTapEvent e)
    {
        e.HasQuestion = true;
        e.QnameLength = name.Length;
        e.QnameLabels = name.Length > 1 ? name.Count((byte)'.') + 1 : 0;
    }

    public void Add(double relativeMs, in DnsTapEvent e)
    {
        _tree.Packet(relativeMs);
        _tree.Tick("Total Packets", null);
        _tree.TickPivot(_qr, e.IsResponse ? "Response" : "Query");
        ushort qtype = e.Questions > 0 ? e.QueryType : (ushort)0, qclass = e.Questions > 0 ? e.QueryClass : (ushort)0;
        _tree.TickPivot(_qtypes, DnsTypes.LongNames.Find(qtype) ?? $"Unknown packet type ({qtype})");
        _tree.TickPivot(_qclasses, DnsFields.Classes.Find(qclass) ?? $"Unknown class ({qclass})");
        _tree.TickPivot(_rcodes, DnsFields.Rcodes.Find((ulong)e.Rcode) ?? $"Unknown rcode ({e.Rcode})");
        _tree.TickPivot(_opcodes, DnsFields.Opcodes.Find((ulong)e.Opcode) ?? $"Unknown opcode ({e.Opcode})");
        _tree.Average("Payload size", null, e.PayloadSize);
        if (!e.IsResponse)
        {
            bool question = e.Questions > 0 && e.HasQuestion;
            _tree.Average("Qname Len", null, question ? e.QnameLength : 0);
            int labels = question ? e.QnameLabels : 0;
            _tree.Tick(labels switch { 1 => "1st Level", 2 => "2nd Level", 3 => "3rd Level", _ => "4th Level or more" }, null);
            return;
        }
        AddSections(e);
        if (e.Unsolicited) { _tree.Tick("no. of unsolicited responses", null); return; }
        AddSections(e); // packet-dns.c 4.0 adds a solicited response's counts a second time
        if (e.Retransmission) _tree.Tick("no. of retransmissions", null);
        else
        {
            long secs = e.TimeNs / 1_000_000_000, nsecs = e.TimeNs % 1_000_000_000;
            _tree.Average("request-response time (msec)", null, (float)(secs * 1000.0 + nsecs / 1000000.0), isFloat: true);
        }
    }

    private void AddSections(in DnsTapEvent e)
    {
        _tree.Average("no. of questions", null, e.Questions);
        _tree.Average("no. of answers", null, e.Answers);
        _tree.Average("no. of authorities", null, e.Authorities);
        _tree.Average("no. of additionals", null, e.Additionals);
    }

    public void Render(TextWriter w) => _tree.Render(w);
}
