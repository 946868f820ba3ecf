using System.Buffers.Binary;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Ip;

/// <summary>
/// What Wireshark reads out of well-known IPv6 address formats: the 6to4 gateway (RFC 3056), Teredo server and
/// client (RFC 4380), the MAC behind a SLAAC EUI-64 interface id (RFC 4291 App. A) and ISATAP's IPv4 (RFC 5214).
/// All are generated items shown after the addresses, with a hidden direction-less twin for filters.
/// </summary>
internal static class IPv6AddressDetails
{
    public static void Add<TSink>(ReadOnlySpan<byte> frame, int offset, bool source, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        var a = frame.Slice(offset, 16);
        ushort prefix = BinaryPrimitives.ReadUInt16BigEndian(a);
        if (prefix == 0x2002)
        {
            sink.AddBytes(source ? IPv6Fields.Src6to4Gw : IPv6Fields.Dst6to4Gw, offset + 2, 4, a.Slice(2, 4), FieldFlags.Generated);
            sink.AddBytes(IPv6Fields.Gw6to4, offset + 2, 4, a.Slice(2, 4), FieldFlags.Generated | FieldFlags.Hidden);
            ushort sla = BinaryPrimitives.ReadUInt16BigEndian(a[6..]);
            sink.AddUInt(source ? IPv6Fields.Src6to4Sla : IPv6Fields.Dst6to4Sla, offset + 6, 2, sla, FieldFlags.Generated);
            sink.AddUInt(IPv6Fields.Sla6to4, offset + 6, 2, sla, FieldFlags.Generated | FieldFlags.Hidden);
            return;
        }
        if (BinaryPrimitives.ReadUInt32BigEndian(a) == 0x20010000)
        {
            sink.AddBytes(source ? IPv6Fields.SrcTeredoServer : IPv6Fields.DstTeredoServer, offset + 4, 4, a.Slice(4, 4), FieldFlags.Generated);
            sink.AddBytes(IPv6Fields.TeredoServer, offset + 4, 4, a.Slice(4, 4), FieldFlags.Generated | FieldFlags.Hidden);
            ushort port = (ushort)~BinaryPrimitives.ReadUInt16BigEndian(a[10..]);
            sink.AddUInt(source ? IPv6Fields.SrcTeredoPort : IPv6Fields.DstTeredoPort, offset + 10, 2, port, FieldFlags.Generated);
            sink.AddUInt(IPv6Fields.TeredoPort, offset + 10, 2, port, FieldFlags.Generated | FieldFlags.Hidden);
            Span<byte> client = stackalloc byte[4];
            for (int i = 0; i < 4; i++) client[i] = (byte)~a[12 + i];
            sink.AddBytes(source ? IPv6Fields.SrcTeredoClient : IPv6Fields.DstTeredoClient, offset + 12, 4, client, FieldFlags.Generated);
            sink.AddBytes(IPv6Fields.TeredoClient, offset + 12, 4, client, FieldFlags.Generated | FieldFlags.Hidden);
            return;
        }
        if (a[11] == 0xFF && a[12] == 0xFE)
        {
            Span<byte> mac = stackalloc byte[6];
            mac[0] = (byte)(a[8] ^ 0x02);
            mac[1] = a[9];
            mac[2] = a[10];
            mac[3] = a[13];
            mac[4] = a[14];
            mac[5] = a[15];
            sink.AddBytes(source ? IPv6Fields.SrcSaMac : IPv6Fields.DstSaMac, offset + 8, 8, mac, FieldFlags.Generated);
            sink.AddBytes(IPv6Fields.SaMac, offset + 8, 8, mac, FieldFlags.Generated | FieldFlags.Hidden);
            return;
        }
        if ((a[8] & 0xFD) == 0 && a[9] == 0 && a[10] == 0x5E && a[11] == 0xFE)
        {
            sink.AddBytes(source ? IPv6Fields.SrcIsatap : IPv6Fields.DstIsatap, offset + 12, 4, a.Slice(12, 4), FieldFlags.Generated);
            sink.AddBytes(IPv6Fields.Isatap, offset + 12, 4, a.Slice(12, 4), FieldFlags.Generated | FieldFlags.Hidden);
        }
    }
}
