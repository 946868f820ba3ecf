using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Link;

[FieldTable]
public static class MacsecFields
{
    public static readonly FieldDef Macsec = FieldDef.Protocol("macsec", "802.1AE Security tag");
    public static readonly FieldDef Tci = new("macsec.TCI", "TCI", FieldType.UInt8, FieldBase.Hex, bitmask: 0xFC);
    public static readonly FieldDef TciVersion = new("macsec.TCI.V", "VER", FieldType.UInt8, FieldBase.Hex, bitmask: 0x80);
    public static readonly FieldDef TciEs = new("macsec.TCI.ES", "ES", FieldType.Boolean, bitmask: 0x40, bitWidth: 8);
    public static readonly FieldDef TciSc = new("macsec.TCI.SC", "SC", FieldType.Boolean, bitmask: 0x20, bitWidth: 8);
    public static readonly FieldDef TciScb = new("macsec.TCI.SCB", "SCB", FieldType.Boolean, bitmask: 0x10, bitWidth: 8);
    public static readonly FieldDef TciE = new("macsec.TCI.E", "E", FieldType.Boolean, bitmask: 0x08, bitWidth: 8);
    public static readonly FieldDef TciC = new("macsec.TCI.C", "C", FieldType.Boolean, bitmask: 0x04, bitWidth: 8);
    public static readonly FieldDef An = new("macsec.AN", "AN", FieldType.UInt8, FieldBase.Hex, bitmask: 0x03);
    public static readonly FieldDef ShortLength = new("macsec.SL", "Short length", FieldType.UInt8);
    public static readonly FieldDef PacketNumber = new("macsec.PN", "Packet number", FieldType.UInt32);
    public static readonly FieldDef SystemIdentifier = new("macsec.SCI.system_identifier", "System Identifier", FieldType.Ether);
    public static readonly FieldDef PortIdentifier = new("macsec.SCI.port_identifier", "Port Identifier", FieldType.UInt16);
    public static readonly FieldDef EtherType = new("macsec.etype", "Ethertype", FieldType.UInt16, FieldBase.Hex);
    public static readonly FieldDef Icv = new("macsec.ICV", "ICV", FieldType.Bytes);
}
