using System.Buffers.Binary;
using Sniffer.Dissectors.Core;

namespace Sniffer.Tui.Model;

/// <summary>
/// The transport header facts the TUI needs for flows, colouring, the ladder and follow-stream,
/// read straight from the frame using the offsets the dissectors published. Until the TCP dissector
/// publishes its own offsets (LayerInfo.Transport == Tcp) the TCP header is found behind the IP header.
/// </summary>
public readonly record struct TransportPeek(
    byte IpProtocol,
    ushort SrcPort,
    ushort DstPort,
    ushort TcpFlags,
    uint Seq,
    uint Ack,
    int PayloadOffset,
    int PayloadLength)
{
    public const byte Tcp = 6, Udp = 17;

    public bool IsTcp => IpProtocol == Tcp;
    public bool IsUdp => IpProtocol == Udp;
    public bool Has(ushort flag) => (TcpFlags & flag) != 0;

    public static TransportPeek Read(ReadOnlySpan<byte> frame, in LayerInfo layers)
    {
        if (layers.IpOffset < 0) return default;
        int ipEnd = IpPayloadEnd(frame, layers);
        int offset = layers.TransportOffset >= 0 ? layers.TransportOffset : TransportOffset(frame, layers);
        if (offset < 0) return default;
        byte proto = layers.IpProtocol;
        if (proto == Tcp && offset + 20 <= frame.Length)
        {
            var h = frame[offset..];
            int headerLength = (h[12] >> 4) * 4;
            if (headerLength < 20) return default;
            int payload = offset + headerLength;
            int payloadLength = Math.Max(0, Math.Min(ipEnd, frame.Length) - payload);
            // Prefer what the IP header says (bytes on the wire), as tcp.len does.
            if (ipEnd > payload) payloadLength = ipEnd - payload;
            return new TransportPeek(Tcp, BinaryPrimitives.ReadUInt16BigEndian(h), BinaryPrimitives.ReadUInt16BigEndian(h[2..]),
                (ushort)(BinaryPrimitives.ReadUInt16BigEndian(h[12..]) & 0x0FFF),
                BinaryPrimitives.ReadUInt32BigEndian(h[4..]), BinaryPrimitives.ReadUInt32BigEndian(h[8..]),
                payload, Math.Max(0, payloadLength));
        }
        if (proto == Udp && offset + 8 <= frame.Length)
        {
            var h = frame[offset..];
            int length = BinaryPrimitives.ReadUInt16BigEndian(h[4..]) - 8;
            return new TransportPeek(Udp, BinaryPrimitives.ReadUInt16BigEndian(h), BinaryPrimitives.ReadUInt16BigEndian(h[2..]), 0, 0, 0,
                offset + 8, Math.Max(0, length));
        }
        // Other protocols (ICMP, ...): PayloadOffset is where their header starts.
        return new TransportPeek(proto, 0, 0, 0, 0, 0, offset, Math.Max(0, Math.Min(ipEnd, frame.Length) - offset));
    }

    private static int TransportOffset(ReadOnlySpan<byte> frame, in LayerInfo layers)
    {
        int ip = layers.IpOffset;
        if (ip >= frame.Length) return -1;
        if (layers.IpVersion == 4 || (frame[ip] >> 4) == 4)
        {
            // Later fragments carry no transport header.
            if (ip + 8 <= frame.Length && (BinaryPrimitives.ReadUInt16BigEndian(frame[(ip + 6)..]) & 0x1FFF) != 0) return -1;
            return ip + (frame[ip] & 0x0F) * 4;
        }
        // IPv6 without extension headers; with them the real dissector's offset is needed.
        if (ip + 40 <= frame.Length && frame[ip + 6] == layers.IpProtocol) return ip + 40;
        return -1;
    }

    private static int IpPayloadEnd(ReadOnlySpan<byte> frame, in LayerInfo layers)
    {
        int ip = layers.IpOffset;
        if (ip + 8 > frame.Length) return frame.Length;
        if ((frame[ip] >> 4) == 4) return ip + BinaryPrimitives.ReadUInt16BigEndian(frame[(ip + 2)..]);
        return ip + 40 + BinaryPrimitives.ReadUInt16BigEndian(frame[(ip + 4)..]);
    }
}
