using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Data;
using Sniffer.Dissectors.Ip;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Link;

/// <summary>The "ethertype" dissector table: which protocol an EtherType (or SLL protocol) carries.</summary>
public static class EtherTypeDispatch
{
    public static DissectStatus Dissect<TSink>(ushort etherType, ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        if (++ctx.Depth > 16) { protocol = "Ethernet"; return DissectStatus.Malformed; }
        switch (etherType)
        {
            case EtherTypes.IPv4: return IPv4Dissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
            case EtherTypes.IPv6: return IPv6Dissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
            case EtherTypes.Arp:
            case EtherTypes.Rarp:
                return ArpDissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
            case EtherTypes.Vlan:
            case EtherTypes.QinQ:
            case EtherTypes.QinQOld:
                return VlanDissector.Dissect(etherType, frame, offset, end, ref ctx, ref sink, out protocol);
            case EtherTypes.Mpls:
            case EtherTypes.MplsMulticast:
                return Mpls.MplsDissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
            case MacsecDissector.EtherTypeValue:
                return MacsecDissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
            case Tunnels.NshDissector.EtherTypeValue:
                return Tunnels.NshDissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
            case AristaDissector.EtherTypeValue:
                return AristaDissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
            case EtherTypes.TransparentEthernet:
                return EthernetDissector.Dissect(frame, offset, end, ref ctx, ref sink, out protocol);
            default:
                protocol = "Ethernet";
                if (!ctx.InErrorPacket) ctx.Protocol = EtherTypeProtocolName(etherType);
                ctx.Info?.Set("Ethernet II");
                return DataDissector.Dissect(frame, offset, end, ref ctx, ref sink);
        }
    }

    private static string EtherTypeProtocolName(ushort etherType) => etherType switch
    {
        EtherTypes.Lldp => "LLDP",
        EtherTypes.Mpls => "MPLS",
        0x8863 or EtherTypes.PppoeSession => "PPPoE",
        0x888e => "EAPOL",
        _ => "0x" + etherType.ToString("x4"),
    };
}
