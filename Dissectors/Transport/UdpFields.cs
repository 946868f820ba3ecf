using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Ip;

namespace Sniffer.Dissectors.Transport;

[FieldTable]
public static class UdpFields
{
    public static readonly FieldDef Udp = FieldDef.Protocol("udp", "User Datagram Protocol");
    public static readonly FieldDef SrcPort = new("udp.srcport", "Source Port", FieldType.UInt16);
    public static readonly FieldDef DstPort = new("udp.dstport", "Destination Port", FieldType.UInt16);
    public static readonly FieldDef Port = new("udp.port", "Source or Destination Port", FieldType.UInt16);
    public static readonly FieldDef Length = new("udp.length", "Length", FieldType.UInt16);
    public static readonly FieldDef Checksum = new("udp.checksum", "Checksum", FieldType.UInt16, FieldBase.Hex);
    public static readonly FieldDef ChecksumStatus = new("udp.checksum.status", "Checksum Status", FieldType.UInt8, strings: ChecksumStatusNames.Names);
    public static readonly FieldDef Payload = new("udp.payload", "UDP payload", FieldType.Bytes);
    public static readonly FieldDef Stream = new("udp.stream", "Stream index", FieldType.UInt32);
    public static readonly FieldDef TimeRelative = new("udp.time_relative", "Time since first frame", FieldType.RelativeTime);
    public static readonly FieldDef TimeDelta = new("udp.time_delta", "Time since previous frame", FieldType.RelativeTime);
}
