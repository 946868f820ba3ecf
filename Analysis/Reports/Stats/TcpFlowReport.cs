using System.Globalization;
using System.Text;
using Sniffer.Analysis.Flows;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Ip;
using Sniffer.Dissectors.Transport;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Analysis.Reports.Stats;

/// <summary>
/// -z flow,tcp,standard|network: tshark's text sequence diagram (ui/cli/tap-flow.c drawing with
/// sequence_analysis_dump_to_file). One item per TCP header tapped by packet-tcp.c (not those quoted in ICMP
/// errors): flags and segment length above an arrow between the two addresses' columns, "Seq = ... Ack = ..."
/// beside it, ports at the arrow's ends. Nodes are addresses in order of appearance, 20 characters apart; several
/// TCP streams get a Conv. column and a dashed line whenever the stream changes.
/// </summary>
public sealed class TcpFlowReport
{
    private const int NodeWidth = 20;
    public const int MaxNodes = 20; // MAX_NUM_NODES in sequence_analysis.h

    private readonly record struct Item(string Time, int Src, int Dst, ushort SrcPort, ushort DstPort, string Label, string Comment, uint Stream);

    private readonly List<Item> _items = new();
    private readonly List<string> _nodes = new();

    public static readonly FieldDef[] Fields =
    [
        IPv4Fields.Src, IPv4Fields.Dst, IPv6Fields.Src, IPv6Fields.Dst, ..ErrorPacketStart.Fields,
        TcpFields.Tcp, TcpFields.SrcPort, TcpFields.DstPort, TcpFields.Stream, TcpFields.Seq, TcpFields.Ack, TcpFields.Flags, TcpFields.FlagAce, TcpFields.Len,
    ];

    /// <summary>Adds the frame's tapped TCP headers; <paramref name="time"/> is the frame's relative time as tshark prints it.</summary>
    public void Observe(FieldValueSet values, string time, UntappedHeaders? untapped = null)
    {
        if (!values.Has(TcpFields.Tcp)) return;
        string? src = null, dst = null, pendingSrc = null;
        bool inTcp = false;
        ushort srcPort = 0, dstPort = 0, flags = 0;
        uint stream = 0, seq = 0, ack = 0, len = 0;
        bool haveLen = false, ace = false;
        for (int i = 0; i < values.Count; i++)
        {
            var v = values[i];
            var f = v.Field;
            if (ErrorPacketStart.Is(f)) break; // taps skip what an ICMP error quotes and sFlow samples
            if (f == IPv4Fields.Src || f == IPv6Fields.Src) { Flush(); pendingSrc = Address(values, i); continue; }
            if (f == IPv4Fields.Dst || f == IPv6Fields.Dst) { Flush(); src = pendingSrc; dst = Address(values, i); continue; }
            // A header packet-tcp.c stopped at before its tap (untapped) gives no item.
            if (f == TcpFields.Tcp) { Flush(); inTcp = untapped is null || !untapped.Contains(TapKind.Tcp, v.Offset); srcPort = dstPort = flags = 0; stream = seq = ack = len = 0; haveLen = ace = false; continue; }
            if (!inTcp) continue;
            if (f == TcpFields.SrcPort) srcPort = (ushort)v.Bits;
            else if (f == TcpFields.DstPort) dstPort = (ushort)v.Bits;
            else if (f == TcpFields.Stream) stream = (uint)v.Bits;
            else if (f == TcpFields.Seq) seq = (uint)v.Bits;
            else if (f == TcpFields.Ack) ack = (uint)v.Bits;
            else if (f == TcpFields.Flags) flags = (ushort)v.Bits;
            else if (f == TcpFields.FlagAce) ace = true;
            else if (f == TcpFields.Len) { len = (uint)v.Bits; haveLen = true; }
        }
        Flush();

        void Flush()
        {
            if (!inTcp) return;
            inTcp = false;
            if (src is null || dst is null) return;
            string names = TcpFlagNames.Names(flags, ace);
            string label = haveLen && len != 0 ? $"{names} - Len: {len.ToString(CultureInfo.InvariantCulture)}" : names;
            string comment = (flags & 0x10) != 0
                ? string.Create(CultureInfo.InvariantCulture, $"Seq = {seq} Ack = {ack}")
                : string.Create(CultureInfo.InvariantCulture, $"Seq = {seq}");
            _items.Add(new Item(time, Node(src), Node(dst), srcPort, dstPort, label, comment, stream));
        }
    }

    private static string Address(FieldValueSet values, int i)
    {
        UInt128 a = 0;
        var b = values.Bytes(i);
        foreach (byte x in b) a = (a << 8) | x;
        return FlowKey.FormatAddress(a, b.Length == 4 ? AddressKind.IPv4 : AddressKind.IPv6);
    }

    /// <summary>add_or_get_node: the address's column, in order of appearance; past the maximum, an overflow column.</summary>
    private int Node(string address)
    {
        int i = _nodes.IndexOf(address);
        if (i >= 0) return i;
        if (_nodes.Count >= MaxNodes) return MaxNodes + 1;
        _nodes.Add(address);
        return _nodes.Count - 1;
    }

    public void Render(TextWriter w)
    {
        if (_items.Count == 0) return;
        bool severalConvs = false;
        foreach (var it in _items) if (it.Stream != _items[0].Stream) { severalConvs = true; break; }
        string emptyHeader = severalConvs ? "     |         " : "|         ";
        int headerLength = severalConvs ? 16 : 10;
        var sb = new StringBuilder();
        sb.Append(severalConvs ? "Conv.| Time    " : "|Time     ");
        var empty = new StringBuilder();
        for (int i = 0; i < _nodes.Count; i += 2)
        {
            sb.Append(Pad("| " + _nodes[i], NodeWidth * 2));
            empty.Append(Pad("| ", NodeWidth));
        }
        sb.Append("|\n").Append(emptyHeader).Append(Pad("| ", NodeWidth));
        for (int i = 1; i < _nodes.Count; i += 2)
        {
            string label = "| " + _nodes[i];
            if (label.Length < NodeWidth) label = Pad(label, NodeWidth) + "| ";
            sb.Append(Pad(label, NodeWidth * 2));
            empty.Append(Pad("| ", NodeWidth));
        }
        sb.Append('\n');
        empty.Append('|');
        string emptyLine = empty.ToString();
        string separator = new('-', emptyLine.Length + headerLength);

        uint conv = _items[0].Stream;
        foreach (var it in _items)
        {
            int start = it.Src * NodeWidth + NodeWidth / 2, end = it.Dst * NodeWidth + NodeWidth / 2;
            int width;
            if (start != end) width = Math.Abs(end - start);
            else { end = start + NodeWidth; width = NodeWidth; }
            if (it.Stream != conv) { sb.Append(separator).Append('\n'); conv = it.Stream; }
            if (severalConvs) sb.Append(Pad(((ushort)it.Stream).ToString(CultureInfo.InvariantCulture), 5));
            sb.Append(Pad("|" + it.Time, 10));
            var line = new StringBuilder(emptyLine);
            Overwrite(line, it.Label, start, end);
            sb.Append(line).Append(it.Comment).Append('\n');

            sb.Append(emptyHeader);
            line = new StringBuilder(emptyLine);
            string arrow = start < end ? new string('-', Math.Max(0, width - 2)) + ">" : "<" + new string('-', Math.Max(0, width - 2));
            Overwrite(line, arrow, start, end);
            string sp = $"({it.SrcPort.ToString(CultureInfo.InvariantCulture)})", dp = $"({it.DstPort.ToString(CultureInfo.InvariantCulture)})";
            if (start < end)
            {
                Overwrite(line, sp, start - 9, start - 1);
                Overwrite(line, dp, end + 1, end + 9);
            }
            else
            {
                Overwrite(line, sp, start + 1, start + 9);
                Overwrite(line, dp, end - 9, end + 1);
            }
            sb.Append(line).Append('\n');
        }
        w.Write(sb.ToString());
    }

    private static string Pad(string s, int length) => s.Length >= length ? s : s.PadRight(length);

    /// <summary>
    /// sequence_analysis.c's overwrite(): replaces up to |p2-p1| characters from the lower position with the text
    /// (cut to that width). As there, when the span runs past the end the GLib erase is refused and the text is
    /// only inserted, which is what makes long labels push the line's right edge out.
    /// </summary>
    private static void Overwrite(StringBuilder s, string text, int p1, int p2)
    {
        if (p1 == p2) return;
        int pos = Math.Min(p1, p2), len = Math.Abs(p1 - p2);
        if (len > text.Length) len = text.Length;
        else if (len < text.Length) text = text[..len];
        if (pos > s.Length) pos = s.Length;
        if (pos + len <= s.Length) s.Remove(pos, len);
        s.Insert(pos, text);
    }
}
