using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Fields;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Dns;

/// <summary>Which protocol carries the DNS message format: plain DNS, mDNS (5353) or LLMNR (5355).</summary>
public enum DnsFlavor : byte { Dns, Mdns, Llmnr }

/// <summary>
/// DNS (RFC 1035) over UDP, and the message body for DNS over TCP (see <see cref="DnsTcp"/>).
/// Pure: the transaction table lives behind <see cref="IPacketAnalyzer.MatchDns"/>.
/// </summary>
public static class DnsDissector
{
    //                                 1  1  1  1  1  1
    //   0  1  2  3  4  5  6  7  8  9  0  1  2  3  4  5
    // +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
    // |                      ID                       |
    // |QR|   Opcode  |AA|TC|RD|RA| Z|AD|CD|   RCODE   |
    // |                    QDCOUNT                    |
    // |                    ANCOUNT                    |
    // |                    NSCOUNT                    |
    // |                    ARCOUNT                    |
    // +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
    public const int HeaderLength = 12;

    /// <summary>
    /// More records than any message can hold (each takes at least 5 bytes of at most 65535): a safety
    /// stop only, never reached; tshark walks every record the counts announce until one cannot be read.
    /// </summary>
    public const int MaxRecords = 1 << 17;

    private const int OpcodeUpdate = 5;

    public static DissectStatus DissectUdp<TSink>(ReadOnlySpan<byte> frame, int offset, int end, DnsFlavor flavor, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = ProtocolName(flavor);
        return DissectMessage(frame, offset, end, flavor, lengthPrefixed: false, ref ctx, ref sink, frame);
    }

    /// <summary>
    /// tshark's "DNS over UDP" heuristic (dissect_dns_heur, enabled by default), tried on UDP payloads no
    /// port claimed: more than a header, a standard query opcode, and counts a real message could have
    /// (a query asks exactly one question and carries no answers; a response at most one question,
    /// 100 answers and 10 authority records; at most 10 additional records either way).
    /// </summary>
    public static bool ProbeUdp(ReadOnlySpan<byte> payload)
    {
        if (payload.Length <= HeaderLength) return false;
        ushort flags = BinaryPrimitives.ReadUInt16BigEndian(payload[2..]);
        if ((flags & 0x7800) != 0) return false;
        ushort questions = BinaryPrimitives.ReadUInt16BigEndian(payload[4..]);
        ushort answers = BinaryPrimitives.ReadUInt16BigEndian(payload[6..]);
        ushort authority = BinaryPrimitives.ReadUInt16BigEndian(payload[8..]);
        ushort additional = BinaryPrimitives.ReadUInt16BigEndian(payload[10..]);
        if ((flags & 0x8000) == 0)
        {
            if (questions != 1 || answers != 0 || authority != 0) return false;
        }
        else if (questions > 1 || answers > 100 || authority > 10) return false;
        return additional <= 10;
    }

    public static string ProtocolName(DnsFlavor flavor) => flavor switch
    {
        DnsFlavor.Mdns => "MDNS",
        DnsFlavor.Llmnr => "LLMNR",
        _ => "DNS",
    };

    private static FieldDef ProtocolField(DnsFlavor flavor) => flavor switch
    {
        DnsFlavor.Mdns => DnsFields.Mdns,
        DnsFlavor.Llmnr => DnsFields.Llmnr,
        _ => DnsFields.Dns,
    };

    /// <summary>
    /// One DNS message at <paramref name="offset"/>, ending at <paramref name="end"/> (the reported
    /// end: bytes past the captured frame are a snaplen cut). With <paramref name="lengthPrefixed"/>
    /// the message is preceded by its two-byte TCP length, which is shown as dns.length.
    /// </summary>
    /// <param name="keyFrame">The captured frame, whose addresses key the transaction (differs from <paramref name="frame"/> for reassembled data).</param>
    public static DissectStatus DissectMessage<TSink>(ReadOnlySpan<byte> frame, int offset, int end, DnsFlavor flavor, bool lengthPrefixed,
        ref PacketContext ctx, ref TSink sink, ReadOnlySpan<byte> keyFrame)
        where TSink : struct, IFieldSink
    {
        var protocolField = ProtocolField(flavor);
        ctx.Protocols?.Add(protocolField.Name);
        if (!ctx.InErrorPacket) ctx.Protocol = ProtocolName(flavor);

        int available = Math.Max(0, Math.Min(end, frame.Length) - offset);
        bool cut = frame.Length < end;
        int prefix = lengthPrefixed ? 2 : 0;
        var msg = frame.Slice(offset + prefix, Math.Max(0, available - prefix));
        int msgBase = offset + prefix;
        var failure = cut ? DissectStatus.Truncated : DissectStatus.Malformed;

        if (msg.Length < HeaderLength)
        {
            // A header cut short: show as much of it as there is, as tshark does.
            sink.PushProtocol(protocolField, offset, available);
            if (msg.Length >= 4)
            {
                ushort shortId = BinaryPrimitives.ReadUInt16BigEndian(msg);
                ushort shortFlags = BinaryPrimitives.ReadUInt16BigEndian(msg[2..]);
                if (sink.WantsTree) sink.SetLabel($"{protocolField.DisplayName} ({((shortFlags & 0x8000) != 0 ? "response" : "query")})");
                sink.AddUInt(DnsFields.Id, msgBase, 2, shortId);
                WriteFlags(shortFlags, msgBase + 2, flavor, ref sink);
                bool shortUpdate = ((shortFlags >> 11) & 0xF) == OpcodeUpdate;
                for (int i = 0; 6 + 2 * i <= msg.Length && i < 4; i++)
                {
                    var countField = i switch
                    {
                        0 => shortUpdate ? DnsFields.CountZones : DnsFields.CountQueries,
                        1 => shortUpdate ? DnsFields.CountPrerequisites : DnsFields.CountAnswers,
                        2 => shortUpdate ? DnsFields.CountUpdates : DnsFields.CountAuth,
                        _ => DnsFields.CountAdd,
                    };
                    sink.AddUInt(countField, msgBase + 4 + 2 * i, 2, BinaryPrimitives.ReadUInt16BigEndian(msg[(4 + 2 * i)..]));
                }
                if (!ctx.InErrorPacket && ctx.Info is { } shortInfo)
                    WriteInfoHeader(shortInfo, shortId, (shortFlags >> 11) & 0xF, shortFlags & 0xF, (shortFlags & 0x8000) != 0);
            }
            sink.Pop();
            return failure;
        }

        ushort id = BinaryPrimitives.ReadUInt16BigEndian(msg);
        ushort flags = BinaryPrimitives.ReadUInt16BigEndian(msg[2..]);
        bool isResponse = (flags & 0x8000) != 0;
        int opcode = (flags >> 11) & 0xF;
        int rcode = flags & 0xF;

        sink.PushProtocol(protocolField, offset, available);
        if (sink.WantsTree) sink.SetLabel($"{protocolField.DisplayName} ({(isResponse ? "response" : "query")})");

        if (lengthPrefixed) sink.AddUInt(DnsFields.Length, offset, 2, BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]));
        sink.AddUInt(DnsFields.Id, msgBase, 2, id);
        WriteFlags(flags, msgBase + 2, flavor, ref sink);
        bool update = opcode == OpcodeUpdate;
        Span<ushort> counts = stackalloc ushort[4];
        for (int i = 0; i < 4; i++) counts[i] = BinaryPrimitives.ReadUInt16BigEndian(msg[(4 + 2 * i)..]);
        sink.AddUInt(update ? DnsFields.CountZones : DnsFields.CountQueries, msgBase + 4, 2, counts[0]);
        sink.AddUInt(update ? DnsFields.CountPrerequisites : DnsFields.CountAnswers, msgBase + 6, 2, counts[1]);
        sink.AddUInt(update ? DnsFields.CountUpdates : DnsFields.CountAuth, msgBase + 8, 2, counts[2]);
        sink.AddUInt(DnsFields.CountAdd, msgBase + 10, 2, counts[3]);

        var info = ctx.InErrorPacket ? null : ctx.Info;
        if (info is not null) WriteInfoHeader(info, id, opcode, rcode, isResponse);

        var records = new DnsRecordReader(msg, end - msgBase, msgBase, info);

        // Match before the records so that even a malformed response finds its request.
        DnsMatch match = default;
        bool matched = false;
        if (ctx.Analyzer is { } analyzer && !ctx.InErrorPacket)
        {
            var key = DnsTransactionKey.From(keyFrame, ctx.Layers, id, isResponse);
            analyzer.MatchDns(ref ctx, key, isResponse, records.AsksZoneTransfer(HeaderLength, counts[0]), out match);
            matched = true;
        }

        int pos = HeaderLength;
        var status = DissectStatus.Complete;
        int budget = MaxRecords;
        for (int section = 0; section < 4 && status == DissectStatus.Complete; section++)
        {
            int count = counts[section];
            if (count == 0) continue;
            if (sink.WantsTree)
            {
                sink.AddText(SectionName(section, update), msgBase + pos, 0);
                sink.Push();
            }
            for (int i = 0; i < count; i++)
            {
                if (--budget < 0)
                {
                    Notes.Add(ref ctx, ref sink, DnsFields.TooManyRecords, msgBase + pos, 0);
                    break;
                }
                int length = section == 0
                    ? records.Question(pos, flavor, ref ctx, ref sink)
                    : records.Record(pos, flavor, ref ctx, ref sink);
                if (length < 0)
                {
                    status = failure;
                    break;
                }
                pos += length;
            }
            if (sink.WantsTree) sink.Pop();
        }

        records.Release();
        if (matched) WriteMatch(in match, isResponse, msgBase, ref ctx, ref sink);
        // Bytes after the last record (the reported length counts, as tshark's does).
        int reportedEnd = Math.Max(0, end - msgBase);
        if (status == DissectStatus.Complete && pos < reportedEnd)
        {
            int extra = reportedEnd - pos;
            if (sink.WantsTree)
            {
                sink.AddText($"Extraneous Data ({extra} bytes)", msgBase + pos, extra);
                sink.Push();
            }
            int shown = Math.Max(0, msg.Length - pos);
            sink.AddBytes(DnsFields.ExtraneousData, msgBase + pos, extra, msg.Slice(pos, shown));
            sink.AddInt(DnsFields.ExtraneousLength, 0, 0, extra, FieldFlags.Generated);
            if (sink.WantsTree) sink.Pop();
        }
        sink.Pop();
        return status;
    }

    private static string SectionName(int section, bool update) => section switch
    {
        0 => update ? "Zone" : "Queries",
        1 => update ? "Prerequisites" : "Answers",
        2 => update ? "Updates" : "Authoritative nameservers",
        _ => "Additional records",
    };

    private static void WriteInfoHeader(InfoColumn info, ushort id, int opcode, int rcode, bool isResponse)
    {
        string? opName = DnsFields.Opcodes.Find((ulong)opcode);
        if (opName is not null) info.Set(opName);
        else info.Set("Unknown operation (").Append((long)opcode).Append(')');
        if (isResponse) info.Append(" response");
        info.Append(' ').AppendHex(id, 4);
        if (isResponse && rcode != 0)
        {
            string? rcName = DnsFields.Rcodes.Find((ulong)rcode);
            if (rcName is not null) info.Append(' ').Append(rcName);
            else info.Append(" Unknown error (").Append((long)rcode).Append(')');
        }
    }

    private static void WriteFlags<TSink>(ushort flags, int offset, DnsFlavor flavor, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        bool isResponse = (flags & 0x8000) != 0;
        sink.AddUInt(DnsFields.Flags, offset, 2, flags);
        if (sink.WantsTree)
        {
            int opcode = (flags >> 11) & 0xF;
            string text = DnsFields.Opcodes.Find((ulong)opcode) ?? "Unknown operation";
            if (isResponse)
            {
                text += " response, " + (DnsFields.Rcodes.Find((ulong)(flags & 0xF)) ?? "Unknown error");
            }
            sink.SetLabel($"Flags: 0x{flags:x4} {text}");
        }
        sink.Push();
        sink.AddUInt(DnsFields.FlagResponse, offset, 2, flags);
        sink.AddUInt(DnsFields.FlagOpcode, offset, 2, flags);
        if (isResponse)
        {
            sink.AddUInt(flavor == DnsFlavor.Llmnr ? DnsFields.FlagConflict : DnsFields.FlagAuthoritative, offset, 2, flags);
        }
        else if (flavor == DnsFlavor.Llmnr)
        {
            sink.AddUInt(DnsFields.FlagConflict, offset, 2, flags);
        }
        sink.AddUInt(DnsFields.FlagTruncated, offset, 2, flags);
        sink.AddUInt(flavor == DnsFlavor.Llmnr ? DnsFields.FlagTentative : DnsFields.FlagRecDesired, offset, 2, flags);
        if (isResponse) sink.AddUInt(DnsFields.FlagRecAvail, offset, 2, flags);
        sink.AddUInt(DnsFields.FlagZ, offset, 2, flags);
        // tshark shows the AD bit of a query only when it is set.
        if (isResponse) sink.AddUInt(DnsFields.FlagAuthenticated, offset, 2, flags);
        else if ((flags & 0x0020) != 0)
        {
            // The same bit in a query (RFC 6840 lets a client ask for it): tshark labels it "AD bit".
            sink.AddUInt(DnsFields.FlagAuthenticated, offset, 2, flags);
            if (sink.WantsTree) sink.SetLabel(".... .... ..1. .... = AD bit: Set");
        }
        sink.AddUInt(DnsFields.FlagCheckDisable, offset, 2, flags);
        if (isResponse) sink.AddUInt(DnsFields.FlagRcode, offset, 2, flags);
        sink.Pop();
    }

    // As dissect_dns_common prints the state: a retransmission names the original instead of the pairing.
    private static void WriteMatch<TSink>(in DnsMatch match, bool isResponse, int idOffset, ref PacketContext ctx, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        if (!isResponse)
        {
            if (match.Retransmission && match.OriginalFrame != 0)
            {
                Notes.Add(ref ctx, ref sink, DnsFields.RetransmitRequest, idOffset, 2,
                    sink.WantsTree ? $"DNS query retransmission. Original request in frame {match.OriginalFrame}" : null);
                sink.AddUInt(DnsFields.RetransmitRequestIn, 0, 0, match.OriginalFrame, FieldFlags.Generated);
                sink.AddUInt(DnsFields.Retransmission, 0, 0, 1, FieldFlags.Generated);
            }
            else if (match.ResponseFrame != 0) sink.AddUInt(DnsFields.ResponseIn, 0, 0, match.ResponseFrame, FieldFlags.Generated);
            return;
        }
        if (match.Unsolicited)
        {
            if (!match.Retransmission) sink.AddUInt(DnsFields.Unsolicited, 0, 0, 1, FieldFlags.Generated);
            return;
        }
        if (match.Retransmission && match.OriginalFrame != 0)
        {
            Notes.Add(ref ctx, ref sink, DnsFields.RetransmitResponse, idOffset, 2,
                sink.WantsTree ? $"DNS response retransmission. Original response in frame {match.OriginalFrame}" : null);
            sink.AddUInt(DnsFields.RetransmitResponseIn, 0, 0, match.OriginalFrame, FieldFlags.Generated);
            sink.AddUInt(DnsFields.Retransmission, 0, 0, 1, FieldFlags.Generated);
            return;
        }
        sink.AddUInt(DnsFields.ResponseTo, 0, 0, match.RequestFrame, FieldFlags.Generated);
        sink.AddTime(DnsFields.Time, 0, 0, match.TimeNs, FieldFlags.Generated);
    }
}
