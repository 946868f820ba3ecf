using Sniffer.Analysis.Flows;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Dns;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Http;
using Sniffer.Dissectors.Tls;
using Sniffer.Dissectors.Transport;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Analysis.Web;

/// <summary>One HTTP message of a frame: the index range of its fields in the frame's value set.</summary>
public readonly record struct HttpMessageRange(int First, int End, bool IsRequest, bool IsResponse);

/// <summary>
/// What the web reports need from one frame, read from the collected field values (one reusable instance,
/// refilled per frame; nothing here outlives the frame except what <see cref="WebActivity"/> copies).
/// </summary>
public sealed class WebFrame
{
    public uint Number;
    public long TimeNs;
    public long RelativeNs;
    public int Length;
    public FieldValueSet Values = null!;

    // Addresses and ports of the innermost IP layer.
    public AddressKind AddressKind;
    public UInt128 Src, Dst;
    public ushort SrcPort, DstPort;

    public bool IsTcp;
    public uint Stream;
    public ushort TcpFlags;
    public uint Seq, Ack, TcpLength;
    public bool Retransmission;

    public bool IsDnsResponse;
    public bool HasClientHello;
    public bool HasAppData;
    public string? Sni;

    public readonly List<HttpMessageRange> Http = new();

    public const ushort Fin = 0x01, Syn = 0x02, Rst = 0x04, AckFlag = 0x10;
    public bool Has(ushort flag) => (TcpFlags & flag) != 0;

    /// <summary>Fills this instance from one dissected frame.</summary>
    public void Read(ReadOnlySpan<byte> data, in PacketContext ctx, FieldValueSet values)
    {
        Number = ctx.FrameNumber;
        TimeNs = ctx.Frame.TimestampNs;
        RelativeNs = ctx.Frame.TimestampNs - ctx.FirstTimestampNs;
        Length = ctx.Frame.OriginalLength;
        Values = values;
        ref readonly var l = ref ctx.Layers;
        AddressKind = l.IpOffset >= 0 ? l.AddressKind : AddressKind.None;
        if (AddressKind is AddressKind.IPv4 or AddressKind.IPv6)
        {
            Src = FlowKey.ReadAddress(data, l.SrcAddressOffset, AddressKind);
            Dst = FlowKey.ReadAddress(data, l.DstAddressOffset, AddressKind);
        }
        else Src = Dst = 0;
        SrcPort = l.SrcPort;
        DstPort = l.DstPort;

        IsTcp = l.Transport == TransportKind.Tcp && values.Has(TcpFields.Stream);
        Stream = 0; TcpFlags = 0; Seq = Ack = TcpLength = 0; Retransmission = false;
        IsDnsResponse = HasClientHello = HasAppData = false;
        Sni = null;
        Http.Clear();

        int httpStart = -1;
        bool request = false, response = false;
        for (int i = 0; i < values.Count; i++)
        {
            var v = values[i];
            var f = v.Field;
            if (f == HttpFields.Http)
            {
                if (httpStart >= 0) Http.Add(new HttpMessageRange(httpStart, i, request, response));
                httpStart = i;
                request = response = false;
            }
            else if (f == HttpFields.Request) request = true;
            else if (f == HttpFields.Response) response = true;
            else if (httpStart >= 0) continue; // the message's own fields are read by HttpMessage
            else if (f == TcpFields.Stream) { if (IsTcp && Stream == 0) Stream = (uint)v.Bits; }
            else if (f == TcpFields.Flags) { if (TcpFlags == 0) TcpFlags = (ushort)v.Bits; }
            else if (f == TcpFields.Seq) { if (Seq == 0) Seq = (uint)v.Bits; }
            else if (f == TcpFields.Ack) { if (Ack == 0) Ack = (uint)v.Bits; }
            else if (f == TcpFields.Len) { if (TcpLength == 0) TcpLength = (uint)v.Bits; }
            else if (f == TcpFields.Retransmission.Field || f == TcpFields.FastRetransmission.Field || f == TcpFields.SpuriousRetransmission.Field) Retransmission = true;
            else if (f == DnsFields.FlagResponse) { if (v.Bits != 0) IsDnsResponse = true; }
            else if (f == TlsFields.HandshakeType) { if (v.Bits == 1) HasClientHello = true; }
            else if (f == TlsFields.ServerName) Sni ??= FieldText.Ascii(values.Bytes(i));
            else if (f == TlsFields.AppData) HasAppData = true;
        }
        if (httpStart >= 0) Http.Add(new HttpMessageRange(httpStart, values.Count, request, response));
    }
}

/// <summary>Text of collected string values (header values and names are ASCII on the wire; other bytes become '?').</summary>
public static class FieldText
{
    public static string Ascii(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return "";
        return string.Create(bytes.Length, bytes.ToArray(), static (span, b) =>
        {
            for (int i = 0; i < b.Length; i++) span[i] = b[i] is >= 0x20 and < 0x7F or (byte)'\t' ? (char)b[i] : '?';
        });
    }

    public static string Latin1(ReadOnlySpan<byte> bytes) => System.Text.Encoding.Latin1.GetString(bytes);
}
