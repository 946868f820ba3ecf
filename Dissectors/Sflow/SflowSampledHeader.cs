using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Ip;
using Sniffer.Dissectors.Link;
using Sniffer.Dissectors.Tree;
using static Sniffer.Dissectors.Sflow.SflowDissector;

namespace Sniffer.Dissectors.Sflow;

/// <summary>
/// The raw packet header record: the first bytes of a sampled packet, dissected by the normal chain as tshark
/// does, so eth/ip/tcp fields gain another occurrence. Like a packet quoted in an ICMP error it leaves the
/// columns and the outer layers alone (Wireshark sets in_error_pkt unless sflow.analyze_samp_ip_headers is on),
/// but TCP still gives it a stream number (see <see cref="PacketContext.SampledHeader"/>).
/// </summary>
internal static class SflowSampledHeader
{
    private const uint Ethernet = 1, IPv4 = 11, IPv6 = 12;

    // protocol | frame length | payload stripped | header length | header bytes (padded to 4)
    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (!Bounds.Has(frame, offset, 16) || end - offset < 16) return SflowSamples.Short(frame, offset, 16, end, ref ctx, ref sink);
        uint protocol = Read(frame, offset), frameLength = Read(frame, offset + 4), headerLength = Read(frame, offset + 12);
        sink.AddUInt(SflowFields.HeaderProtocol, offset, 4, protocol);
        sink.AddUInt(SflowFields.FrameLength, offset + 4, 4, frameLength);
        sink.AddUInt(SflowFields.PayloadStripped, offset + 8, 4, Read(frame, offset + 8));
        sink.AddUInt(SflowFields.SampledHeaderLength, offset + 12, 4, headerLength);
        int start = offset + 16;
        // Wireshark shows (and dissects) the header with its XDR padding.
        long padded = (headerLength + 3L) & ~3L;
        if (padded > end - start)
        {
            Notes.Add(ref ctx, ref sink, SflowExperts.LengthInvalid, offset + 12, 4);
            return DissectStatus.Malformed;
        }
        int length = (int)padded;
        if (!Bounds.Has(frame, start, length)) return Bounds.Missing(frame, start, length, end);
        sink.AddBytes(SflowFields.Header, start, length, frame.Slice(start, length));
        if (length == 0 || protocol is not (Ethernet or IPv4 or IPv6)) return DissectStatus.Complete;
        // sFlow inside a sampled header inside sFlow...: stop where tunnels stop.
        if (ctx.Depth >= 16) return DissectStatus.Complete;

        sink.Push();
        // The inner packet sees only the header's bytes; its own length is the sampled frame's (less any FCS
        // is not known here), so a header cut short by the agent is not a fault of the inner layers.
        var inner = frame[..(start + length)];
        int innerEnd = start + (int)Math.Min(Math.Max(frameLength, (uint)length), (uint)(int.MaxValue - start));
        bool savedError = ctx.InErrorPacket, savedSampled = ctx.SampledHeader;
        int savedIp = ctx.CurrentIpOffset, savedDepth = ctx.Depth;
        ctx.InErrorPacket = true;
        ctx.SampledHeader = true;
        // Each sample starts from the datagram's depth: the EtherType table counts layers and never counts down.
        ctx.Depth = savedDepth + 1;
        switch (protocol)
        {
            case Ethernet: EthernetDissector.Dissect(inner, start, innerEnd, ref ctx, ref sink, out _); break;
            case IPv4: IPv4Dissector.Dissect(inner, start, innerEnd, ref ctx, ref sink, out _); break;
            default: IPv6Dissector.Dissect(inner, start, innerEnd, ref ctx, ref sink, out _); break;
        }
        ctx.Depth = savedDepth;
        ctx.InErrorPacket = savedError;
        ctx.SampledHeader = savedSampled;
        ctx.CurrentIpOffset = savedIp;
        sink.Pop();
        return DissectStatus.Complete;
    }
}
