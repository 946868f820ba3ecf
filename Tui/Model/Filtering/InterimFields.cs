using System.Globalization;
using System.Text;
using Sniffer.Analysis.Pipeline;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Tui.Model.Filtering;

/// <summary>The field values the interim filter can see, as strings.</summary>
internal static class InterimFields
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "frame", "eth", "ip", "ipv6", "arp", "tcp", "udp", "icmp", "icmpv6", "dns", "http",
        "tcp.flags", "tcp.flags.fin", "tcp.flags.syn", "tcp.flags.reset", "tcp.flags.push", "tcp.flags.ack", "tcp.flags.urg",
        "tcp.srcport", "tcp.dstport", "tcp.port", "udp.srcport", "udp.dstport", "udp.port", "tcp.len", "tcp.seq_raw", "tcp.ack_raw",
        "tcp.stream", "udp.stream", "tcp.analysis.flags", "tcp.analysis.retransmission",
        "ip.src", "ip.dst", "ip.addr", "ipv6.src", "ipv6.dst", "ipv6.addr", "frame.number", "frame.len",
    };

    public static bool IsKnown(string name) => Known.Contains(name);

    private static readonly string[] HttpStarts = ["GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ", "PATCH ", "CONNECT ", "HTTP/1."];

    public static void Values(string name, FieldDef? registered, in FilterInput input, List<string> into)
    {
        var ctx = input.Context;
        var frame = input.Frame;
        var t = TransportPeek.Read(frame, ctx.Layers);
        bool ipv4 = ctx.Layers.AddressKind == AddressKind.IPv4 && ctx.Layers.IpOffset >= 0;
        bool ipv6 = ctx.Layers.AddressKind == AddressKind.IPv6 && ctx.Layers.IpOffset >= 0;
        void Add(bool present, string value = "1") { if (present) into.Add(value); }
        void Flag(ushort flag) { if (t.IsTcp) into.Add(t.Has(flag) ? "1" : "0"); }
        void Num(long v) => into.Add(v.ToString(CultureInfo.InvariantCulture));

        switch (name)
        {
            case "frame": Add(true); return;
            case "eth": Add(ctx.Frame.LinkType == 1); return;
            case "ip": Add(ipv4); return;
            case "ipv6": Add(ipv6); return;
            case "arp": Add(ctx.Protocol is "ARP" or "RARP"); return;
            case "tcp": Add(t.IsTcp); return;
            case "udp": Add(t.IsUdp); return;
            case "icmp": Add(t.IpProtocol == 1); return;
            case "icmpv6": Add(t.IpProtocol == 58); return;
            case "dns": Add(ctx.Protocol is "DNS" || ((t.IsUdp || t.IsTcp) && (t.SrcPort is 53 || t.DstPort is 53))); return;
            case "http": Add(ctx.Protocol.StartsWith("HTTP", StringComparison.Ordinal) || (t.IsTcp && LooksLikeHttp(frame, t))); return;
            case "tcp.flags": if (t.IsTcp) into.Add("0x" + t.TcpFlags.ToString("x3", CultureInfo.InvariantCulture)); return;
            case "tcp.flags.fin": Flag(TcpSegment.Fin); return;
            case "tcp.flags.syn": Flag(TcpSegment.Syn); return;
            case "tcp.flags.reset": Flag(TcpSegment.Rst); return;
            case "tcp.flags.push": Flag(TcpSegment.Psh); return;
            case "tcp.flags.ack": Flag(TcpSegment.AckFlag); return;
            case "tcp.flags.urg": Flag(TcpSegment.Urg); return;
            case "tcp.srcport": if (t.IsTcp) Num(t.SrcPort); return;
            case "tcp.dstport": if (t.IsTcp) Num(t.DstPort); return;
            case "tcp.port": if (t.IsTcp) { Num(t.SrcPort); Num(t.DstPort); } return;
            case "udp.srcport": if (t.IsUdp) Num(t.SrcPort); return;
            case "udp.dstport": if (t.IsUdp) Num(t.DstPort); return;
            case "udp.port": if (t.IsUdp) { Num(t.SrcPort); Num(t.DstPort); } return;
            case "tcp.len": if (t.IsTcp) Num(t.PayloadLength); return;
            case "tcp.seq_raw": if (t.IsTcp) Num(t.Seq); return;
            case "tcp.ack_raw": if (t.IsTcp) Num(t.Ack); return;
            case "tcp.stream": if (t.IsTcp && input.Conversation is { } tc) Num(tc.StreamNumber); return;
            case "udp.stream": if (t.IsUdp && input.Conversation is { } uc) Num(uc.StreamNumber); return;
            case "tcp.analysis.flags":
            case "tcp.analysis.retransmission":
                Add(t.IsTcp && (input.Entry.Colour == RowColour.BadTcp || ctx.TcpFlags != TcpAnalysisFlags.None)); return;
            case "ip.src": if (ipv4) into.Add(SummaryColumns.Source(frame, ctx)); return;
            case "ip.dst": if (ipv4) into.Add(SummaryColumns.Destination(frame, ctx)); return;
            case "ip.addr": if (ipv4) { into.Add(SummaryColumns.Source(frame, ctx)); into.Add(SummaryColumns.Destination(frame, ctx)); } return;
            case "ipv6.src": if (ipv6) into.Add(SummaryColumns.Source(frame, ctx)); return;
            case "ipv6.dst": if (ipv6) into.Add(SummaryColumns.Destination(frame, ctx)); return;
            case "ipv6.addr": if (ipv6) { into.Add(SummaryColumns.Source(frame, ctx)); into.Add(SummaryColumns.Destination(frame, ctx)); } return;
            case "frame.number": Num(ctx.FrameNumber); return;
            case "frame.len": Num(ctx.Frame.OriginalLength); return;
        }
        if (registered is null) return;
        var values = input.Values;
        for (int i = values.First(registered); i >= 0; i = values.Next(i)) into.Add(Format(values, i, registered));
    }

    private static bool LooksLikeHttp(ReadOnlySpan<byte> frame, in TransportPeek t)
    {
        if (t.PayloadLength <= 0 || t.PayloadOffset < 0 || t.PayloadOffset >= frame.Length) return false;
        var payload = frame[t.PayloadOffset..];
        foreach (var start in HttpStarts)
        {
            if (payload.Length < start.Length) continue;
            bool match = true;
            for (int i = 0; i < start.Length && match; i++) match = payload[i] == start[i];
            if (match) return true;
        }
        return false;
    }

    private static string Format(FieldValueSet values, int index, FieldDef field)
    {
        var v = values[index];
        switch (v.Kind)
        {
            case ValueKind.UInt: return v.Bits.ToString(CultureInfo.InvariantCulture);
            case ValueKind.Int: return v.Signed.ToString(CultureInfo.InvariantCulture);
            case ValueKind.Double: return v.Number.ToString(CultureInfo.InvariantCulture);
            case ValueKind.Time: return (v.Signed / 1e9).ToString(CultureInfo.InvariantCulture);
            case ValueKind.Bytes:
                var bytes = values.Bytes(index);
                return field.Type switch
                {
                    FieldType.IPv4 when bytes.Length == 4 => FieldFormatter.IPv4(bytes),
                    FieldType.IPv6 when bytes.Length == 16 => FieldFormatter.IPv6(bytes),
                    FieldType.Ether when bytes.Length == 6 => FieldFormatter.Ether(bytes),
                    FieldType.String => Encoding.UTF8.GetString(bytes),
                    _ => Convert.ToHexStringLower(bytes),
                };
            default: return "1";
        }
    }
}
