using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Ip;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Link;

/// <summary>
/// IEEE 802.2 LLC, with SNAP (RFC 1042): what 802.3 (length-field) frames carry. SNAP with OUI 0 names
/// an EtherType; the TCP/IP SAP carries IPv4. Other SAPs and OUIs (spanning tree, Cisco's CDP/PVST+) stay data.
/// </summary>
public static class LlcDissector
{
    // | DSAP (1) | SSAP (1) | Control (1 for U frames, 2 for I and S frames) |
    // SNAP (DSAP = SSAP = 0xaa, UI): | OUI (3) | Protocol ID (2) |
    private const byte SnapSap = 0xAA, IpSap = 0x06;

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "LLC";
        ctx.Protocols?.Add("llc");
        if (!ctx.InErrorPacket) ctx.Protocol = "LLC";
        int available = Math.Max(0, Math.Min(frame.Length, end) - offset);
        if (!Bounds.Has(frame, offset, 3) || offset + 3 > end)
        {
            sink.PushProtocol(LlcFields.Llc, offset, available);
            sink.Pop();
            return Bounds.Missing(frame, offset, 3, end);
        }
        byte dsap = frame[offset], ssap = frame[offset + 1], control = frame[offset + 2];
        bool unnumbered = (control & 3) == 3;
        int controlLength = unnumbered ? 1 : 2;
        bool snap = dsap == SnapSap && ssap == SnapSap && control == 0x03;
        int headerLength = 2 + controlLength + (snap ? 5 : 0);
        if (!Bounds.Has(frame, offset, headerLength) || offset + headerLength > end)
        {
            sink.PushProtocol(LlcFields.Llc, offset, available);
            sink.Pop();
            return Bounds.Missing(frame, offset, headerLength, end);
        }

        sink.PushProtocol(LlcFields.Llc, offset, headerLength);
        AddSap(LlcFields.Dsap, LlcFields.DsapSap, LlcFields.DsapIg, offset, dsap, ref sink);
        AddSap(LlcFields.Ssap, LlcFields.SsapSap, LlcFields.SsapCr, offset + 1, ssap, ref sink);
        string controlText = AddControl(frame, offset + 2, unnumbered, ref sink);
        if (!ctx.InErrorPacket) ctx.Info?.Set(controlText);

        int payload = offset + headerLength;
        if (!snap)
        {
            sink.Pop();
            if (dsap == IpSap && ssap == IpSap) return IPv4Dissector.Dissect(frame, payload, end, ref ctx, ref sink, out protocol);
            return DataDissector.Dissect(frame, payload, end, ref ctx, ref sink);
        }

        uint oui = (uint)(frame[offset + 3] << 16 | frame[offset + 4] << 8 | frame[offset + 5]);
        ushort pid = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 6)..]);
        sink.AddUInt(LlcFields.Oui, offset + 3, 3, oui);
        if (sink.WantsTree) sink.SetLabel($"Organization Code: {FormatOui(oui)}");
        if (ctx.Info is not null && !ctx.InErrorPacket)
        {
            ctx.Info.Append("; SNAP, OUI ").AppendHex(oui, 6).Append(oui == 0 ? " (Encapsulated Ethernet)" : oui == 0x00000C ? " (Cisco Systems, Inc)" : "")
                .Append(", PID ").AppendHex(pid, 4);
        }
        if (oui == 0)
        {
            sink.AddUInt(LlcFields.Type, offset + 6, 2, pid);
            sink.Pop();
            return EtherTypeDispatch.Dissect(pid, frame, payload, end, ref ctx, ref sink, out protocol);
        }
        sink.AddUInt(oui == 0x00000C ? LlcFields.CiscoPid : LlcFields.Pid, offset + 6, 2, pid);
        sink.Pop();
        return DataDissector.Dissect(frame, payload, end, ref ctx, ref sink);
    }

    private static void AddSap<TSink>(Fields.FieldDef field, Fields.FieldDef sapField, Fields.FieldDef bitField, int offset, byte value, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        string? name = LlcFields.SapNames.Find((ulong)(value & 0xFE));
        sink.AddUInt(field, offset, 1, value);
        if (sink.WantsTree) sink.SetLabel($"{field.DisplayName}: {name ?? "Unknown"} (0x{value:x2})");
        sink.Push();
        sink.AddUInt(sapField, offset, 1, value);
        if (sink.WantsTree) sink.SetLabel($"{FieldFormatter.BitPattern(0xFE, value, 8)} = SAP: {name ?? $"Unknown (0x{value & 0xFE:x2})"}");
        sink.AddUInt(bitField, offset, 1, value);
        sink.Pop();
    }

    /// <summary>Adds the control field and returns its summary ("U, func=UI"), as Wireshark's Info column starts.</summary>
    private static string AddControl<TSink>(ReadOnlySpan<byte> frame, int offset, bool unnumbered, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (unnumbered)
        {
            byte c = frame[offset];
            string func = UFunctionName(c & 0xEC);
            string text = $"U, func={func}";
            sink.AddUInt(LlcFields.Control, offset, 1, c);
            if (sink.WantsTree) sink.SetLabel($"Control field: {text} (0x{c:x2})");
            sink.Push();
            sink.AddUInt(LlcFields.ControlUCommand, offset, 1, c);
            sink.AddUInt(LlcFields.ControlFrameType, offset, 1, c);
            sink.Pop();
            return text;
        }
        // I and S frames have a 2-byte control field, read little-end first as on the wire (N(S)/type, then N(R)).
        ushort word = (ushort)(frame[offset + 1] << 8 | frame[offset]);
        bool supervisory = (word & 1) == 1;
        string summary = supervisory
            ? $"S, func={(((word >> 2) & 3) switch { 0 => "RR", 1 => "RNR", 2 => "REJ", _ => "SREJ" })}, N(R)={word >> 9}"
            : $"I, N(R)={word >> 9}, N(S)={(word >> 1) & 0x7F}";
        sink.AddUInt(LlcFields.Control, offset, 2, word);
        if (sink.WantsTree) sink.SetLabel($"Control field: {summary} (0x{word:x4})");
        sink.Push();
        sink.AddUInt(LlcFields.ControlNr, offset, 2, word);
        if (supervisory) sink.AddUInt(LlcFields.ControlSupervisory, offset, 2, word);
        else sink.AddUInt(LlcFields.ControlNs, offset, 2, word);
        sink.AddUInt(LlcFields.ControlFrameType, offset, 1, frame[offset]);
        sink.Pop();
        return summary;
    }

    private static string UFunctionName(int modifier) => modifier switch
    {
        0x00 => "UI", 0x0C => "DM", 0x40 => "DISC", 0x60 => "UA", 0x6C => "SABME", 0x84 => "FRMR", 0xAC => "XID", 0xE0 => "TEST",
        _ => $"0x{modifier:x2}",
    };

    private static string FormatOui(uint oui)
    {
        string text = $"{oui >> 16:x2}:{(oui >> 8) & 0xFF:x2}:{oui & 0xFF:x2}";
        return oui switch
        {
            0 => text + " (Officially Xerox, but 0:0:0:0:0:0 is more common)",
            0x00000C => text + " (Cisco Systems, Inc)",
            _ => text,
        };
    }
}
