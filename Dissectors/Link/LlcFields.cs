using Sniffer.Dissectors.Fields;

namespace Sniffer.Dissectors.Link;

[FieldTable]
public static class LlcFields
{
    public static readonly FieldDef Llc = FieldDef.Protocol("llc", "Logical-Link Control");
    public static readonly FieldDef Dsap = new("llc.dsap", "DSAP", FieldType.UInt8, FieldBase.Hex, strings: SapNames);
    public static readonly FieldDef DsapSap = new("llc.dsap.sap", "SAP", FieldType.UInt8, FieldBase.Hex, bitmask: 0xFE);
    public static readonly FieldDef DsapIg = new("llc.dsap.ig", "IG Bit", FieldType.Boolean, bitmask: 0x01, bitWidth: 8, trueFalse: new("Group", "Individual"));
    public static readonly FieldDef Ssap = new("llc.ssap", "SSAP", FieldType.UInt8, FieldBase.Hex, strings: SapNames);
    public static readonly FieldDef SsapSap = new("llc.ssap.sap", "SAP", FieldType.UInt8, FieldBase.Hex, bitmask: 0xFE);
    public static readonly FieldDef SsapCr = new("llc.ssap.cr", "CR Bit", FieldType.Boolean, bitmask: 0x01, bitWidth: 8, trueFalse: new("Response", "Command"));
    public static readonly FieldDef Control = new("llc.control", "Control", FieldType.UInt16, FieldBase.Hex);
    public static readonly FieldDef ControlNr = new("llc.control.n_r", "N(R)", FieldType.UInt16, FieldBase.Dec, bitmask: 0xFE00);
    public static readonly FieldDef ControlNs = new("llc.control.n_s", "N(S)", FieldType.UInt16, FieldBase.Dec, bitmask: 0x00FE);
    public static readonly FieldDef ControlSupervisory = new("llc.control.s_ftype", "Supervisory frame type", FieldType.UInt16, FieldBase.Hex, bitmask: 0x000C,
        strings: new ValueStrings((0, "Receiver ready"), (1, "Receiver not ready"), (2, "Reject"), (3, "Selective reject")));
    public static readonly FieldDef ControlUCommand = new("llc.control.u_modifier_cmd", "Command", FieldType.UInt8, FieldBase.Hex, bitmask: 0xEC, strings: UCommands);
    public static readonly FieldDef ControlFrameType = new("llc.control.ftype", "Frame type", FieldType.UInt16, FieldBase.Hex, bitmask: 0x0003, bitWidth: 8,
        strings: new ValueStrings((0, "Information frame"), (1, "Supervisory frame"), (2, "Information frame"), (3, "Unnumbered frame")));
    public static readonly FieldDef Oui = new("llc.oui", "Organization Code", FieldType.UInt24, FieldBase.Hex);
    public static readonly FieldDef Pid = new("llc.pid", "Protocol ID", FieldType.UInt16, FieldBase.Hex);
    public static readonly FieldDef CiscoPid = new("llc.cisco_pid", "PID", FieldType.UInt16, FieldBase.Hex, strings: new ValueStrings(
        (0x0102, "DRiP"), (0x0104, "PAgP"), (0x0111, "UDLD"), (0x010b, "PVSTP+"), (0x010c, "VLAN Bridge"), (0x2000, "CDP"),
        (0x2003, "VTP"), (0x2004, "DTP"), (0x200a, "STP Uplink Fast"), (0x4242, "PVSTP+")));
    public static readonly FieldDef Type = new("llc.type", "Type", FieldType.UInt16, FieldBase.Hex, strings: EtherTypes.Names);

    public static ValueStrings SapNames => s_saps ??= new(
        (0x00, "NULL LSAP"), (0x02, "LLC Sub-Layer Management"), (0x04, "SNA Path Control"), (0x06, "TCP/IP"), (0x08, "SNA"),
        (0x0C, "SNA"), (0x0E, "PROWAY (IEC955) Network Management and Initialization"), (0x18, "Texas Instruments"),
        (0x42, "Spanning Tree BPDU"), (0x4E, "EIA RS-511 Manufacturing Message Service"), (0x7E, "ISO 8208 (X.25 over 802.2)"),
        (0x80, "XNS"), (0x86, "Nestar"), (0x8E, "PROWAY (IEC 955) Active Station List Maintenance"), (0x98, "ARP"),
        (0xAA, "SNAP"), (0xBC, "Banyan VINES"), (0xE0, "NetWare"), (0xF0, "NetBIOS"), (0xF4, "IBM Net Management"),
        (0xF8, "HP Extended LLC"), (0xFA, "Ungermann-Bass"), (0xFE, "ISO Network Layer (OSLAN 1)"), (0xFF, "Global LSAP"));

    public static ValueStrings UCommands => s_u ??= new(
        (0x00, "Unnumbered Information"), (0x0C, "Disconnect Mode"), (0x40, "Disconnect"), (0x60, "Unnumbered Acknowledge"),
        (0x6C, "Set Asynchronous Balanced Mode Extended"), (0x84, "Frame Reject"), (0xAC, "Exchange Identification"), (0xE0, "Test"));

    private static ValueStrings? s_saps, s_u;
}
