namespace Sniffer.Dissectors.Core;

/// <summary>
/// Application data of a byte stream (TCP) as handed to an application dissector: either the
/// segment's own payload in the frame, or a reassembled buffer that ends in this frame.
/// </summary>
public readonly ref struct StreamPayload
{
    public StreamPayload(ReadOnlySpan<byte> data, ReadOnlySpan<byte> frame, int sourceId, bool canDesegment)
    {
        Data = data;
        Frame = frame;
        SourceId = sourceId;
        CanDesegment = canDesegment;
    }

    /// <summary>The bytes the offsets refer to: the frame, or reassembled data (see <see cref="SourceId"/>).</summary>
    public ReadOnlySpan<byte> Data { get; }
    /// <summary>The captured frame itself, where the lower layers' addresses are.</summary>
    public ReadOnlySpan<byte> Frame { get; }
    /// <summary>The data source of <see cref="Data"/>: 0 for the frame (see <see cref="DataSources"/>).</summary>
    public int SourceId { get; }
    /// <summary>
    /// True when the stream layer will reassemble on request (Wireshark's pinfo->can_desegment);
    /// otherwise a dissector shows a partial PDU as best it can.
    /// </summary>
    public bool CanDesegment { get; }
}

/// <summary>
/// What an application dissector asks of the stream layer when a PDU does not end in the data it was
/// given (Wireshark's desegment_offset / desegment_len): keep the bytes from <see cref="Offset"/> and
/// call again once <see cref="MoreBytes"/> more have arrived.
/// </summary>
public struct DesegmentRequest
{
    /// <summary>More bytes are needed, but how many is not known (DESEGMENT_ONE_MORE_SEGMENT).</summary>
    public const int OneMoreSegment = -1;

    /// <summary>Where the incomplete PDU starts, in the same coordinates as the data given.</summary>
    public int Offset;
    /// <summary>0: nothing to do; &gt;0: bytes still missing; <see cref="OneMoreSegment"/>: unknown.</summary>
    public int MoreBytes;

    /// <summary>
    /// When &gt; 0: the PDU's bytes from this offset on (same coordinates as <see cref="Offset"/>) matter only
    /// to fields read from a message body, not to the columns or the header fields. A stream layer told that
    /// no such field is wanted (<see cref="PacketContext.SkipOpaqueBytes"/>) may count them without keeping them.
    /// </summary>
    public int OpaqueFrom;

    public readonly bool Requested => MoreBytes != 0;

    public void Request(int offset, int moreBytes)
    {
        Offset = offset;
        MoreBytes = moreBytes == 0 ? OneMoreSegment : moreBytes;
    }
}
