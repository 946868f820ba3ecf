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

    /// <summary>Dissects every whole length-prefixed message in [offset, end); returns Truncated when the last is cut.</summary>
    public static DissectStatus Dissect<TSink>(ReadOnlySpan<byte> data, int offset, int end, ref PacketContext ctx, ref TSink sink, out string protocol)
        where TSink : struct, IFieldSink
    {
        protocol = "DNS";
        var status = DissectStatus.Complete;
        bool first = true;
        int messages = 0;
        while (offset < end && status == DissectStatus.Complete)
        {
            int available = Math.Min(end, data.Length) - offset;
            int length = PduLength(data.Slice(offset, Math.Max(0, available)));
            if (length == 0 || length > end - offset) return DissectStatus.Truncated;
            if (!first) ctx.Info?.Fence();
            if (!first) ctx.Info?.Append(" , ");
            if (!first) ctx.Info?.Fence();
            status = DnsDissector.DissectMessage(data, offset, offset + length, DnsFlavor.Dns, lengthPrefixed: true, ref ctx, ref sink);
            offset += length;
            first = false;
            if (++messages >= DnsDissector.MaxRecords) break;
        }
        return status;
    }
}
