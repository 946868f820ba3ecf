using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Quic;

/// <summary>
/// QUIC (RFC 9000, RFC 9001, RFC 9369) as tshark 4.0 shows it (packet-quic.c): long and short headers,
/// Version Negotiation and Retry, coalesced packets, and the payload of Initial packets, which anyone
/// can decrypt (RFC 9001 §5.2). Their CRYPTO frames carry the TLS handshake, dissected by the TLS code.
/// The other encryption levels need TLS secrets that a capture does not hold; they are shown as tshark
/// shows them without a key log ("Secrets are not available"). Found like tshark: by its UDP heuristic,
/// after which the whole UDP conversation is QUIC. Connection state lives behind <see cref="IQuicTracker"/>.
/// </summary>
public static class QuicDissector
{
    /// <summary>
    /// The long-header half of tshark's heuristic (dissect_quic_heur): at least 13 bytes, the long header
    /// bit, a version tshark knows to follow draft 11 or later, and connection IDs of at most 20 bytes.
    /// </summary>
    public static bool ProbeLongHeader(ReadOnlySpan<byte> p)
    {
        if (p.Length < 13 || (p[0] & 0x80) == 0) return false;
        if (QuicVersion.Draft(BinaryPrimitives.ReadUInt32BigEndian(p[1..])) < 11) return false;
        int dcil = p[5];
        if (dcil > QuicCid.MaxLength) return false;
        int at = 6 + dcil;
        return at < p.Length && p[at] <= QuicCid.MaxLength;
    }

    /// <summary>
    /// The short-header half (dissect_quic_short_header_heur): a packet after connection migration,
    /// recognised by a known connection ID at its start.
    /// </summary>
    public static bool ProbeShortHeader(ReadOnlySpan<byte> p, IQuicTracker tracker, in QuicEndpoints endpoints)
    {
        if (!tracker.KnowsConnectionIds || p.Length < 1 + 1 + 1 + 16 || (p[0] & 0x80) != 0) return false;
        int length = Math.Min(QuicCid.MaxLength, p.Length - 1 - 1 - 16);
        return tracker.FindShortHeader(endpoints, p.Slice(1, length), out _) is not null;
    }

    /// <summary>The datagram's endpoints from the layers below (IP addresses and UDP ports).</summary>
    public static QuicEndpoints Endpoints(ReadOnlySpan<byte> frame, in LayerInfo layers)
    {
        UInt128 src = EndpointAddress.Read(frame, layers.AddressKind, layers.SrcAddressOffset);
        UInt128 dst = EndpointAddress.Read(frame, layers.AddressKind, layers.DstAddressOffset);
        return new QuicEndpoints(ConversationKey.Unordered(frame, layers, out _), src, layers.SrcPort, dst, layers.DstPort);
    }

    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> frame, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "QUIC";
        ctx.Protocols?.Add("quic");
        if (!ctx.InErrorPacket) ctx.Protocol = "QUIC";
        int captured = Math.Max(0, Math.Min(end, frame.Length) - offset);
        var datagram = frame.Slice(offset, captured);
        int reported = end - offset;
        var tracker = ctx.InErrorPacket ? null : ctx.Analyzer?.Quic;
        var info = ctx.InErrorPacket ? null : ctx.Info;

        QuicDatagram dgram = default;
        if (tracker is not null && datagram.Length >= 1)
        {
            var endpoints = Endpoints(frame, ctx.Layers);
            var ids = ExtractHeader(datagram);
            dgram = tracker.Datagram(ctx.FrameNumber, endpoints, ids, ctx.Visit);
        }

        var status = DissectStatus.Complete;
        int pos = 0;
        QuicCid firstDcid = default;
        for (int index = 0; pos < reported && status == DissectStatus.Complete; index++)
        {
            if (pos >= captured)
            {
                status = DissectStatus.Truncated;
                break;
            }
            int length = MessageLength(datagram, pos, reported - pos);
            var packet = datagram.Slice(pos, Math.Min(length, captured - pos));
            sink.PushProtocol(QuicFields.Quic, offset + pos, packet.Length);
            if (index == 0) ConnectionInfo(dgram.Connection, offset, ref ctx, ref sink);
            if (!SameConnection(packet, dgram, index == 0, ref firstDcid))
            {
                Notes.Add(ref ctx, ref sink, QuicFields.CoalescedPadding, offset + pos, packet.Length, "(Random) padding data appended to the datagram");
                sink.Pop();
                break;
            }
            sink.AddUInt(QuicFields.PacketLength, offset + pos, 0, (ulong)length, FieldFlags.Generated);
            var record = PacketRecord(tracker, ctx.FrameNumber, index, dgram.FirstVisit);
            var packetStatus = QuicPackets.Dissect(packet, length, offset + pos, ref dgram, record, info, ref ctx, ref sink);
            if (dgram.FirstVisit && tracker is not null && record is not null) tracker.Remember(ctx.FrameNumber, index, record);
            sink.Pop();
            if (packetStatus != DissectStatus.Complete) status = packetStatus;
            pos += length;
        }
        return status;
    }

    /// <summary>A fresh record on the first visit, the stored one on a revisit (null when nothing was stored).</summary>
    private static QuicPacketRecord? PacketRecord(IQuicTracker? tracker, uint frame, int index, bool firstVisit)
    {
        if (tracker is null) return null;
        if (firstVisit) return tracker.NewRecord();
        return tracker.Recall(frame, index, out var record) ? record : null;
    }

    private static void ConnectionInfo<TSink>(QuicConnection? connection, int offset, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (sink.WantsTree) sink.AddText("QUIC Connection information", offset, 0);
        sink.Push();
        if (connection is null) Notes.Add(ref ctx, ref sink, QuicFields.UnknownConnection, offset, 0);
        else sink.AddUInt(QuicFields.ConnectionNumber, offset, 0, connection.Number, FieldFlags.Generated);
        sink.Pop();
    }

    /// <summary>
    /// quic_get_message_tvb: a long-header packet other than Retry and Version Negotiation ends where its
    /// Length field says (so another may follow); anything else takes the rest of the datagram.
    /// </summary>
    private static int MessageLength(ReadOnlySpan<byte> datagram, int pos, int remaining)
    {
        var p = datagram[pos..];
        if (p.Length < 5 || (p[0] & 0x80) == 0) return remaining;
        uint version = BinaryPrimitives.ReadUInt32BigEndian(p[1..]);
        byte type = QuicVersion.LongPacketType(p[0], version);
        if (type == QuicVersion.Retry || version == 0) return remaining;
        long length = 5;
        if (length >= p.Length) return remaining;
        length += 1 + p[(int)length];
        if (length >= p.Length) return remaining;
        length += 1 + p[(int)length];
        if (type == QuicVersion.Initial)
        {
            int n = QuicVarint.Read(p, (int)Math.Min(length, p.Length), out ulong tokenLength);
            if (n == 0) return remaining;
            length += n + (long)Math.Min(tokenLength, int.MaxValue);
            if (length >= p.Length) return remaining;
        }
        int m = QuicVarint.Read(p, (int)Math.Min(length, p.Length), out ulong payloadLength);
        if (m == 0 || payloadLength > int.MaxValue) return remaining;
        length += m + (long)payloadLength;
        return length < remaining ? (int)length : remaining;
    }

    /// <summary>
    /// check_dcid_on_coalesced_packet: packets coalesced into one datagram share the connection ID
    /// (RFC 9000 §12.2); a later one that does not is padding.
    /// </summary>
    private static bool SameConnection(ReadOnlySpan<byte> packet, in QuicDatagram dgram, bool first, ref QuicCid firstDcid)
    {
        QuicCid dcid = default;
        if ((packet[0] & 0x80) != 0)
        {
            if (packet.Length >= 6 && packet[5] is > 0 and <= QuicCid.MaxLength && packet.Length >= 6 + packet[5]) dcid = new QuicCid(packet.Slice(6, packet[5]));
        }
        else
        {
            if (dgram.Connection is not { } conn) return true;
            int length = (dgram.FromServer ? conn.ClientCids[0] : conn.ServerCids[0]).Length;
            if (length > 0) dcid = new QuicCid(packet.Slice(1, Math.Min(length, packet.Length - 1)));
        }
        if (first)
        {
            firstDcid = dcid;
            return true;
        }
        return dcid.Equals(firstDcid);
    }

    /// <summary>quic_extract_header: packet type, version and connection IDs, as far as they are captured.</summary>
    public static QuicHeaderIds ExtractHeader(ReadOnlySpan<byte> p)
    {
        var ids = new QuicHeaderIds();
        if (p.Length == 0) return ids;
        if ((p[0] & 0x80) == 0)
        {
            ids.PacketType = QuicVersion.ShortHeader;
            ids.ShortDcid = new QuicCid(p.Slice(1, Math.Min(QuicCid.MaxLength, p.Length - 1)));
            return ids;
        }
        if (p.Length < 5) return ids;
        ids.Version = BinaryPrimitives.ReadUInt32BigEndian(p[1..]);
        ids.PacketType = ids.Version == 0 ? QuicVersion.VersionNegotiationPacket : QuicVersion.LongPacketType(p[0], ids.Version);
        if (p.Length < 6) return ids;
        int dcil = p[5];
        if (dcil is > 0 and <= QuicCid.MaxLength && 6 + dcil <= p.Length) ids.Dcid = new QuicCid(p.Slice(6, dcil));
        int at = 6 + dcil;
        if (at >= p.Length) return ids;
        int scil = p[at];
        if (scil is > 0 and <= QuicCid.MaxLength && at + 1 + scil <= p.Length) ids.Scid = new QuicCid(p.Slice(at + 1, scil));
        return ids;
    }
}
