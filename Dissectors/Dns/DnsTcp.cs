using System.Buffers.Binary;
using Sniffer.Dissectors.Core;
using Sniffer.Dissectors.Tree;

namespace Sniffer.Dissectors.Dns;

/// <summary>
/// DNS over TCP (RFC 1035 §4.2.2, RFC 7766): each message is preceded by a two-byte length.
/// A segment may hold several messages, or part of one; the TCP layer reassembles using
/// <see cref="PduLength"/> and hands over spans that hold whole messages.
/// </summary>
public static class DnsTcp
{
    public const int LengthPrefix = 2;

    /// <summary>Bytes the PDU starting at <paramref name="data"/> takes (prefix included), or 0 when the prefix is not there yet.</summary>
    public static int PduLength(ReadOnlySpan<byte> data) =>
        data.Length < LengthPrefix ? 0 : LengthPrefix + BinaryPrimitives.ReadUInt16BigEndian(data);

    /// <summary>
    /// Dissects every whole length-prefixed message in [offset, end). A message that does not end in
    /// the data is left to reassembly when the stream layer can do it, else reported as cut short.
    /// </summary>
    public static DissectStatus Dissect<TSink>(StreamPayload payload, int offset, int end, ref PacketContext ctx, ref TSink sink,
        ref DesegmentRequest desegment, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "DNS";
        var data = payload.Data;
        var status = DissectStatus.Complete;
        bool first = true;
        for (int messages = 0; offset < end && status == DissectStatus.Complete && messages < DnsDissector.MaxRecords; messages++)
        {
            int available = Math.Max(0, Math.Min(end, data.Length) - offset);
            int length = PduLength(data.Slice(offset, available));
            if (length == 0 || length > available)
            {
                if (payload.CanDesegment && end <= data.Length)
                {
                    desegment.Request(offset, length == 0 ? DesegmentRequest.OneMoreSegment : length - available);
                    return status;
                }
                if (length == 0) return first ? DissectStatus.Truncated : status;
                length = Math.Min(length, end - offset);
            }
            if (!first)
            {
                // Several messages in one segment: keep the earlier ones' Info, as tshark does.
                ctx.Info?.Append(" , ");
                ctx.Info?.Fence();
            }
            // tcp_dissect_pdus shows each PDU's size in the TCP tree, then hands the PDU over.
            sink.ReopenProtocol(Transport.TcpFields.Tcp);
            sink.AddUInt(Transport.TcpFields.PduSize, offset, length, (ulong)length, Fields.FieldFlags.Generated);
            sink.Pop();
            status = DnsDissector.DissectMessage(data, offset, offset + length, DnsFlavor.Dns, lengthPrefixed: true, ref ctx, ref sink, payload.Frame);
            offset += length;
            first = false;
        }
        return status;
    }
}
