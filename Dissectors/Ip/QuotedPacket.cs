using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Ip;

/// <summary>
/// The datagram an ICMP/ICMPv6 error quotes. It is dissected like any packet but as an "error packet": its
/// addresses and ports appear as second occurrences of ip.src etc. without touching the columns or the analysis,
/// and its inevitable truncation is not held against the ICMP message.
/// </summary>
internal static class QuotedPacket
{
    public static void Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, bool ipv6, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (Math.Min(end, frame.Length) <= offset) return;
        bool saved = ctx.InErrorPacket;
        int savedIp = ctx.CurrentIpOffset;
        ctx.InErrorPacket = true;
        // Quotes are cut short by design; the inner layers report what they can and their status is not ours.
        int quoteEnd = Math.Min(end, frame.Length);
        if (ipv6) IPv6Dissector.Dissect(frame, offset, quoteEnd, ref ctx, ref sink, out _);
        else IPv4Dissector.Dissect(frame, offset, quoteEnd, ref ctx, ref sink, out _);
        ctx.InErrorPacket = saved;
        ctx.CurrentIpOffset = savedIp;
    }
}
