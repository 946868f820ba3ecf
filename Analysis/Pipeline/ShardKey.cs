using System.Buffers.Binary;
using Sniffer.Capture;

namespace Sniffer.Analysis.Pipeline;

/// <summary>
/// Which of several independent analyses a frame belongs to, so that a capture can be dissected on
/// several cores at once. Every state an analysis keeps across frames (TCP streams and reassembly, DNS,
/// HTTP and TLS matching, IP fragments, UDP conversations) is kept per pair of hosts, so frames are split
/// by the unordered pair of their outermost IP addresses: both directions of a connection, its fragments
/// and its tunnels' inner flows land in the same shard. Frames without an IP header all go to shard 0.
/// </summary>
public static class ShardKey
{
    private const ushort EtherTypeIpv4 = 0x0800, EtherTypeIpv6 = 0x86DD;

    /// <summary>The shard, in [0, <paramref name="shards"/>), of a frame of link type <paramref name="linkType"/>.</summary>
    public static int Of(ReadOnlySpan<byte> frame, int linkType, int shards)
    {
        if (shards <= 1) return 0;
        int ip = IpOffset(frame, linkType);
        if (ip < 0 || ip >= frame.Length) return 0;
        ulong pair;
        switch (frame[ip] >> 4)
        {
            case 4 when ip + 20 <= frame.Length:
                pair = OrderedPair(BinaryPrimitives.ReadUInt32BigEndian(frame[(ip + 12)..]), BinaryPrimitives.ReadUInt32BigEndian(frame[(ip + 16)..]));
                break;
            case 6 when ip + 40 <= frame.Length:
                pair = OrderedPair(Fold(frame.Slice(ip + 8, 16)), Fold(frame.Slice(ip + 24, 16)));
                break;
            default:
                return 0;
        }
        // Fibonacci hashing: the top bits of the product spread neighbouring address pairs evenly.
        ulong mixed = pair * 0x9E3779B97F4A7C15UL;
        return (int)(((mixed >> 32) * (ulong)shards) >> 32);
    }

    private static ulong OrderedPair(uint a, uint b) => a < b ? ((ulong)a << 32) | b : ((ulong)b << 32) | a;

    private static uint Fold(ReadOnlySpan<byte> address) =>
        BinaryPrimitives.ReadUInt32BigEndian(address) ^ BinaryPrimitives.ReadUInt32BigEndian(address[4..]) * 31 ^
        BinaryPrimitives.ReadUInt32BigEndian(address[8..]) * 961 ^ BinaryPrimitives.ReadUInt32BigEndian(address[12..]) * 29791;

    /// <summary>Offset of the first IP header behind the link layer, or -1 when the frame carries none.</summary>
    private static int IpOffset(ReadOnlySpan<byte> frame, int linkType)
    {
        switch (linkType)
        {
            case LinkType.Ethernet:
            {
                int typeAt = 12;
                while (typeAt + 2 <= frame.Length)
                {
                    ushort type = BinaryPrimitives.ReadUInt16BigEndian(frame[typeAt..]);
                    if (type is 0x8100 or 0x88A8 or 0x9100) { typeAt += 4; continue; } // 802.1Q / QinQ tags
                    return type is EtherTypeIpv4 or EtherTypeIpv6 ? typeAt + 2 : -1;
                }
                return -1;
            }
            case LinkType.LinuxSll:
                return frame.Length >= 16 && IsIp(BinaryPrimitives.ReadUInt16BigEndian(frame[14..])) ? 16 : -1;
            case LinkType.LinuxSll2:
                return frame.Length >= 20 && IsIp(BinaryPrimitives.ReadUInt16BigEndian(frame)) ? 20 : -1;
            case LinkType.Null:
            case LinkType.Loop:
                return 4; // the address family's byte order differs by link type; the IP version nibble decides
            case LinkType.Raw:
            case LinkType.RawDlt12:
            case LinkType.RawDlt14:
            case LinkType.Ipv4:
            case LinkType.Ipv6:
                return 0;
            default:
                return -1;
        }
    }

    private static bool IsIp(ushort etherType) => etherType is EtherTypeIpv4 or EtherTypeIpv6;
}
